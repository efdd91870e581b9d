/**
 * The whole Daifuku database: every table and every schema version in one place.
 *
 * Rules that keep a shop's ledger safe across app updates:
 * - Never edit a released version's stores; add a new version with an upgrade function instead.
 * - Each version has a test (src/db/migrations.test.ts) that writes a database with the previous
 *   version's schema and opens it with the current one, checking nothing was lost.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import { guardLedgerEntries } from './ledger-guard';
import type { Appraisal, LedgerEntry, Photo } from './ledger-types';
import type { Consent, Customer, MetaRow, SettingRow, Staff, Visit } from './types';

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
    // The buy-in ledger (古物台帳): appraisals, purchase and sale records, item photos. Only new
    // tables, so it changes nothing an earlier version declared (Dexie keeps tables a version
    // leaves out) and no existing row needs new fields: no upgrade function.
    version: 5,
    stores: {
      appraisals: 'id, customerId, at, updatedAt',
      ledgerEntries: 'id, transactedAt, customerId, corrects, updatedAt',
      photos: 'id, appraisalId, updatedAt',
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
  appraisals!: EntityTable<Appraisal, 'id'>;
  ledgerEntries!: EntityTable<LedgerEntry, 'id'>;
  photos!: EntityTable<Photo, 'id'>;

  constructor(name = DATABASE_NAME) {
    super(name);
    for (const { version, stores } of SCHEMA_VERSIONS) {
      this.version(version).stores(stores);
    }
    guardLedgerEntries(this.ledgerEntries);
  }
}

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
