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
import type { TableShape } from '../../lib/sync/merge';

export const OUTBOX = 'outbox';
export const FIELD_CLOCKS = 'fieldClocks';
export const SYNC_STATE = 'syncState';
export const SYNC_SET_ASIDE = 'syncSetAside';
export const SYNC_BOOKKEEPING_TABLES: readonly string[] = [OUTBOX, FIELD_CLOCKS, SYNC_STATE];

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
    shape = { keyPath: table.primaryKey.keyPath as string, localFields: new Set(LOCAL_FIELDS[table.name] ?? []) };
    shapes.set(table.name, shape);
  }
  return shape;
}

export function clockIdOf(table: string, rowKey: string): string {
  return `${table}/${rowKey}`;
}
