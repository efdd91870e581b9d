/** Reading and clearing the outbox: what this device still has to push. */
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
