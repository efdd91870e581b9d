/**
 * The buy-in forms as typed: strings, so a draft kept through a reload holds exactly what was
 * typed, and their conversion to the inputs src/lib/ledger-input.ts checks.
 */
import type { LedgerEntry } from '../../model/ledger-types';
import type { Customer } from '../../model/types';
import { parseYen } from '../../lib/yen';
import {
  ageOn,
  type GuardianMethod,
  type IdDocument,
  type IdMethod,
  type ItemCategory,
} from '../../lib/kobutsu-rules';
import type { AppraisalItemInput, ItemInput, RecordInput } from '../../lib/ledger-input';

export interface ItemDraft {
  /** Keeps React's list identity when an item in the middle is removed. */
  key: string;
  category: ItemCategory | '';
  description: string;
  features: string;
  quantity: string;
  price: string;
  photoId?: string;
  accepted: boolean;
}

export interface RecordDraft {
  name: string;
  address: string;
  occupation: string;
  age: string;
  method: IdMethod;
  document: IdDocument | '';
  detail: string;
  checkedBy: string;
  guardianConsents: boolean;
  guardianName: string;
  guardianMethod: GuardianMethod;
}

let keys = 0;

export function emptyItem(): ItemDraft {
  keys += 1;
  return {
    key: `${Date.now().toString(36)}-${keys}`,
    category: '',
    description: '',
    features: '',
    quantity: '1',
    price: '',
    accepted: false,
  };
}

/** The seller is usually the customer whose card this is: start from what the card knows. */
export function recordDraftFor(customer: Pick<Customer, 'name' | 'address' | 'birthday'> | undefined, checkedBy: string, now = Date.now()): RecordDraft {
  const age = ageOn(customer?.birthday, now);
  return {
    name: customer?.name ?? '',
    address: customer?.address ?? '',
    occupation: '',
    age: age === undefined ? '' : String(age),
    method: 'id-document',
    document: '',
    detail: '',
    checkedBy,
    guardianConsents: false,
    guardianName: '',
    guardianMethod: 'present',
  };
}

/** "3", "３", "3点" → 3; empty → NaN (a quantity is always needed); anything else → NaN. */
export function parseCount(typed: string): number {
  const cleaned = typed.normalize('NFKC').replace(/[\s点個枚冊本台]/g, '');
  return /^\d{1,6}$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/** "42", "４２歳" → 42; empty → undefined; anything else → NaN. */
export function parseAge(typed: string): number | undefined {
  const cleaned = typed.normalize('NFKC').replace(/[\s歳才]/g, '');
  if (!cleaned) return undefined;
  return /^\d{1,3}$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

export function toItemInput(item: ItemDraft): ItemInput {
  return {
    category: item.category,
    description: item.description,
    features: item.features,
    quantity: parseCount(item.quantity),
    price: parseYen(item.price),
    ...(item.photoId ? { photoId: item.photoId } : {}),
  };
}

export function toAppraisalItemInput(item: ItemDraft): AppraisalItemInput {
  return { ...toItemInput(item), accepted: item.accepted };
}

export function toRecordInput(record: RecordDraft, withIdCheck: boolean): RecordInput {
  return {
    counterparty: { name: record.name, address: record.address, occupation: record.occupation, age: parseAge(record.age) },
    ...(withIdCheck
      ? {
          idCheck: {
            method: record.method,
            document: record.document || undefined,
            detail: record.detail,
            checkedBy: record.checkedBy || undefined,
          },
        }
      : {}),
    ...(record.guardianConsents ? { guardian: { name: record.guardianName, method: record.guardianMethod } } : {}),
  };
}

/** A correction starts from the entry as it stands. */
export function draftsFromEntry(entry: LedgerEntry, checkedBy: string): { items: ItemDraft[]; record: RecordDraft } {
  return {
    items: entry.items.map((item) => ({
      ...emptyItem(),
      category: item.category,
      description: item.description,
      features: item.features,
      quantity: String(item.quantity),
      price: String(item.price),
      ...(item.photoId ? { photoId: item.photoId } : {}),
      accepted: true,
    })),
    record: {
      ...recordDraftFor(undefined, entry.idCheck?.checkedBy ?? checkedBy),
      name: entry.counterparty?.name ?? '',
      address: entry.counterparty?.address ?? '',
      occupation: entry.counterparty?.occupation ?? '',
      age: entry.counterparty?.age === undefined ? '' : String(entry.counterparty.age),
      method: entry.idCheck?.method ?? 'id-document',
      document: entry.idCheck?.document ?? '',
      detail: entry.idCheck?.detail ?? '',
      guardianConsents: entry.guardian !== undefined,
      guardianName: entry.guardian?.name ?? '',
      guardianMethod: entry.guardian?.method ?? 'present',
    },
  };
}

/** A short number people can read out for an entry (the ids are long UUIDs). */
export function entryNumber(entry: Pick<LedgerEntry, 'id'>): string {
  return entry.id.replace(/-/g, '').slice(-6).toUpperCase();
}
