/** Reading and clearing the outbox: what this device still has to push. */
import { liveQuery } from 'dexie';
import type { Change } from '../sync/merge';
import type { DaifukuDB } from './schema';

export interface PendingChange {
  seq: number;
  change: Change;
}

/** The oldest pending changes, in the order they were made. */
export async function pendingChanges(db: DaifukuDB, limit: number): Promise<PendingChange[]> {
  const rows = await db.outbox.orderBy(':id').limit(limit).toArray();
  return rows.map((r) => ({ seq: r.seq!, change: r.change }));
}

/** After the server acknowledged them. */
export async function removePushed(db: DaifukuDB, seqs: readonly number[]): Promise<void> {
  await db.outbox.bulkDelete([...seqs]);
}

export function countPending(db: DaifukuDB): Promise<number> {
  return db.outbox.count();
}

/** Calls back with the number of pending changes now and whenever it changes. */
export function watchPendingCount(db: DaifukuDB, onCount: (count: number) => void): () => void {
  const subscription = liveQuery(() => db.outbox.count()).subscribe({ next: onCount, error: () => undefined });
  return () => subscription.unsubscribe();
}
