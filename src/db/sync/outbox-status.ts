/**
 * What the header and Settings → Sync say of the outbox: how many changes wait, and how many are
 * held back for their time. Apart from the rest of the outbox (outbox.ts) because the header is on
 * the first screen, and pushing is not.
 */
import { liveQuery } from 'dexie';
import type { Change } from '../../lib/sync/merge';
import type { DaifukuDB } from '../schema';

/** How many changes wait: one per plain row, and each bulk row's size (read from its index alone). */
export function countPending(db: DaifukuDB): Promise<number> {
  return db.transaction('r', db.outbox, async () => {
    const [rows, sizes] = await Promise.all([db.outbox.count(), db.outbox.where('size').above(1).keys()]);
    return sizes.reduce<number>((sum, size) => sum + (size as number) - 1, rows);
  });
}

/** Calls back with the number of pending changes now and whenever it changes. */
export function watchPendingCount(db: DaifukuDB, onCount: (count: number) => void): () => void {
  const subscription = liveQuery(() => countPending(db)).subscribe({ next: onCount, error: () => undefined });
  return () => subscription.unsubscribe();
}

export const HELD_BACK = 'heldBack';

export interface HeldBackChanges {
  changes: Change[];
  /** When to offer them to the server again (this device's clock, ms). */
  retryAt: number;
}

export async function readHeldBack(db: DaifukuDB): Promise<HeldBackChanges> {
  const row = await db.syncState.get(HELD_BACK);
  return (row?.value as HeldBackChanges | undefined) ?? { changes: [], retryAt: 0 };
}

/** How many changes are set aside for their time, for Settings → Sync. */
export async function countHeldBack(db: DaifukuDB): Promise<number> {
  return (await readHeldBack(db)).changes.length;
}
