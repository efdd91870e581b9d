/**
 * Row types for every table. Rows that will sync share `SyncedRow`: a client-generated id that is
 * unique across devices, timestamps, a soft-delete tombstone and who/which device wrote it last.
 * Times are epoch milliseconds: compact, index-friendly and unambiguous across time zones.
 */
import type { FollowUpRules } from '../lib/follow-up-ladder';
import type { ItemCategory } from '../lib/kobutsu-rules';
import type { MessageTemplates, SendChannel, TemplateKind } from '../lib/message-templates';
import type { SearchIndex } from '../lib/search-keys';
import type { EarlierVisits, StageRules } from '../lib/stages';
import type { WireChange } from '../../server/sync/protocol';
import type { Change, Clocks } from '../lib/sync/merge';
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
  /**
   * Device-local, never synced or backed up: the sync clock of every field of a row this device
   * wrote whole while syncing, until a change pulled from another device meets it (see ROW_CLOCK
   * in src/db/sync/tables.ts).
   */
  rowClock?: string;
  /** Device-local, as rowClock: the sync clocks of the fields edited since (see ROW_EDITS). */
  rowEdits?: Record<string, string>;
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
  /** The customer who brought them to the shop. */
  referredBy?: Id;
  /** The number another system (a POS's member card) gave them; staff may type it to find them. */
  memberNumber?: string;
}

/** The systems whose customer exports the import knows; 'file' for any other CSV. */
export const VISIT_SOURCES = ['square', 'airregi', 'smaregi', 'file'] as const;
export type VisitSource = (typeof VISIT_SOURCES)[number];

/**
 * Visits another system (a POS) counted before the card came into this ledger, as its export
 * said: how many, and the days it gave. Known by count, not by date: no visit is made up for them
 * on the timeline; the stage rules read them (lib/stages, stageTimes) so an imported regular is
 * not shown as new.
 */
export interface VisitsBefore extends EarlierVisits {
  source: VisitSource;
}

/** Something to talk about at the next visit: the dog's name, their size, what they look for. */
export interface TalkAboutItem {
  id: Id;
  text: string;
  addedAt: number;
  addedBy?: Id;
  /** Retired prompts are kept, out of sight, so a slip of the thumb can be undone. */
  retiredAt?: number;
}

/**
 * How far the shop's care goes, mildest first: 注意 (be careful), 買取お断り (the shop buys nothing
 * from them), 来店お断り (they are not served). Levels above caution stop follow-ups and block a
 * buy-in unless an owner allows it with a reason (src/lib/refusal.ts).
 */
export const CAUTION_LEVELS = ['caution', 'no-buy-ins', 'refused'] as const;
export type CautionLevel = (typeof CAUTION_LEVELS)[number];

/** Set by an owner when staff should be careful with a customer (the shop may refuse abuse). */
export interface CautionFlag {
  reason: string;
  setAt: number;
  setBy?: Id;
  /** Absent on flags set before levels existed (schema version 9 fills it in): caution. */
  level?: CautionLevel;
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
  /** Derived: when each visit happened (contacts excluded), oldest first. Stages come from it. */
  visitTimes: number[];
  /**
   * Derived: the start of the day a former regular counts as lapsed unless they come back, with the
   * shop's stage rules. Indexed for the evening review and lapse nudges. Absent for others.
   */
  lapseAt?: number;
  /** Derived: "MM-DD" of the birthday, indexed for birthday greetings and lists. */
  birthMonthDay?: string;
  /** When `referredBy` was recorded; indexed for "referrals this month". */
  referredAt?: number;
  /** Derived: how many customers (not deleted) name this one as their referrer. */
  referredCount: number;
  talkAbout: TalkAboutItem[];
  caution?: CautionFlag;
  /** Visits counted elsewhere before the card was imported (a POS's visit count and dates). */
  visitsBefore?: VisitsBefore;
}

/** Contact (a follow-up done: a call, a LINE message) is last so the counter's kinds keep their order. */
export const VISIT_KINDS = ['purchase', 'buy-in', 'appraisal', 'consultation', 'other', 'contact'] as const;
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

