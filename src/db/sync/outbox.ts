/**
 * Reading and clearing the outbox: what this device still has to push. Changes the server refused
 * for their time (stamped too far ahead of its clock: this device's clock was wrong) are set aside
 * in syncState rather than dropped or left to block the outbox, and go back to the outbox to be
 * tried again when their retry time comes.
 */
import { liveQuery } from 'dexie';
import type { Change } from '../../lib/sync/merge';
import type { DaifukuDB } from '../schema';

const HELD_BACK = 'heldBack';

export interface HeldBackChanges {
  changes: Change[];
  /** When to offer them to the server again (this device's clock, ms). */
  retryAt: number;
}

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

async function readHeldBack(db: DaifukuDB): Promise<HeldBackChanges> {
  const row = await db.syncState.get(HELD_BACK);
  return (row?.value as HeldBackChanges | undefined) ?? { changes: [], retryAt: 0 };
}

/** Moves refused changes out of the outbox, in one transaction, to be tried again at `retryAt`. */
export async function holdBack(db: DaifukuDB, pending: readonly PendingChange[], retryAt: number): Promise<void> {
  await db.transaction('rw', db.outbox, db.syncState, async () => {
    const held = await readHeldBack(db);
    const value: HeldBackChanges = { changes: [...held.changes, ...pending.map((p) => p.change)], retryAt };
    await db.syncState.put({ key: HELD_BACK, value });
    await db.outbox.bulkDelete(pending.map((p) => p.seq));
  });
}

/** Puts set-aside changes back in the outbox once their retry time has come; returns how many. */
export async function releaseHeldBack(db: DaifukuDB, now: number): Promise<number> {
  return db.transaction('rw', db.outbox, db.syncState, async () => {
    const held = await readHeldBack(db);
    if (held.changes.length === 0 || held.retryAt > now) return 0;
    await db.outbox.bulkAdd(held.changes.map((change) => ({ change })));
    await db.syncState.delete(HELD_BACK);
    return held.changes.length;
  });
}

/** How many changes are set aside for their time, for Settings → Sync. */
export async function countHeldBack(db: DaifukuDB): Promise<number> {
  return (await readHeldBack(db)).changes.length;
}
