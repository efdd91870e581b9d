/**
 * The whole Daifuku database: every table and every schema version in one place.
 *
 * Rules that keep a shop's ledger safe across app updates:
 * - Never edit a released version's stores; add a new version with an upgrade function instead.
 * - Each version has a test (src/db/migrations.test.ts) that writes a database with the previous
 *   version's schema and opens it with the current one, checking nothing was lost.
 */
import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import { guardLedgerEntries } from './ledger/guard';
import type { Appraisal, LedgerEntry, Photo } from '../model/ledger-types';
import { moneyByDayMiddleware } from './insights/money-by-day';
import { syncCaptureMiddleware } from './sync/capture';
import { customersStampMiddleware } from './search/ledger-stamp';
import type {
  AuditEntry,
  CautionEvent,
  Consent,
  Customer,
  FieldClockRow,
  FollowUp,
  MetaRow,
  MoneyDayRow,
  OutboxRow,
  SetAsideRow,
  RestoreJournalRow,
  SettingRow,
  Staff,
  Suppression,
  SyncStateRow,
  Visit,
  WantedItem,
} from '../model/types';
import { upgradeToRelationships } from './upgrades/v2-relationships';
import { seedSuppressionsFromWithdrawals } from './upgrades/v3-suppressions';
import { rebuildSearchKeys } from './upgrades/v6-search-keys';
import { gradeCautionFlags } from './upgrades/v9-caution-levels';
import { makeMoneyByDay } from './upgrades/v11-money-by-day';
import { DATABASE_NAME } from './database-name';

export { DATABASE_NAME };

