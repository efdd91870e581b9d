/**
 * The whole Daifuku database: every table and every schema version in one place.
 *
 * Rules that keep a shop's ledger safe across app updates:
 * - Never edit a released version's stores; add a new version with an upgrade function instead.
 * - Each version has a test (src/db/migrations.test.ts) that writes a database with the previous
 *   version's schema and opens it with the current one, checking nothing was lost.
 */
import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import { seedSuppressionsFromWithdrawals } from './upgrades/v3-suppressions';
import type {
  AuditEntry,
  Consent,
  Customer,
  MetaRow,
  RestoreJournalRow,
  SettingRow,
  Staff,
  Suppression,
  Visit,
} from './types';

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
    // Data safety: the audit log, the "do not contact" list and the restore journal.
    version: 3,
    stores: {
      customers: 'id, *searchKeys, sortKey, activityAt, updatedAt',
      visits: 'id, [customerId+at], at, updatedAt',
      consents: 'id, customerId, updatedAt',
      staff: 'id',
      settings: 'key',
      meta: 'key',
      audit: 'id, at, subjectId, updatedAt',
      suppressions: 'id, hash, updatedAt',
      restoreJournal: 'key',
    },
  },
];

/** Upgrade code per version, for rows written before that version existed. */
const UPGRADES: ReadonlyMap<number, (tx: Transaction) => Promise<void>> = new Map([
  [3, seedSuppressionsFromWithdrawals],
]);

export class DaifukuDB extends Dexie {
  customers!: EntityTable<Customer, 'id'>;
  visits!: EntityTable<Visit, 'id'>;
  consents!: EntityTable<Consent, 'id'>;
  staff!: EntityTable<Staff, 'id'>;
  settings!: Table<SettingRow, string>;
  meta!: Table<MetaRow, string>;
  audit!: EntityTable<AuditEntry, 'id'>;
  suppressions!: EntityTable<Suppression, 'id'>;
  restoreJournal!: Table<RestoreJournalRow, string>;

  constructor(name = DATABASE_NAME) {
    super(name);
    for (const { version, stores } of SCHEMA_VERSIONS) {
      const declared = this.version(version).stores(stores);
      const upgrade = UPGRADES.get(version);
      if (upgrade) declared.upgrade(upgrade);
    }
  }
}

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
