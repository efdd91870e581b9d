/**
 * What may be typed for an appraisal, a buy-in, a recorded sale or a correction, checked the same
 * way by the forms (messages next to each field) and by the data layer (an incomplete legal record
 * is never stored). Which fields the law requires depends on the rule that applies
 * (kobutsu-rules.ts), so validation returns that outcome along with the errors.
 */
import * as z from 'zod';
import type { Counterparty, GuardianConsent, IdCheck, LedgerItem } from '../model/ledger-types';
import { charCount, text, type InputErrorCode } from './customer-input';
import {
  buyInRecordRule,
  containsMyNumber,
  GUARDIAN_METHODS,
  ID_DOCUMENTS,
  ID_METHODS,
  idCheckNeedsDetail,
  ITEM_CATEGORIES,
  needsGuardianConsent,
  saleRecordRule,
  type GuardianMethod,
  type IdDocument,
  type IdMethod,
  type ItemCategory,
  type RecordRuleOutcome,
  type SaleRecordRules,
} from './kobutsu-rules';

export const LEDGER_LIMITS = {
  description: 200,
  features: 500,
  quantity: 9_999,
  name: 100,
  address: 300,
  occupation: 100,
  detail: 200,
  reason: 500,
  items: 50,
  age: 130,
} as const;

export type LedgerErrorCode =
  | InputErrorCode
  | 'invalidQuantity'
  | 'invalidAge'
  | 'myNumber'
  | 'guardianConsent'
  | 'noItems'
  | 'noAcceptedItem';

export interface LedgerFieldError {
  /** "items.0.description", "counterparty.age", "idCheck.document", "guardian.name", … */
  field: string;
  code: LedgerErrorCode;
  max?: number;
}

export type LedgerParsed<T> = { ok: true; value: T } | { ok: false; errors: LedgerFieldError[] };

/** A line as the form hands it over: numbers already read from what was typed (NaN if unreadable). */
export interface ItemInput {
  category: ItemCategory | '';
  description: string;
  features: string;
  quantity: number;
  price: number | undefined;
  photoId?: string;
}

export interface AppraisalItemInput extends ItemInput {
  accepted: boolean;
}

export interface CounterpartyInput {
  name: string;
  address: string;
  occupation: string;
  age: number | undefined;
}

export interface IdCheckInput {
  method: IdMethod;
  document: IdDocument | undefined;
  detail: string;
  checkedBy: string | undefined;
}

export interface RecordInput {
  counterparty: CounterpartyInput;
  idCheck?: IdCheckInput;
  /** Present when a guardian's consent was given. */
  guardian?: { name: string; method: GuardianMethod };
}

const CODES: readonly LedgerErrorCode[] = [
  'required',
  'tooLong',
  'invalidAmount',
  'invalidQuantity',
  'invalidAge',
  'myNumber',
];

function toErrors(issues: readonly z.core.$ZodIssue[], prefix: string): LedgerFieldError[] {
  return issues.map((issue) => {
    const [code, max] = issue.message.split(':');
    const known = CODES.find((c) => c === code);
    return {
      field: [prefix, ...issue.path].filter((p) => p !== '').join('.'),
      code: known ?? 'invalid',
      ...(known && max ? { max: Number(max) } : {}),
    };
  });
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown, prefix: string): LedgerParsed<T> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: toErrors(result.error.issues, prefix) };
}

/** Personal text that must never hold a My Number. */
function personal(max: number, options: { required?: boolean } = {}) {
  return text(max, options).refine((s) => !containsMyNumber(s), { error: 'myNumber' });
}

/** Undefined means nothing was typed; NaN means something unreadable was. */
function numberError(unreadable: LedgerErrorCode) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : unreadable);
}

const yen = z
  .number({ error: numberError('invalidAmount') })
  .refine((n) => Number.isInteger(n) && n >= 0 && n <= 9_999_999_999, { error: 'invalidAmount' });

function itemSchema(requireFeatures: boolean) {
  return z.object({
    category: z.enum(ITEM_CATEGORIES, { error: 'required' }),
    description: text(LEDGER_LIMITS.description, { required: true }),
    features: text(LEDGER_LIMITS.features, { required: requireFeatures }),
    quantity: z
      .number({ error: numberError('invalidQuantity') })
      .refine((n) => Number.isInteger(n) && n >= 1 && n <= LEDGER_LIMITS.quantity, { error: 'invalidQuantity' }),
    price: yen,
    photoId: z.string().optional(),
  });
}

function parseItem(item: ItemInput, index: number, requireFeatures: boolean): LedgerParsed<LedgerItem> {
  const parsed = parseWith(itemSchema(requireFeatures), item, `items.${index}`);
  if (!parsed.ok) return parsed;
  const { photoId, ...rest } = parsed.value;
  return { ok: true, value: photoId ? { ...rest, photoId } : rest };
}

