/**
 * The whole Daifuku database: every table and every schema version in one place.
 *
 * Rules that keep a shop's ledger safe across app updates:
 * - Never edit a released version's stores; add a new version with an upgrade function instead.
 * - Each version has a test (src/db/migrations.test.ts) that writes a database with the previous
 *   version's schema and opens it with the current one, checking nothing was lost.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import { syncCaptureMiddleware } from './sync-capture';
import type { Consent, Customer, FieldClockRow, MetaRow, OutboxRow, SettingRow, Staff, SyncStateRow, Visit } from './types';

export const DATABASE_NAME = 'daifuku';

/** The stores of every released version, oldest first. Tests replay these to build old databases. */
export const SCHEMA_VERSIONS: ReadonlyArray<{ version: number; stores: Record<string, string> }> = [
  {
    version: 1,
    stores: {
      customers: 'id, *searchKeys, sortKey, activityAt, updatedAt',
      visits: 'id, [customerId+at], at, updatedAt',
      consents: 'id, customerId, updatedAt',
      staff: 'id',
      settings: 'key',
      meta: 'key',
    },
  },
  {
    // Sync: pending changes, per-field clocks and this device's sync state. New tables only, so no
    // upgrade: capturing starts when the shop starts sync (see src/db/sync-capture.ts).
    version: 4,
    stores: {
      outbox: '++seq',
      fieldClocks: 'id',
      syncState: 'key',
    },
  },
];

export class DaifukuDB extends Dexie {
  customers!: EntityTable<Customer, 'id'>;
  visits!: EntityTable<Visit, 'id'>;
  consents!: EntityTable<Consent, 'id'>;
  staff!: EntityTable<Staff, 'id'>;
  settings!: Table<SettingRow, string>;
  meta!: Table<MetaRow, string>;
  outbox!: Table<OutboxRow, number>;
  fieldClocks!: Table<FieldClockRow, string>;
  syncState!: Table<SyncStateRow, string>;

  constructor(name = DATABASE_NAME) {
    super(name);
    for (const { version, stores } of SCHEMA_VERSIONS) {
      this.version(version).stores(stores);
    }
    // Every write to a synced table records its operations in the same transaction, so no feature
    // can forget to (and a write that fails records nothing).
    this.use(syncCaptureMiddleware());
  }
}

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
