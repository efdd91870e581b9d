/**
 * Rows of the buy-in ledger (古物台帳): appraisals, the ledger's purchase and sale records, and item
 * photos. All are SyncedRow-shaped so sync can carry them like any other table.
 */
import type {
  GuardianMethod,
  IdDocument,
  IdMethod,
  ItemCategory,
  SaleRecordRules,
} from '../lib/kobutsu-rules';
import type { Id, SyncedRow } from './types';

/** One line of goods: what the law calls 品目, 数量 and 特徴, with the price for the line. */
export interface LedgerItem {
  category: ItemCategory;
  description: string;
  /** Brand, model, serial number, colour, condition: what identifies this very object. */
  features: string;
  quantity: number;
  /** Yen for the whole line (all of its quantity). */
  price: number;
  photoId?: Id;
}

export interface AppraisalItem extends LedgerItem {
  /** The customer accepted the offer for this item. */
  accepted: boolean;
}

export type AppraisalOutcome = 'declined' | 'partly' | 'accepted';

/** What was offered for what, and what the customer said: kept even when they sold nothing. */
export interface Appraisal extends SyncedRow {
  customerId: Id;
  at: number;
  staffId?: Id;
  items: AppraisalItem[];
  offeredTotal: number;
  outcome: AppraisalOutcome;
  /** The timeline row that shows this appraisal. */
  visitId: Id;
  /** The purchase record, when anything was bought. */
  ledgerEntryId?: Id;
}

/** 相手方: the seller of a buy-in, the buyer of a recorded sale, as they were on that day. */
export interface Counterparty {
  name: string;
  address: string;
  occupation: string;
  age?: number;
}

/**
 * 確認の方法. A My Number card may be the document shown; only that fact is kept, never its number
 * (the data layer refuses text that holds one).
 */
export interface IdCheck {
  method: IdMethod;
  document?: IdDocument;
  /** The other document's name, or how identity was otherwise confirmed. */
  detail?: string;
  /** The staff member who checked it. */
  checkedBy: Id;
}

export interface GuardianConsent {
  name: string;
  method: GuardianMethod;
}

export type LedgerKind = 'buy-in' | 'sale';

/** Which rule applied when the record was written, so the ledger can say why it holds it. */
export interface LedgerRule {
  required: boolean;
  byTotal: boolean;
  categories: ItemCategory[];
}

/**
 * One transaction in the 古物台帳. Append-only: a correction is a new entry with `corrects`, and
 * schema.ts refuses updates and deletes of these rows (see guardLedgerEntries in src/db/ledger/guard.ts).
 */
export interface LedgerEntry extends SyncedRow {
  kind: LedgerKind;
  customerId: Id;
  /** 取引年月日. */
  transactedAt: number;
  items: LedgerItem[];
  total: number;
  /** Absent when the law did not require a record and the counter skipped it. */
  counterparty?: Counterparty;
  idCheck?: IdCheck;
  guardian?: GuardianConsent;
  rule: LedgerRule;
  appraisalId?: Id;
  /** The timeline row that shows this transaction. */
  visitId: Id;
  /** Who wrote the record. */
  staffId?: Id;
  /** The entry this one corrects; both stay in the ledger. */
  corrects?: Id;
  correctionReason?: string;
  /** Descriptions, features and the counterparty's name, folded for search (serial numbers). */
  searchText: string;
  /** Set when the personal data of an expired record was erased on request. */
  erasedAt?: number;
}

/**
 * A photo of an appraised item, resized on the device. Blobs can be large, so they live in a
 * table of their own: sync can send them separately (or not at all) without slowing the rows.
 */
export interface Photo extends SyncedRow {
  blob: Blob;
  type: string;
  width: number;
  height: number;
  bytes: number;
  /** Set when the appraisal it was taken for is saved; a draft's photo has none yet. */
  appraisalId?: Id;
}

/** The shop's own ledger settings (owner-only), kept as one settings row. */
export interface LedgerSettings {
  /** 古物商許可番号, printed on the ledger. */
  permitNumber: string;
  saleRules: SaleRecordRules;
}
