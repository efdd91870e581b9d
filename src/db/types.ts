/**
 * Row types for every table. Rows that will sync share `SyncedRow`: a client-generated id that is
 * unique across devices, timestamps, a soft-delete tombstone and who/which device wrote it last.
 * Times are epoch milliseconds: compact, index-friendly and unambiguous across time zones.
 */
import type { SearchIndex } from '../lib/search-keys';

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
  /** Set when the card was merged into another one (the kept card's id). */
  mergedInto?: Id;
  /** Set when personal data was deleted on request: only anonymous counts remain. */
  anonymizedAt?: number;
  /**
   * Consent to keep health-related notes (APPI's sensitive personal information needs the
   * person's own consent, separate from consent to be contacted).
   */
  healthConsent?: HealthConsent;
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
  /**
   * Health-related (allergies, conditions): sensitive personal information under APPI. Needs the
   * customer's own health consent, and its text never shows outside the card's timeline.
   */
  health?: boolean;
}

export interface Visit extends SyncedRow, VisitFields {
  customerId: Id;
  /** Who served the customer (the staff member at the counter when it was recorded). */
  staffId?: Id;
}

export const CONSENT_CHANNELS = ['mail', 'sms', 'line', 'post', 'phone'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export type ConsentMethod = 'in-person' | 'form' | 'self-entry';

export interface HealthConsent {
  grantedAt: number;
  purposeText: string;
  method: ConsentMethod;
  staffId?: Id;
  revokedAt?: number;
}

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

/** A PIN kept only as a salted PBKDF2 hash (src/lib/pin.ts); the digits are never stored. */
export interface PinHash {
  /** base64 */
  hash: string;
  /** base64 */
  salt: string;
  iterations: number;
}

export interface Staff extends SyncedRow {
  name: string;
  role: StaffRole;
  pin?: PinHash;
}

/** The shop's own settings, shared by every device of the shop. */
export interface ShopSettings {
  shopName: string;
  shopAddress: string;
  purposeText: string;
  purposeVersion: number;
  quickNotes: string[];
  /** Once staff have PINs, the counter locks after this many idle minutes (0: never). */
  lockAfterMinutes: number;
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

export const AUDIT_ACTIONS = [
  'backup-export',
  'restore',
  'import',
  'csv-export',
  'customer-export',
  'personal-data-delete',
  'consent-grant',
  'consent-withdraw',
  'merge',
  'staff-add',
  'staff-remove',
  'role-change',
  'pin-set',
  'pin-clear',
  'self-entry',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One entry of the audit log: who did what to whose data, when. APPI asks a shop to be able to
 * show how personal data was handed out, deleted and consented to. Entries are never edited.
 * `detail` holds counts and options, never a customer's personal data.
 */
export interface AuditEntry extends SyncedRow {
  at: number;
  action: AuditAction;
  staffId?: Id;
  /** The customer (or staff member) the action was about. */
  subjectId?: Id;
  detail?: Record<string, string | number | boolean>;
}

/**
 * "Do not contact" for one contact value (an email, a phone number, a LINE id, an address),
 * kept as a hash so it survives the card's deletion without keeping the value itself. A later
 * consent on the same channel (given after `at`) lifts it.
 */
export interface Suppression extends SyncedRow {
  /** SHA-256 of the normalised contact value (src/lib/suppression.ts). */
  hash: string;
  /** The channel stopped, or 'all' when every message path was stopped. */
  channel: ConsentChannel | 'all';
  reason: 'withdrawn' | 'deleted';
  at: number;
}

/**
 * Device-local (never synced, never backed up): the rows a restore overwrote or added, so a restore
 * interrupted by a closed tab can be rolled back at the next start (src/db/restore.ts).
 */
export interface RestoreJournalRow {
  /** `${table}\u0000${primary key}` */
  key: string;
  table: string;
  /** The row before the restore touched it; absent when the restore added it. */
  before?: Record<string, unknown>;
}
