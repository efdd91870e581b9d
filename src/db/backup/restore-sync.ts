/**
 * A restore on a device that syncs: nothing of it leaves the device until it has committed, and
 * then it leaves as ordinary edits, never as purges.
 *
 * While a restore writes its batches, capturing is off for them (the outbox gets nothing), so a
 * restore that fails and is rolled back was never seen by the shop's other devices. Once it has
 * committed, `publishRestored` walks its journal and records what it changed in each row as one
 * change, stamped now, exactly as the capture middleware (src/db/sync/capture.ts) would have: the
 * backup's values win on every device, rows a replace removed arrive as tombstones (`deletedAt`,
 * which any device can undo), and no row is ever purged.
 *
 * Sync keeps running meanwhile: another device's change may land on a row the restore has already
 * written. The journal keeps each row's field clocks as they were before the restore touched it,
 * so a field whose clock has moved since belongs to that other change: publishing leaves it out,
 * and a rollback keeps it rather than putting back the value from before.
 */
import type { Table, Transaction } from 'dexie';
import { tick } from '../../lib/sync/hlc';
import { changeId, diffRow, PURGED, withDeletionRule, type Change, type Clocks, type Row } from '../../lib/sync/merge';
import { db } from '../db';
import { storedRow } from './restore-rules';
import { markApplyingRemote, type ClockState } from '../sync/capture';
import { readClockState } from '../sync/state';
import { clockIdOf, clocksOfRow, ROW_CLOCK, shapeOf } from '../sync/tables';
import type { FieldClockRow, RestoreJournalRow } from '../../model/types';
import { outboxRows } from '../sync/outbox-rows';

/** Whether this device records its writes for the shop's other devices. */
export async function capturesChanges(): Promise<boolean> {
  return (await readClockState(db))?.capturing === true;
}

/** Writes in `tx` are the restore's own: not captured (they are published after the commit). */
export function writeUncaptured(tx: Transaction): void {
  markApplyingRemote(tx.idbtrans);
}

/**
 * The field clocks of rows, by key (absent: the row has none), from their field clocks rows or the
 * rows themselves (`rows`: the rows as they stand, in the order of `keys`; see clocksOfRow).
 */
export async function clocksOf(table: string, keys: readonly string[], rows: readonly (Row | undefined)[]): Promise<Map<string, Clocks>> {
  return clocksFrom(table, keys, rows, await clockRowsOf(table, keys));
}

/** The rows of `keys` as they stand, and their field clocks (see clocksOf), read together. */
export async function rowsAndClocksOf<T extends Row>(
  table: string,
  keys: readonly string[],
): Promise<[(T | undefined)[], Map<string, Clocks>]> {
  const [rows, written] = await Promise.all([
    db.table(table).bulkGet([...keys]) as Promise<(T | undefined)[]>,
    clockRowsOf(table, keys),
  ]);
  return [rows, clocksFrom(table, keys, rows, written)];
}

function clockRowsOf(table: string, keys: readonly string[]): Promise<(FieldClockRow | undefined)[]> {
  return db.fieldClocks.bulkGet(keys.map((k) => clockIdOf(table, k)));
}

function clocksFrom(
  table: string,
  keys: readonly string[],
  rows: readonly (Row | undefined)[],
  written: readonly (FieldClockRow | undefined)[],
): Map<string, Clocks> {
  const shape = schemaOf(table);
  const out = new Map<string, Clocks>();
  keys.forEach((key, i) => {
    const clocks = clocksOfRow(rows[i], written[i]?.clocks, shape);
    if (clocks) out.set(key, clocks);
  });
  return out;
}

/**
 * Writes out, as field clocks rows, the clocks that rows about to be written by the restore hold
 * themselves (ROW_CLOCK): its writes are not captured, and a row it replaces or marks deleted
 * would otherwise take a clock along that no longer tells when its fields were set.
 */
export async function keepClocksHeldInRows(
  table: string,
  rows: readonly { key: string; before: Row | undefined }[],
  clocks: ReadonlyMap<string, Clocks>,
): Promise<void> {
  const held = rows.filter(({ before }) => before?.[ROW_CLOCK] !== undefined);
  const written: FieldClockRow[] = [];
  for (const { key } of held) {
    const of = clocks.get(key);
    if (of) written.push({ id: clockIdOf(table, key), clocks: of });
  }
  if (written.length) await db.fieldClocks.bulkPut(written);
}