function age(required: boolean) {
  const value = z
    .number({ error: numberError('invalidAge') })
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= LEDGER_LIMITS.age, { error: 'invalidAge' });
  return required ? value : value.optional();
}

function counterpartySchema(fullIdentity: boolean) {
  return z.object({
    name: personal(LEDGER_LIMITS.name, { required: true }),
    address: personal(LEDGER_LIMITS.address, { required: true }),
    occupation: personal(LEDGER_LIMITS.occupation, { required: fullIdentity }),
    age: age(fullIdentity),
  });
}

const idCheckSchema = z.object({
  method: z.enum(ID_METHODS, { error: 'required' }),
  document: z.enum(ID_DOCUMENTS).optional(),
  detail: personal(LEDGER_LIMITS.detail),
  checkedBy: z.string({ error: 'required' }).min(1, { error: 'required' }),
});

const guardianSchema = z.object({
  name: personal(LEDGER_LIMITS.name, { required: true }),
  method: z.enum(GUARDIAN_METHODS, { error: 'required' }),
});

function parseIdCheck(input: IdCheckInput | undefined): LedgerParsed<IdCheck> {
  if (!input) return { ok: false, errors: [{ field: 'idCheck.method', code: 'required' }] };
  const parsed = parseWith(idCheckSchema, input, 'idCheck');
  if (!parsed.ok) return parsed;
  const { method, document, detail, checkedBy } = parsed.value;
  const errors: LedgerFieldError[] = [];
  if (method === 'id-document' && !document) errors.push({ field: 'idCheck.document', code: 'required' });
  const needsDetail = idCheckNeedsDetail(method, document);
  if (needsDetail && !detail) errors.push({ field: 'idCheck.detail', code: 'required' });
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      method,
      ...(method === 'id-document' && document ? { document } : {}),
      ...(needsDetail ? { detail } : {}),
      checkedBy,
    },
  };
}

function hasAnyDetail(record: RecordInput | undefined): boolean {
  if (!record) return false;
  const { name, address, occupation, age: typedAge } = record.counterparty;
  return Boolean(name.trim() || address.trim() || occupation.trim() || typedAge !== undefined);
}

export interface ParsedRecord {
  counterparty?: Counterparty;
  idCheck?: IdCheck;
  guardian?: GuardianConsent;
}

/**
 * The counterparty, ID check and guardian. When the law requires the record everything is needed;
 * when it does not, the counter may leave it all empty, but a record begun must be complete.
 */
function parseRecord(
  record: RecordInput | undefined,
  required: boolean,
  kind: 'buy-in' | 'sale',
): LedgerParsed<ParsedRecord> {
  if (!required && !hasAnyDetail(record)) return { ok: true, value: {} };
  const errors: LedgerFieldError[] = [];
  const input = record ?? { counterparty: { name: '', address: '', occupation: '', age: undefined } };
  // A seller's occupation and age are always part of the record; a buyer's only when given.
  const counterparty = parseWith(counterpartySchema(kind === 'buy-in'), input.counterparty, 'counterparty');
  if (!counterparty.ok) errors.push(...counterparty.errors);

  let idCheck: IdCheck | undefined;
  if (kind === 'buy-in') {
    const parsed = parseIdCheck(input.idCheck);
    if (parsed.ok) idCheck = parsed.value;
    else errors.push(...parsed.errors);
  }

  let guardian: GuardianConsent | undefined;
  const minor = counterparty.ok && needsGuardianConsent(counterparty.value.age);
  if (minor && kind === 'buy-in') {
    if (!input.guardian) errors.push({ field: 'guardian', code: 'guardianConsent' });
    else {
      const parsed = parseWith(guardianSchema, input.guardian, 'guardian');
      if (parsed.ok) guardian = parsed.value;
      else errors.push(...parsed.errors);
    }
  }
  if (errors.length || !counterparty.ok) return { ok: false, errors };
  const { age: parsedAge, ...identity } = counterparty.value;
  return {
    ok: true,
    value: {
      counterparty: parsedAge === undefined ? identity : { ...identity, age: parsedAge },
      ...(idCheck ? { idCheck } : {}),
      ...(guardian ? { guardian } : {}),
    },
  };
}

function parseItems<T extends ItemInput>(
  items: readonly T[],
  requireFeatures: (item: T) => boolean,
): { parsed: LedgerItem[]; errors: LedgerFieldError[] } {
  const errors: LedgerFieldError[] = [];
  const parsed: LedgerItem[] = [];
  if (items.length === 0) errors.push({ field: 'items', code: 'noItems' });
  if (items.length > LEDGER_LIMITS.items) errors.push({ field: 'items', code: 'tooMany', max: LEDGER_LIMITS.items });
  items.forEach((item, i) => {
    const result = parseItem(item, i, requireFeatures(item));
    if (result.ok) parsed.push(result.value);
    else errors.push(...result.errors);
  });
  return { parsed, errors };
}