/** The stores of every released version, oldest first. Tests replay these to build old databases. */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string>;
  /** Fills new fields of rows an earlier version wrote. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: ReadonlyArray<SchemaVersion> = [
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
    // Relationships: stages (visit times, lapse day), referrals, birthdays, follow-ups, caution.
    version: 2,
    stores: {
      customers:
        'id, *searchKeys, sortKey, activityAt, updatedAt, createdAt, referredBy, referredAt, lapseAt, birthMonthDay, *tags',
      visits: 'id, [customerId+at], at, updatedAt, createdAt',
      consents: 'id, customerId, updatedAt',
      staff: 'id',
      settings: 'key',
      meta: 'key',
      followUps: 'id, customerId, [status+dueAt], autoKey, updatedAt',
      cautionHistory: 'id, customerId, updatedAt',
    },
    upgrade: upgradeToRelationships,
  },
  {
    // Data safety: the audit log, the "do not contact" list and the restore journal. Only new
    // tables are listed: a version that restates a table replaces its indexes.
    version: 3,
    stores: {
      audit: 'id, at, subjectId, updatedAt',
      suppressions: 'id, hash, updatedAt',
      restoreJournal: 'key',
    },
    upgrade: seedSuppressionsFromWithdrawals,
  },
  {
    // Sync: pending changes, per-field clocks and this device's sync state. New tables only, so no
    // upgrade: capturing starts when the shop starts sync (see src/db/sync/capture.ts).
    version: 4,
    stores: {
      outbox: '++seq',
      fieldClocks: 'id',
      syncState: 'key',
    },
  },
  {
    // The buy-in ledger (古物台帳): appraisals, purchase and sale records, item photos. Only new
    // tables, and no existing row needs new fields: no upgrade function.
    version: 5,
    stores: {
      appraisals: 'id, customerId, at, updatedAt',
      ledgerEntries: 'id, transactedAt, customerId, corrects, updatedAt',
      photos: 'id, appraisalId, updatedAt',
    },
  },
  {
    // Lighter writes. Every change to a row writes all of its index entries again, and a note
    // saved rewrites the customer's card: the `updatedAt` indexes, never queried (sync reads the
    // outbox), are dropped, and cards lose the search keys a longer key covers (see
    // rebuildSearchKeys). Tables listed here are restated whole, with their remaining indexes.
    version: 6,
    stores: {
      customers:
        'id, *searchKeys, sortKey, activityAt, createdAt, referredBy, referredAt, lapseAt, birthMonthDay, *tags',
      visits: 'id, [customerId+at], at, createdAt',
      consents: 'id, customerId',
      followUps: 'id, customerId, [status+dueAt], autoKey',
      cautionHistory: 'id, customerId',
      audit: 'id, at, subjectId',
      suppressions: 'id, hash',
      appraisals: 'id, customerId, at',
      ledgerEntries: 'id, transactedAt, customerId, corrects',
      photos: 'id, appraisalId',
    },
    upgrade: rebuildSearchKeys,
  },
  {
    // Search moves to memory (see search/search-index.ts): the multi-entry index of search keys,
    // ten entries or so per card written again on every change to it, is dropped. Cards keep
    // their keys, which the in-memory index reads at start.
    version: 7,
    stores: {
      customers: 'id, sortKey, activityAt, createdAt, referredBy, referredAt, lapseAt, birthMonthDay, *tags',
    },
  },
  {
    // Sync that one bad change cannot stop: pulled changes this device cannot apply, and its own
    // the server will not take, are set aside here with why (device-local, never synced). A new
    // table only: no upgrade.
    version: 8,
    stores: {
      syncSetAside: 'key, at, [reason+rules], [reason+hlc]',
    },
  },
  {
    // Growing relationships: 探しもの帳 (wanted items, found for a buy-in by category among the
    // open ones only), follow-ups by the day they were suggested (the evening review's matches),
    // and graded caution flags (existing flags become "caution").
    version: 9,
    stores: {
      wantedItems: 'id, customerId, [status+category]',
      followUps: 'id, customerId, [status+dueAt], autoKey, createdAt',
    },
    upgrade: gradeCautionFlags,
  },
  {
    // Trailing digits of any length: a phone's search keys gain its digits written backwards (a
    // query's last digits, reversed, become a prefix lookup) in place of the last four alone, so
    // the cards of an older ledger get their keys rebuilt (see src/lib/search-keys.ts). No store
    // changes.
    version: 10,
    stores: {},
    upgrade: rebuildSearchKeys,
  },
  {
    // The owner's insights: the amounts noted at the counter as day totals (device-local, kept in
    // step by a middleware; see insights/money-by-day.ts), made from the whole timeline here.
    version: 11,
    stores: {
      moneyByDay: 'day',
    },
    upgrade: makeMoneyByDay,
  },
  {
    // A write of several rows puts their changes in the outbox together, many to a row (see
    // sync/outbox.ts), and such a row's size is indexed so the pending count reads no row. Rows
    // written before hold one change each, as a row of one still does: no upgrade.
    version: 12,
    stores: {
      outbox: '++seq, size',
    },
  },
  {
    // A row written whole while syncing keeps the clocks of the fields edited since in itself
    // (ROW_EDITS in sync/tables.ts) rather than in a field clocks row. An app from before would
    // read those fields' clocks as the row's own and could let an older change from another
    // device win: the new version number closes its tabs (versionchange) and keeps it from
    // opening the ledger. No store changes and nothing to rewrite.
    version: 13,
    stores: {},
  },
];

export class DaifukuDB extends Dexie {
  customers!: EntityTable<Customer, 'id'>;
  visits!: EntityTable<Visit, 'id'>;
  consents!: EntityTable<Consent, 'id'>;
  staff!: EntityTable<Staff, 'id'>;
  settings!: Table<SettingRow, string>;
  meta!: Table<MetaRow, string>;
  followUps!: EntityTable<FollowUp, 'id'>;
  cautionHistory!: EntityTable<CautionEvent, 'id'>;
  audit!: EntityTable<AuditEntry, 'id'>;
  suppressions!: EntityTable<Suppression, 'id'>;
  restoreJournal!: Table<RestoreJournalRow, string>;
  outbox!: Table<OutboxRow, number>;
  fieldClocks!: Table<FieldClockRow, string>;
  syncState!: Table<SyncStateRow, string>;
  appraisals!: EntityTable<Appraisal, 'id'>;
  ledgerEntries!: EntityTable<LedgerEntry, 'id'>;
  photos!: EntityTable<Photo, 'id'>;
  syncSetAside!: Table<SetAsideRow, string>;
  wantedItems!: EntityTable<WantedItem, 'id'>;
  moneyByDay!: Table<MoneyDayRow, number>;

  constructor(name = DATABASE_NAME) {
    super(name);
    for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
    guardLedgerEntries(this.ledgerEntries);
    // Every write to a synced table records its operations in the same transaction, so no feature
    // can forget to (and a write that fails records nothing).
    this.use(syncCaptureMiddleware());
    // Every write of cards changes the customers table's stamp, in the same transaction, so a
    // search snapshot taken before it is never used (see search/snapshot.ts).
    this.use(customersStampMiddleware());
    // Every write to visits or cards keeps the insights' day totals in step, in its transaction.
    this.use(moneyByDayMiddleware());
  }
}

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
