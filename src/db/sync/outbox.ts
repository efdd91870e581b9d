/**
 * Reading and clearing the outbox: what this device still has to push. Changes the server refused
 * for their time (stamped too far ahead of its clock: this device's clock was wrong) are set aside
 * in syncState rather than dropped or left to block the outbox, and go back to the outbox to be
 * tried again when their retry time comes.
 *
 * A write of several rows keeps their changes together, up to CHANGES_PER_ROW to an outbox row:
 * IndexedDB's cost is mostly per request: 50,000 cards' changes took 5.6 s to write one to a row
 * in this app's chromium and 0.3 s in rows of 200, and an import with sync on spent more on its
 * outbox than on anything but the cards themselves.
 */
import type { Change } from '../../lib/sync/merge';
import type { OutboxRow } from '../../model/types';
import type { DaifukuDB } from '../schema';
import { CHANGES_PER_ROW, outboxRows, rowOf } from './outbox-rows';
import { HELD_BACK, readHeldBack, type HeldBackChanges } from './outbox-status';

export { CHANGES_PER_ROW, outboxRows };
export { countHeldBack, countPending, watchPendingCount } from './outbox-status';

/** The changes one outbox row holds, in order. */
export function changesIn(row: OutboxRow): Change[] {
  if (Array.isArray(row.changes)) return row.changes;
  return row.change ? [row.change] : [];
}

export interface PendingChange {
  /** The outbox row holding it. */
  seq: number;
  change: Change;
}

/** The oldest pending changes, in the order they were made. */
export async function pendingChanges(db: DaifukuDB, limit: number): Promise<PendingChange[]> {
  const pending: PendingChange[] = [];
  await db.outbox
    .orderBy(':id')
    .until(() => pending.length >= limit)
    .each((row) => {
      for (const change of changesIn(row)) pending.push({ seq: row.seq!, change });
    });
  return pending.slice(0, limit);
}

/** Every pending change, in order (for a small outbox: it reads every row). */
export async function outboxChanges(db: DaifukuDB): Promise<Change[]> {
  return (await db.outbox.orderBy(':id').toArray()).flatMap(changesIn);
}

/**
 * Takes `taken` out of the outbox, in the caller's transaction over it (pushed, set aside, held
 * back): a row whose changes are all taken goes, a row partly taken keeps the rest (a push cut
 * short by its byte budget).
 */
export async function takeOutOfOutbox(db: DaifukuDB, taken: readonly PendingChange[]): Promise<void> {
  const idsBySeq = new Map<number, Set<string>>();
  for (const { seq, change } of taken) {
    const ids = idsBySeq.get(seq);
    if (ids) ids.add(change.id);
    else idsBySeq.set(seq, new Set([change.id]));
  }
  const seqs = [...idsBySeq.keys()];
  const rows = await db.outbox.bulkGet(seqs);
  const gone: number[] = [];
  const kept: OutboxRow[] = [];
  rows.forEach((row, i) => {
    if (!row) return;
    const ids = idsBySeq.get(seqs[i]!)!;
    const rest = changesIn(row).filter((change) => !ids.has(change.id));
    if (rest.length === 0) gone.push(seqs[i]!);
    else kept.push(rowOf(rest, seqs[i]));
  });
  if (gone.length) await db.outbox.bulkDelete(gone);
  if (kept.length) await db.outbox.bulkPut(kept);
}

/** After the server acknowledged them. */
export async function removePushed(db: DaifukuDB, pushed: readonly PendingChange[]): Promise<void> {
  if (pushed.length === 0) return;
  await db.transaction('rw', db.outbox, () => takeOutOfOutbox(db, pushed));
}

/** Moves refused changes out of the outbox, in one transaction, to be tried again at `retryAt`. */
export async function holdBack(db: DaifukuDB, pending: readonly PendingChange[], retryAt: number): Promise<void> {
  await db.transaction('rw', db.outbox, db.syncState, async () => {
    const held = await readHeldBack(db);
    const value: HeldBackChanges = { changes: [...held.changes, ...pending.map((p) => p.change)], retryAt };
    await db.syncState.put({ key: HELD_BACK, value });
    await takeOutOfOutbox(db, pending);
  });
}

/** Puts set-aside changes back in the outbox once their retry time has come; returns how many. */
export async function releaseHeldBack(db: DaifukuDB, now: number): Promise<number> {
  return db.transaction('rw', db.outbox, db.syncState, async () => {
    const held = await readHeldBack(db);
    if (held.changes.length === 0 || held.retryAt > now) return 0;
    await db.outbox.bulkAdd(outboxRows(held.changes));
    await db.syncState.delete(HELD_BACK);
    return held.changes.length;
  });
}
