// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_SALE_RECORD_RULES } from './kobutsu-rules';
import {
  validateAppraisal,
  validateCorrection,
  validateSale,
  type AppraisalItemInput,
  type RecordInput,
} from './ledger-input';

function line(overrides: Partial<AppraisalItemInput> = {}): AppraisalItemInput {
  return {
    category: 'game-software',
    description: 'Mario Kart 8 Deluxe',
    features: 'Switch, serial HAC-P-AABPA, case scratched',
    quantity: 1,
    price: 3_000,
    accepted: true,
    ...overrides,
  };
}

function seller(overrides: Partial<RecordInput['counterparty']> = {}): RecordInput {
  return {
    counterparty: { name: '田中 花子', address: '京都市中京区三条通 1-2-3', occupation: '会社員', age: 42, ...overrides },
    idCheck: { method: 'id-document', document: 'drivers-licence', detail: '', checkedBy: 'staff-1' },
  };
}

const fields = (result: { ok: boolean; errors?: { field: string; code: string }[] }) =>
  result.ok ? [] : (result.errors ?? []).map((e) => `${e.field}:${e.code}`);

describe('an appraisal the customer declines', () => {
  it('keeps every item as declined and asks for no ID', () => {
    const result = validateAppraisal([line({ accepted: true }), line({ category: 'watch-jewellery', price: 40_000 })], undefined);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.items.map((i) => i.accepted)).toEqual([false, false]);
    expect(result.value.rule.required).toBe(false);
    expect(result.value.counterparty).toBeUndefined();
  });

  it('still needs a category, a description and a price for each item', () => {
    const result = validateAppraisal(
      [line({ category: '', description: ' ', price: undefined, quantity: 0 })],
      undefined,
    );
    expect(fields(result)).toEqual([
      'items.0.category:required',
      'items.0.description:required',
      'items.0.quantity:invalidQuantity',
      'items.0.price:required',
    ]);
  });

  it('says a price that is not whole yen is unreadable, not missing', () => {
    expect(fields(validateAppraisal([line({ price: Number.NaN })], undefined))).toEqual(['items.0.price:invalidAmount']);
  });
});

describe('a buy-in the law requires a record for', () => {
  it('accepts a complete record and keeps only the accepted items’ rule', () => {
    const result = validateAppraisal([line(), line({ category: 'clothing', price: 50_000, accepted: false })], seller());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.rule).toMatchObject({ required: true, byTotal: false, categories: ['game-software'], total: 3_000 });
    expect(result.value.counterparty).toEqual({ name: '田中 花子', address: '京都市中京区三条通 1-2-3', occupation: '会社員', age: 42 });
    expect(result.value.idCheck).toEqual({ method: 'id-document', document: 'drivers-licence', checkedBy: 'staff-1' });
  });

  it('needs address, name, occupation, age, the ID document and the features', () => {
    const record: RecordInput = {
      counterparty: { name: '', address: '', occupation: '', age: undefined },
      idCheck: { method: 'id-document', document: undefined, detail: '', checkedBy: undefined },
    };
    expect(fields(validateAppraisal([line({ features: '' })], record))).toEqual([
      'items.0.features:required',
      'counterparty.name:required',
      'counterparty.address:required',
      'counterparty.occupation:required',
      'counterparty.age:required',
      'idCheck.checkedBy:required',
    ]);
    const noDocument = { ...seller(), idCheck: { method: 'id-document' as const, document: undefined, detail: '', checkedBy: 's' } };
    expect(fields(validateAppraisal([line()], noDocument))).toEqual(['idCheck.document:required']);
  });

  it('needs at least one accepted item to buy anything', () => {
    expect(fields(validateAppraisal([line({ accepted: false })], seller()))).toEqual(['items:noAcceptedItem']);
  });

  it('asks to name another document, and drops the document for a signed statement', () => {
    const other = { ...seller(), idCheck: { method: 'id-document' as const, document: 'other-document' as const, detail: '', checkedBy: 's' } };
    expect(fields(validateAppraisal([line()], other))).toEqual(['idCheck.detail:required']);
    const signed = { ...seller(), idCheck: { method: 'signed-statement' as const, document: 'passport' as const, detail: 'x', checkedBy: 's' } };
    const result = validateAppraisal([line()], signed);
    expect(result.ok && result.value.idCheck).toEqual({ method: 'signed-statement', checkedBy: 's' });
  });

  it('keeps only that a My Number card was shown, refusing its number anywhere', () => {
    const card = { ...seller(), idCheck: { method: 'id-document' as const, document: 'my-number-card' as const, detail: '', checkedBy: 's' } };
    expect(validateAppraisal([line()], card).ok).toBe(true);
    const typed = seller({ occupation: '会社員 9832 0567 3214' });
    expect(fields(validateAppraisal([line()], typed))).toEqual(['counterparty.occupation:myNumber']);
  });
});

