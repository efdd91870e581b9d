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
import { liveQuery } from 'dexie';
import { isBlob } from '../../lib/is-blob';
import type { Change } from '../../lib/sync/merge';
import type { OutboxRow } from '../../model/types';
import type { DaifukuDB } from '../schema';

/**
 * Changes per outbox row at most: as many as a push sends in one request (PUSH_BATCH in
 * src/sync/engine.ts), so a push reads a row whole and removes it whole.
 */
export const CHANGES_PER_ROW = 200;

function rowOf(changes: Change[], seq?: number): OutboxRow {
  const row: OutboxRow = changes.length === 1 ? { change: changes[0]! } : { changes, size: changes.length };
  if (seq !== undefined) row.seq = seq;
  return row;
}

function holdsBytes(change: Change): boolean {
  return change.set !== undefined && Object.values(change.set).some(isBlob);
}

/**
 * The outbox rows that hold `changes`, in their order (to be added in one write). A photo's bytes
 * go in a row of their own: a push sends only a few photos within its byte budget, and a row of
 * many would be written again, bytes and all, after each.
 */
export function outboxRows(changes: readonly Change[]): OutboxRow[] {
  const rows: OutboxRow[] = [];
  let together: Change[] = [];
  const close = () => {
    if (together.length) rows.push(rowOf(together));
    together = [];
  };
  for (const change of changes) {
    if (holdsBytes(change)) {
      close();
      rows.push(rowOf([change]));
      continue;
    }
    together.push(change);
    if (together.length === CHANGES_PER_ROW) close();
  }
  close();
  return rows;
}

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
 * Takes `taken` out of the outbox, in the caller's transaction over it: a row whose changes are
 * all taken goes, a row partly taken keeps the rest (a push cut short by its byte budget).
 */
async function takeOut(db: DaifukuDB, taken: readonly PendingChange[]): Promise<void> {
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
  await db.transaction('rw', db.outbox, () => takeOut(db, pushed));
}

/** Moves `items` out of the outbox, in the caller's transaction over it (set aside, held back). */
export function takeOutOfOutbox(db: DaifukuDB, items: readonly PendingChange[]): Promise<void> {
  return takeOut(db, items);
}

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

const HELD_BACK = 'heldBack';

export interface HeldBackChanges {
  changes: Change[];
  /** When to offer them to the server again (this device's clock, ms). */
  retryAt: number;
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
    await takeOut(db, pending);
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

/** How many changes are set aside for their time, for Settings → Sync. */
export async function countHeldBack(db: DaifukuDB): Promise<number> {
  return (await readHeldBack(db)).changes.length;
}