export const FOLLOW_UP_KINDS = [
  'thank-you',
  'reminder',
  'birthday',
  'lapsed',
  /** The ladder's second step: something useful after a second visit. */
  'tip',
  /** The ladder's step for a new regular: an invitation. */
  'invitation',
  /** For a referrer, once someone they brought has come for the first time. */
  'referral-thanks',
  /** 入荷のお知らせ: an item bought in matches what they are looking for. */
  'came-in',
  /** A while after an appraisal they declined: is the item still with them? */
  'still-with-you',
] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export type FollowUpStatus = 'open' | 'done' | 'dismissed';

/** Something to do for a customer: a thank-you, a reminder, a birthday greeting, a lapse nudge… */
export interface FollowUp extends SyncedRow {
  customerId: Id;
  kind: FollowUpKind;
  status: FollowUpStatus;
  /** The start of the day it is due, in the shop's time zone. */
  dueAt: number;
  /** What to do ("call when the Arita vase comes in"); for suggestions, what prompted them. */
  note: string;
  /** Suggestions by the app carry one key per occasion so they are suggested once. */
  autoKey?: string;
  /** The purchase or buy-in a thank-you is for. */
  visitId?: Id;
  closedAt?: number;
  closedBy?: Id;
  /** How it was done: the channel opened from the follow-up, if any. */
  channel?: SendChannel;
  /** The Contact entry written on the timeline when it was done. */
  contactVisitId?: Id;
  /** The owner's template the message starts from, when not the kind's own (a buy-in's thank-you). */
  template?: TemplateKind;
  /** What the message names: what they bought or sold, the item that came in. */
  subject?: string;
  /** The record that prompted it: the buy-in that matched, the appraisal they declined. */
  record?: RecordRef;
  /** The wanted item a "came in" answers. */
  wantedItemId?: Id;
}

/** 'override': an owner allowed a buy-in the flag's level refuses. */
export type CautionAction = 'set' | 'edit' | 'clear' | 'override';

/** One change to a customer's caution flag, or an owner's override of it; the card shows them all. */
export interface CautionEvent extends SyncedRow {
  customerId: Id;
  action: CautionAction;
  reason: string;
  at: number;
  staffId?: Id;
  /** The flag's level then (absent before levels existed: caution). */
  level?: CautionLevel;
  /** The buy-in an override allowed. */
  ledgerEntryId?: Id;
}

/** A category of goods a wanted item is looked for in, or any. */
export type WantedCategory = ItemCategory | 'any';

/**
 * 探しもの帳: something a customer is looking for. While open, an item the shop buys in that
 * matches it (src/lib/wanted-match.ts) suggests an "It came in" follow-up for them.
 */
export interface WantedItem extends SyncedRow {
  customerId: Id;
  /** In their words: "Arita vase, blue and white", "Seiko 5". */
  text: string;
  category: WantedCategory;
  /** Yen they would pay, as they said it. */
  minPrice?: number;
  maxPrice?: number;
  /** The start of the last day it is looked out for; open-ended when absent. */
  until?: number;
  status: 'open' | 'closed';
  closedAt?: number;
  closedBy?: Id;
  /** Found (it came in, or they found it elsewhere), or no longer wanted. */
  closedReason?: 'found' | 'withdrawn';
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
  stageRules: StageRules;
  /** What the owner saved; absent until then. Read through templatesWithDefaults. */
  messageTemplates?: MessageTemplates;
  /** Once staff have PINs, the counter locks after this many idle minutes (0: never). */
  lockAfterMinutes: number;
  /** The buy-in ledger's settings; absent until the owner first saves them. */
  ledger?: LedgerSettings;
  /**
   * The follow-up ladder's steps and the temperature guard (src/lib/follow-up-ladder.ts), as the
   * owner saved them; absent until then. Read through followUpRulesOf.
   */
  followUpRules?: FollowUpRules;
  /** Where the owner wants the Japanese era (和暦) shown beside dates; absent: nowhere. */
  wareki?: WarekiDisplay;
}

/** Where dates also show their era year (昭和60年): birthdays, and the 古物台帳's dates. */
export interface WarekiDisplay {
  birthdays: boolean;
  ledger: boolean;
}