describe('a seller under 18', () => {
  it('needs a guardian’s consent noted', () => {
    expect(fields(validateAppraisal([line()], seller({ age: 17 })))).toEqual(['guardian:guardianConsent']);
    const consented = { ...seller({ age: 17 }), guardian: { name: '田中 一郎（父）', method: 'phone' as const } };
    const result = validateAppraisal([line()], consented);
    expect(result.ok && result.value.guardian).toEqual({ name: '田中 一郎（父）', method: 'phone' });
  });

  it('needs it even when the amount would not need a record, once the age is given', () => {
    const cheap = line({ category: 'clothing', price: 500 });
    expect(fields(validateAppraisal([cheap], seller({ age: 16 })))).toEqual(['guardian:guardianConsent']);
  });

  it('refuses an age that is not a whole number of years', () => {
    expect(fields(validateAppraisal([line()], seller({ age: Number.NaN })))).toEqual(['counterparty.age:invalidAge']);
    expect(fields(validateAppraisal([line()], seller({ age: 12.5 })))).toEqual(['counterparty.age:invalidAge']);
  });
});

describe('a buy-in under ¥10,000 of ordinary goods', () => {
  const cheap = line({ category: 'clothing', price: 2_000, features: '' });
  const empty: RecordInput = {
    counterparty: { name: '', address: '', occupation: '', age: undefined },
    idCheck: { method: 'id-document', document: undefined, detail: '', checkedBy: 'staff-1' },
  };

  it('may skip the ID check and record', () => {
    const result = validateAppraisal([cheap], empty);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.counterparty).toBeUndefined();
    expect(result.ok && result.value.rule.required).toBe(false);
  });

  it('must finish a record it began', () => {
    const begun = { ...empty, counterparty: { ...empty.counterparty, name: '田中 花子' } };
    expect(fields(validateAppraisal([cheap], begun))).toContain('counterparty.address:required');
  });
});

describe('a recorded sale', () => {
  it('needs the buyer’s name and address, not their occupation or age', () => {
    const watch = [{ ...line({ category: 'watch-jewellery', price: 80_000 }) }];
    const buyer: RecordInput = { counterparty: { name: 'John Smith', address: '', occupation: '', age: undefined } };
    expect(fields(validateSale(watch, buyer, DEFAULT_SALE_RECORD_RULES))).toEqual(['counterparty.address:required']);
    const complete = { counterparty: { ...buyer.counterparty, address: 'Hotel Granvia, Kyoto' } };
    const result = validateSale(watch, complete, DEFAULT_SALE_RECORD_RULES);
    expect(result.ok && result.value.counterparty).toEqual({ name: 'John Smith', address: 'Hotel Granvia, Kyoto', occupation: '' });
    expect(result.ok && result.value.idCheck).toBeUndefined();
  });
});

describe('a correction', () => {
  it('restates the entry and says why', () => {
    const input = { transactedAt: Date.UTC(2026, 4, 16), items: [line()], record: seller(), reason: '' };
    expect(fields(validateCorrection('buy-in', input, DEFAULT_SALE_RECORD_RULES))).toEqual(['reason:required']);
    const result = validateCorrection('buy-in', { ...input, reason: 'Serial number mistyped' }, DEFAULT_SALE_RECORD_RULES);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.items[0]).not.toHaveProperty('accepted');
  });

  it('refuses a date that is not one', () => {
    const input = { transactedAt: Number.NaN, items: [line()], record: seller(), reason: 'typo' };
    expect(fields(validateCorrection('buy-in', input, DEFAULT_SALE_RECORD_RULES))).toEqual(['transactedAt:invalidDate']);
  });
});
