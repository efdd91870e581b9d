/**
 * Which tables and fields sync. One rule, so tables added later sync without touching sync code:
 *
 *   every table syncs, except the device-local ones listed here, as long as its primary key is a
 *   single inbound property that is not auto-incremented (ids must be unique across devices:
 *   use newId()). An auto-increment table stays on the device.
 *
 * Fields a device derives from others (search index, sort keys, "last visit") never sync: each
 * device recomputes them after applying changes (see src/db/sync/apply.ts, DERIVE_AFTER_SYNC).
 * A new derived field belongs in LOCAL_FIELDS, with its recomputation in DERIVE_AFTER_SYNC.
 */
import type { DBCoreSchema, DBCoreTableSchema } from 'dexie';
import { fieldsOf, type Clocks, type Row, type TableShape } from '../../lib/sync/merge';

export const OUTBOX = 'outbox';
export const FIELD_CLOCKS = 'fieldClocks';
export const SYNC_STATE = 'syncState';
export const SYNC_SET_ASIDE = 'syncSetAside';
export const SYNC_BOOKKEEPING_TABLES: readonly string[] = [OUTBOX, FIELD_CLOCKS, SYNC_STATE];

/**
 * The clock of a row written whole while this device captures (no row and no field clocks before):
 * every synced field it holds was set then, so that one timestamp is kept in the row itself rather
 * than in a field clocks row of its own. An import of 50,000 cards wrote 50,000 such rows, one
 * IndexedDB request each: most of what sync added to it. A field clocks row, once written, is the
 * row's clocks from then on (see clocksOfRow). Device-local in every synced table, like the
 * fields in LOCAL_FIELDS: it never syncs and no backup carries it.
 */
export const ROW_CLOCK = 'rowClock';

/**
 * Beside ROW_CLOCK, the clocks of the fields edited since the row was written whole, while no
 * field clocks row exists for it: an edit leaves its clocks in the row it writes anyway, rather
 * than writing out every field's clock in a field clocks row (leaving out those writes took 1–2 s
 * off a 13 s import with sync on, whose later records fill cards it wrote). Device-local, as
 * ROW_CLOCK.
 */
export const ROW_EDITS = 'rowEdits';

/**
 * Facts about this device only: its identity, sync bookkeeping, a restore in progress here, and
 * totals it derives from the synced tables in its own time zone.
 */
export const DEVICE_LOCAL_TABLES: ReadonlySet<string> = new Set([
  'meta',
  'moneyByDay',
  'restoreJournal',
  SYNC_SET_ASIDE,
  ...SYNC_BOOKKEEPING_TABLES,
]);

export const LOCAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  customers: [
    'searchKeys',
    'searchRanks',
    'sortKey',
    'activityAt',
    'lastVisitAt',
    'visitTimes',
    'lapseAt',
    'birthMonthDay',
    'referredCount',
  ],
};

export function isSyncedTable(table: DBCoreTableSchema): boolean {
  const { keyPath, autoIncrement } = table.primaryKey;
  return !DEVICE_LOCAL_TABLES.has(table.name) && typeof keyPath === 'string' && !autoIncrement;
}

export function syncedTableNames(schema: DBCoreSchema): string[] {
  return schema.tables.filter(isSyncedTable).map((t) => t.name);
}

const shapes = new Map<string, TableShape>();

export function shapeOf(table: DBCoreTableSchema): TableShape {
  let shape = shapes.get(table.name);
  if (!shape) {
    shape = {
      keyPath: table.primaryKey.keyPath as string,
      localFields: new Set([...(LOCAL_FIELDS[table.name] ?? []), ROW_CLOCK, ROW_EDITS]),
    };
    shapes.set(table.name, shape);
  }
  return shape;
}

export function clockIdOf(table: string, rowKey: string): string {
  return `${table}/${rowKey}`;
}

/**
 * A row's field clocks: its field clocks row's when it has one; else, for a row that holds its own
 * clock (ROW_CLOCK), each synced field it holds at that clock, and the fields edited since at
 * theirs (ROW_EDITS); else none (undefined).
 */
export function clocksOfRow(row: Row | undefined, written: Clocks | undefined, shape: TableShape): Clocks | undefined {
  if (written) return written;
  const at = row?.[ROW_CLOCK];
  if (!row || typeof at !== 'string') return undefined;
  const clocks: Clocks = {};
  for (const field in fieldsOf(row, shape)) clocks[field] = at;
  return Object.assign(clocks, row[ROW_EDITS]);
}

/** `row` without the clocks it may hold (ROW_CLOCK, ROW_EDITS): as a file (a backup, a data export) shows it, or an edit writes it. */
export function withoutRowClock<T extends object>(row: T): T {
  if (!(ROW_CLOCK in row) && !(ROW_EDITS in row)) return row;
  const { [ROW_CLOCK]: _clock, [ROW_EDITS]: _edits, ...rest } = row as T & { [ROW_CLOCK]?: unknown; [ROW_EDITS]?: unknown };
  return rest as T;
}