export function isPurged(clocks: Clocks | undefined): boolean {
  return Boolean(clocks?.[PURGED]);
}

/** Fields another writer changed since the journal entry was made. */
function movedFields(journaled: Clocks, now: Clocks): Set<string> {
  const moved = new Set<string>();
  for (const field of new Set([...Object.keys(journaled), ...Object.keys(now)])) {
    if (journaled[field] !== now[field]) moved.add(field);
  }
  return moved;
}

function schemaOf(table: string) {
  return shapeOf(db.core.schema.tables.find((t) => t.name === table)!);
}

/** A card whose synced fields were mixed from two sources gets its derived fields again. */
function withFreshDerived(table: string, row: Row): Row {
  return table === 'customers' ? storedRow(table, row) : row;
}

export type RollbackStep = { put: Row } | { remove: true } | { leave: true };

/**
 * How to take back the restore's write of one row: as it was, except fields another writer has
 * changed since (their clocks moved), which keep that writer's value.
 */
export function rollbackStep(entry: RestoreJournalRow, keyPath: string, key: string, current: Row | undefined, clocks: Clocks | undefined): RollbackStep {
  if (entry.clocks === undefined) return entry.before ? { put: entry.before } : { remove: true };
  const now = clocks ?? {};
  if (isPurged(now)) return { leave: true };
  const moved = movedFields(entry.clocks, now);
  if (moved.size === 0) return entry.before ? { put: entry.before } : { remove: true };
  const row: Row = { ...(entry.before ?? { [keyPath]: key }) };
  for (const field of moved) {
    if (current && current[field] !== undefined) row[field] = current[field];
    else delete row[field];
  }
  return { put: withFreshDerived(entry.table, withDeletionRule(row, now)) };
}

/**
 * Records, for one batch of journal entries, what the restore changed, as this device's own
 * changes. Runs inside a read-write transaction over the entries' tables, the outbox, field
 * clocks and sync state; returns the number of changes recorded.
 */
export async function publishEntries(tx: Transaction, entries: readonly RestoreJournalRow[]): Promise<number> {
  writeUncaptured(tx);
  const clock = (await readClockState(db)) as ClockState | undefined;
  if (!clock?.capturing) return 0;
  const outbox: Change[] = [];
  const clockRows: FieldClockRow[] = [];
  for (const [tableName, group] of groupByTable(entries)) {
    const shape = schemaOf(tableName);
    const table = db.table(tableName) as Table<Row, string>;
    const keys = group.map((e) => e.key.slice(tableName.length + 1));
    const [rows, clocks] = await rowsAndClocksOf(tableName, keys);
    const puts: Row[] = [];
    group.forEach((entry, i) => {
      const current = rows[i];
      const now = clocks.get(keys[i]!) ?? {};
      if (!current || isPurged(now)) return;
      const moved = movedFields(entry.clocks ?? {}, now);
      const set = diffRow(entry.before, current, shape);
      for (const field of moved) delete set?.[field];
      if (!set || Object.keys(set).length === 0) return;
      const hlc = (clock.hlc = tick(clock.hlc, clock.node, Date.now()));
      const next: Clocks = { ...now };
      for (const field of Object.keys(set)) next[field] = hlc;
      const shown = withDeletionRule(current, next);
      if (shown !== current) puts.push(shown);
      outbox.push({ id: changeId(hlc, tableName, keys[i]!), table: tableName, row: keys[i]!, hlc, set });
      clockRows.push({ id: clockIdOf(tableName, keys[i]!), clocks: next });
    });
    if (puts.length) await table.bulkPut(puts);
  }
  if (outbox.length) {
    await db.outbox.bulkAdd(outboxRows(outbox));
    await db.fieldClocks.bulkPut(clockRows);
    await db.syncState.put(clock);
  }
  return outbox.length;
}

export function groupByTable(entries: readonly RestoreJournalRow[]): Map<string, RestoreJournalRow[]> {
  const groups = new Map<string, RestoreJournalRow[]>();
  for (const entry of entries) {
    const group = groups.get(entry.table) ?? [];
    group.push(entry);
    groups.set(entry.table, group);
  }
  return groups;
}
