/**
 * Row types for every table. Rows that will sync share `SyncedRow`: a client-generated id that is
 * unique across devices, timestamps, a soft-delete tombstone and who/which device wrote it last.
 * Times are epoch milliseconds: compact, index-friendly and unambiguous across time zones.
 */
import type { SearchIndex } from '../lib/search-keys';
import type { LedgerSettings } from './ledger-types';

export type Id = string;

export interface SyncedRow {
  id: Id;
  createdAt: number;
  updatedAt: number;
  /** Set when deleted: the row stays as a tombstone so a deletion can be undone and later synced. */
  deletedAt?: number;
  /** The staff member at the counter when the row was last written. */
  updatedBy?: Id;
  /** The device that last wrote the row. */
  deviceId?: string;
}

export const HANDLE_KINDS = ['line', 'instagram', 'x', 'other'] as const;
export type HandleKind = (typeof HANDLE_KINDS)[number];

export interface Handle {
  kind: HandleKind;
  value: string;
}

/** What a person types about a customer; everything else on the row is bookkeeping or derived. */
export interface CustomerFields {
  name: string;
  /** Furigana as typed (たなか はなこ); search and sorting use its normalised forms. */
  reading: string;
  /** E.164 (+819012345678). */
  phones: string[];
  email: string;
  handles: Handle[];
  address: string;
  /** YYYY-MM-DD, or --MM-DD when the year is not known. */
  birthday?: string;
  tags: string[];
  about: string;
}

export interface Customer extends SyncedRow, CustomerFields, SearchIndex {
  /** Derived from visits, kept in the same transaction as any visit write. */
  lastVisitAt?: number;
  /** Derived: the last visit, or creation when later. Orders "Recent". Absent on deleted rows. */
  activityAt?: number;
  /** Derived: the 50音 sort key (reading in hiragana, else the name). Absent on deleted rows. */
  sortKey?: string;
}

export const VISIT_KINDS = ['purchase', 'buy-in', 'appraisal', 'consultation', 'other'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export interface VisitFields {
  at: number;
  kind: VisitKind;
  /** Yen, whole numbers. */
  amount?: number;
  note: string;
}

/** A detailed record a timeline row stands for: it is opened from the row, never edited there. */
export interface RecordRef {
  type: 'appraisal' | 'ledger-entry';
  id: Id;
}

export interface Visit extends SyncedRow, VisitFields {
  customerId: Id;
  /** Who served the customer (the staff member at the counter when it was recorded). */
  staffId?: Id;
  /** Set on the rows an appraisal or a ledger record writes, in the same transaction. */
  record?: RecordRef;
}

export const CONSENT_CHANNELS = ['mail', 'sms', 'line', 'post', 'phone'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export type ConsentMethod = 'in-person' | 'form' | 'self-entry';

/** One channel a customer agreed to be contacted on, with the exact purpose they agreed to. */
export interface Consent extends SyncedRow {
  customerId: Id;
  channel: ConsentChannel;
  purposeText: string;
  purposeVersion: number;
  grantedAt: number;
  method: ConsentMethod;
  staffId?: Id;
  revokedAt?: number;
}

export type StaffRole = 'owner' | 'staff';

export interface Staff extends SyncedRow {
  name: string;
  role: StaffRole;
}

/** The shop's own settings, shared by every device of the shop. */
export interface ShopSettings {
  shopName: string;
  shopAddress: string;
  purposeText: string;
  purposeVersion: number;
  quickNotes: string[];
  /** The buy-in ledger's settings; absent until the owner first saves them. */
  ledger?: LedgerSettings;
}

export type SettingKey = keyof ShopSettings;

export interface SettingRow<K extends SettingKey = SettingKey> {
  key: K;
  value: ShopSettings[K];
  updatedAt: number;
  updatedBy?: Id;
}

/** Facts about this device only (never synced). */
export interface MetaRow {
  key: string;
  value: unknown;
}