export type SettingKey = keyof ShopSettings;

export interface SettingRow<K extends SettingKey = SettingKey> {
  key: K;
  value: ShopSettings[K];
  updatedAt: number;
  updatedBy?: Id;
}

/** Facts about this device only (never synced). */
/**
 * The sales and buy-ins noted at the counter on one calendar day of this device (derived from the
 * timeline, device-local; see src/db/insights/money-by-day.ts). Whole yen.
 */
export interface MoneyDayRow {
  day: number;
  sale: number;
  buyIn: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export const AUDIT_ACTIONS = [
  'backup-export',
  'restore',
  'restore-undo',
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
 * interrupted by a closed tab can be rolled back at the next start (src/db/backup/restore.ts).
 */
export interface RestoreJournalRow {
  /** `${table}\u0000${primary key}` */
  key: string;
  table: string;
  /** The row before the restore touched it; absent when the restore added it. */
  before?: Record<string, unknown>;
  /**
   * On a device that syncs: the row's field clocks when the restore first touched it ({} when it
   * had none), so fields another device changed since are told apart from the restore's.
   */
  clocks?: Record<string, string>;
}
/**
 * Changes waiting to be pushed to the shop's server (device-local; see src/lib/sync/merge.ts and
 * src/db/sync/outbox.ts): one, or those of one write of several rows.
 */
export interface OutboxRow {
  seq?: number;
  /** One change: a write of one row, and every row written before schema version 12. */
  change?: Change;
  /** The changes of one write of several rows (an import's batch, a snapshot), in order. */
  changes?: Change[];
  /**
   * Rows of one table written whole, each by one change at its timestamp (`hlcs[i]` wrote
   * `rows[i]`): the fields are read from the row when it is pushed rather than copied here.
   */
  written?: { table: string; rows: string[]; hlcs: string[] };
  /** How many changes `changes` or `written` holds: indexed, so the pending count reads no row. */
  size?: number;
}

/** The timestamp of each synced field's value, per row (device-local). */
export interface FieldClockRow {
  /** `${table}/${rowKey}` */
  id: string;
  clocks: Clocks;
}

/** This device's sync settings and progress (device-local, never synced). */
export type SyncStateRow = { key: string; value?: unknown } & Record<string, unknown>;

/** Why a change was set aside instead of applied (pulled) or sent (made here). */
export type SetAsideReason =
  /** A table, field or value this version does not know. */
  | 'newer-version'
  /** A value of the wrong type or size. */
  | 'invalid'
  /** It would change or remove a buy-in ledger record the law keeps unchanged. */
  | 'ledger-kept'
  /** Its encrypted payload does not open (damaged, or moved onto another row) or is not a payload. */
  | 'undecodable'
  /** Plain in a shop that encrypts, or encrypted in one that does not. */
  | 'unexpected-encryption'
  /** Stamped far ahead of this device's clock. */
  | 'clock-ahead'
  /** Saving it failed on this device for a reason of its own. */
  | 'apply-failed'
  /** Made here, and larger than the server takes. */
  | 'too-large'
  /** Made here, and refused by the server. */
  | 'refused';

/**
 * A change set aside (device-local, never synced, src/db/sync/set-aside.ts): a pulled change this
 * device could not apply, or one of its own the server would not take. Kept whole, with why, so
 * the owner can see it and it can be tried again (after an app update, when a clock catches up).
 */
export interface SetAsideRow {
  /** `pulled:${change id}` or `local:${change id}`. */
  key: string;
  origin: 'pulled' | 'local';
  reason: SetAsideReason;
  /** The fields concerned, when the reason is about some fields. */
  fields?: string[];
  /** When it was set aside. */
  at: number;
  /** The sync rules' signature it was checked with (src/db/sync/fields.ts). */
  rules: string;
  table: string;
  row: string;
  hlc: string;
  /** The server's sequence number of a pulled change. */
  seq?: number;
  /** As it arrived, when it could not be read: read again on the next try. */
  wire?: WireChange;
  /** As read (pulled), or as made here (local). */
  change?: Change;
}