/** What the rule sees before the items are valid: lines with a category and a readable price. */
function pricedLines(items: readonly ItemInput[]) {
  return items.flatMap((item) =>
    item.category && item.price !== undefined && Number.isFinite(item.price)
      ? [{ category: item.category, price: item.price }]
      : [],
  );
}

/** Which rule applies to buying the accepted items, as far as the form is filled in. */
export function buyInRuleFor(items: readonly AppraisalItemInput[]): RecordRuleOutcome {
  return buyInRecordRule(pricedLines(items.filter((item) => item.accepted)));
}

export function saleRuleFor(items: readonly ItemInput[], rules: SaleRecordRules): RecordRuleOutcome {
  return saleRecordRule(pricedLines(items), rules);
}

export interface ParsedAppraisal extends ParsedRecord {
  items: (LedgerItem & { accepted: boolean })[];
  rule: RecordRuleOutcome;
}

/**
 * An appraisal, and with `record` a buy-in of its accepted items. Without `record` nothing is
 * bought: every item is kept as declined.
 */
export function validateAppraisal(
  items: readonly AppraisalItemInput[],
  record: RecordInput | undefined,
): LedgerParsed<ParsedAppraisal> {
  const buying = record !== undefined;
  const lines = buying ? items : items.map((item) => ({ ...item, accepted: false }));
  const rule = buyInRuleFor(lines);
  const { parsed, errors } = parseItems(lines, (item) => item.accepted && rule.required);
  if (buying && items.length > 0 && !items.some((item) => item.accepted)) {
    errors.push({ field: 'items', code: 'noAcceptedItem' });
  }
  const details = buying ? parseRecord(record, rule.required, 'buy-in') : ({ ok: true, value: {} } as const);
  if (!details.ok) errors.push(...details.errors);
  if (errors.length || !details.ok) return { ok: false, errors };
  return {
    ok: true,
    value: { items: parsed.map((item, i) => ({ ...item, accepted: lines[i]!.accepted })), rule, ...details.value },
  };
}

export interface ParsedTransaction extends ParsedRecord {
  items: LedgerItem[];
  rule: RecordRuleOutcome;
}

/** A recorded sale: the goods and, when the shop's rules ask, the buyer's name and address. */
export function validateSale(
  items: readonly ItemInput[],
  record: RecordInput | undefined,
  rules: SaleRecordRules,
): LedgerParsed<ParsedTransaction> {
  const rule = saleRuleFor(items, rules);
  const { parsed, errors } = parseItems(items, () => rule.required);
  const details = parseRecord(record, rule.required, 'sale');
  if (!details.ok) errors.push(...details.errors);
  if (errors.length || !details.ok) return { ok: false, errors };
  return { ok: true, value: { items: parsed, rule, ...details.value } };
}

export interface CorrectionInput {
  transactedAt: number;
  items: readonly ItemInput[];
  record: RecordInput | undefined;
  reason: string;
}

export interface ParsedCorrection extends ParsedTransaction {
  transactedAt: number;
  reason: string;
}

/** A correction states the whole entry again, and why. */
export function validateCorrection(
  kind: 'buy-in' | 'sale',
  input: CorrectionInput,
  saleRules: SaleRecordRules,
): LedgerParsed<ParsedCorrection> {
  const errors: LedgerFieldError[] = [];
  if (!Number.isFinite(input.transactedAt) || input.transactedAt < Date.UTC(1900, 0, 1)) {
    errors.push({ field: 'transactedAt', code: 'invalidDate' });
  }
  const reason = input.reason.trim();
  if (!reason) errors.push({ field: 'reason', code: 'required' });
  else if (charCount(reason) > LEDGER_LIMITS.reason) {
    errors.push({ field: 'reason', code: 'tooLong', max: LEDGER_LIMITS.reason });
  }
  const entry =
    kind === 'sale'
      ? validateSale(input.items, input.record, saleRules)
      : validateAppraisal(
          input.items.map((item) => ({ ...item, accepted: true })),
          input.record ?? { counterparty: { name: '', address: '', occupation: '', age: undefined } },
        );
  if (!entry.ok) errors.push(...entry.errors);
  if (errors.length || !entry.ok) return { ok: false, errors };
  const { items, ...rest } = entry.value;
  return {
    ok: true,
    value: {
      ...rest,
      items: items.map(({ accepted: _accepted, ...item }: LedgerItem & { accepted?: boolean }) => item),
      transactedAt: input.transactedAt,
      reason,
    },
  };
}
