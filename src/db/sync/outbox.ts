/**
 * Reading and clearing the outbox: what this device still has to push. Changes the server refused
 * for their time (stamped too far ahead of its clock: this device's clock was wrong) are set aside
 * in syncState rather than dropped or left to block the outbox, and go back to the outbox to be
 * tried again when their retry time comes.
 *
 * A write of several rows keeps their changes together, up to CHANGES_PER_ROW to an outbox row:
 * IndexedDB's cost is mostly per request: 50,000 cards' changes took 5.6 s to write one to a row
 * in this app's chromium and 0.3 s in rows of 200, and an import with sync on spent more on its
 * outbox than on anything but the cards themselves. A row written whole is named rather than
 * copied (WrittenWhole): its change is read from the row when it is pushed (resolveWritten).
 */
import { changeId, fieldsByClock, fieldsOf, type Change, type Row } from '../../lib/sync/merge';
import type { FieldClockRow, OutboxRow } from '../../model/types';
import type { DaifukuDB } from '../schema';
import { CHANGES_PER_ROW, isWrittenWhole, outboxRows, rowOf, type OutboxEntry, type WrittenWhole } from './outbox-rows';
import { HELD_BACK, readHeldBack, type HeldBackChanges } from './outbox-status';
import { clockIdOf, clocksOfRow, shapeOf, syncedTableNames } from './tables';

export { CHANGES_PER_ROW, outboxRows };
export { countHeldBack, countPending, watchPendingCount } from './outbox-status';

/** What one outbox row holds, in order. */
export function entriesIn(row: OutboxRow): OutboxEntry[] {
  if (row.written) {
    const { table, rows, hlcs } = row.written;
    return rows.map((key, i): WrittenWhole => ({ whole: true, table, row: key, hlc: hlcs[i]! }));
  }
  if (Array.isArray(row.changes)) return row.changes;
  return row.change ? [row.change] : [];
}

function idOf(entry: OutboxEntry): string {
  return isWrittenWhole(entry) ? changeId(entry.hlc, entry.table, entry.row) : entry.id;
}

export interface PendingChange {
  /** The outbox row holding it. */
  seq: number;
  change: Change;
}

interface PendingEntry {
  seq: number;
  entry: OutboxEntry;
}

/**
 * The changes the rows written whole were, read from the rows as they stand: each field still at
 * the change's timestamp, with the value it has held since. A field written again since (here or
 * by a change pulled from another device) is left to that later change, which carries it at its
 * own timestamp, so no value goes out older than it is; a row purged since, or with nothing left
 * at that timestamp, has nothing to send (undefined). A row that somehow lost its clocks is sent
 * whole rather than not at all.
 */
async function resolveWritten(db: DaifukuDB, written: readonly WrittenWhole[]): Promise<(Change | undefined)[]> {
  const resolved: (Change | undefined)[] = new Array(written.length);
  const byTable = new Map<string, number[]>();
  written.forEach((w, i) => {
    const at = byTable.get(w.table);
    if (at) at.push(i);
    else byTable.set(w.table, [i]);
  });
  for (const [table, at] of byTable) {
    const schema = db.core.schema.tables.find((t) => t.name === table);
    if (!schema) continue;
    const shape = shapeOf(schema);
    const keys = at.map((i) => written[i]!.row);
    const [rows, clockRows] = await Promise.all([
      db.table(table).bulkGet(keys) as Promise<(Row | undefined)[]>,
      db.fieldClocks.bulkGet(keys.map((key) => clockIdOf(table, key))) as Promise<(FieldClockRow | undefined)[]>,
    ]);
    at.forEach((i, n) => {
      const { row: key, hlc } = written[i]!;
      const row = rows[n];
      if (!row) return;
      const clocks = clocksOfRow(row, clockRows[n]?.clocks, shape);
      const set = clocks ? fieldsByClock(row, clocks, shape).get(hlc) : fieldsOf(row, shape);
      if (set && Object.keys(set).length > 0) resolved[i] = { id: changeId(hlc, table, key), table, row: key, hlc, set };
    });
  }
  return resolved;
}

/** The oldest pending entries, at most `limit`, with the changes they are (undefined: nothing to send). */
async function readPending(db: DaifukuDB, limit: number): Promise<{ entries: PendingEntry[]; changes: (Change | undefined)[] }> {
  const tables = syncedTableNames(db.core.schema).map((name) => db.table(name));
  return db.transaction('r', [db.outbox, db.fieldClocks, ...tables], async () => {
    const entries: PendingEntry[] = [];
    await db.outbox
      .orderBy(':id')
      .until(() => entries.length >= limit)
      .each((row) => {
        for (const entry of entriesIn(row)) entries.push({ seq: row.seq!, entry });
      });
    entries.length = Math.min(entries.length, limit);
    const written: WrittenWhole[] = [];
    for (const { entry } of entries) if (isWrittenWhole(entry)) written.push(entry);
    const fromRows = written.length ? await resolveWritten(db, written) : [];
    let next = 0;
    const changes = entries.map(({ entry }) => (isWrittenWhole(entry) ? fromRows[next++] : entry));
    return { entries, changes };
  });
}

/**
 * The oldest pending changes, in the order they were made. Rows written whole that have nothing
 * left to send are taken out of the outbox on the way.
 */
export async function pendingChanges(db: DaifukuDB, limit: number): Promise<PendingChange[]> {
  for (;;) {
    const { entries, changes } = await readPending(db, limit);
    const pending: PendingChange[] = [];
    const nothing: PendingEntry[] = [];
    entries.forEach((pendingEntry, i) => {
      const change = changes[i];
      if (change) pending.push({ seq: pendingEntry.seq, change });
      else nothing.push(pendingEntry);
    });
    if (nothing.length) await db.transaction('rw', db.outbox, () => takeEntriesOut(db, nothing));
    if (pending.length > 0 || nothing.length === 0) return pending;
  }
}

/** Every pending change, in order (for a small outbox: it reads every row). */
export async function outboxChanges(db: DaifukuDB): Promise<Change[]> {
  const { changes } = await readPending(db, Infinity);
  return changes.filter((change): change is Change => change !== undefined);
}

/**
 * Takes `taken` out of the outbox, in the caller's transaction over it (pushed, set aside, held
 * back): a row whose changes are all taken goes, a row partly taken keeps the rest (a push cut
 * short by its byte budget).
 */
export async function takeOutOfOutbox(db: DaifukuDB, taken: readonly PendingChange[]): Promise<void> {
  await takeEntriesOut(
    db,
    taken.map(({ seq, change }) => ({ seq, entry: change })),
  );
}

async function takeEntriesOut(db: DaifukuDB, taken: readonly PendingEntry[]): Promise<void> {
  const idsBySeq = new Map<number, Set<string>>();
  for (const { seq, entry } of taken) {
    const ids = idsBySeq.get(seq);
    if (ids) ids.add(idOf(entry));
    else idsBySeq.set(seq, new Set([idOf(entry)]));
  }
  const seqs = [...idsBySeq.keys()];
  const rows = await db.outbox.bulkGet(seqs);
  const gone: number[] = [];
  const kept: OutboxRow[] = [];
  rows.forEach((row, i) => {
    if (!row) return;
    const ids = idsBySeq.get(seqs[i]!)!;
    const rest = entriesIn(row).filter((entry) => !ids.has(idOf(entry)));
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
