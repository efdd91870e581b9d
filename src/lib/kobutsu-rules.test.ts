// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  ALWAYS_RECORDED,
  buyInRecordRule,
  containsMyNumber,
  DEFAULT_SALE_RECORD_RULES,
  idCheckNeedsDetail,
  isMyNumber,
  isRetained,
  ITEM_CATEGORIES,
  LAW_CLASS_OF,
  needsGuardianConsent,
  retentionEndsAt,
  saleRecordRule,
  type ItemCategory,
} from './kobutsu-rules';

const item = (category: ItemCategory, price: number) => ({ category, price });

describe('buying from the public: when the law asks for the ID check and a record', () => {
  it('lets a ¥9,999 buy-in of ordinary goods skip the record', () => {
    expect(buyInRecordRule([item('clothing', 9_999)])).toEqual({
      required: false,
      byTotal: false,
      categories: [],
      total: 9_999,
    });
  });

  it('needs the record from exactly ¥10,000', () => {
    expect(buyInRecordRule([item('clothing', 10_000)])).toMatchObject({ required: true, byTotal: true, total: 10_000 });
  });

  it('counts the whole transaction: two ¥6,000 kimono together need a record', () => {
    expect(buyInRecordRule([item('clothing', 6_000), item('clothing', 6_000)])).toMatchObject({
      required: true,
      byTotal: true,
      total: 12_000,
    });
  });

  it.each([
    ['motorcycle', 'a moped for ¥5,000', 5_000],
    ['motorcycle-parts', 'a helmet visor for ¥800', 800],
    ['game-software', 'a game for ¥300', 300],
    ['recorded-media', 'a DVD for ¥100', 100],
    ['books', 'a paperback for ¥50', 50],
  ] as const)('always records %s, even %s', (category, _story, price) => {
    const outcome = buyInRecordRule([item(category, price)]);
    expect(outcome).toMatchObject({ required: true, byTotal: false, categories: [category] });
  });

  it('records a cheap bundle when one always-recorded item is in it', () => {
    expect(buyInRecordRule([item('clothing', 2_000), item('books', 100)])).toMatchObject({
      required: true,
      byTotal: false,
      categories: ['books'],
    });
  });

  it('names both reasons when both apply, categories in the list order', () => {
    expect(buyInRecordRule([item('books', 9_000), item('game-software', 3_000)])).toMatchObject({
      required: true,
      byTotal: true,
      categories: ['game-software', 'books'],
    });
  });

  it('always-records exactly the categories the rules list, no others', () => {
    expect([...ALWAYS_RECORDED].sort()).toEqual(
      ['books', 'game-software', 'motorcycle', 'motorcycle-parts', 'recorded-media'].sort(),
    );
    for (const category of ITEM_CATEGORIES.filter((c) => !ALWAYS_RECORDED.has(c))) {
      expect(buyInRecordRule([item(category, 9_999)]).required, category).toBe(false);
    }
  });

  it('needs nothing when nothing is bought', () => {
    expect(buyInRecordRule([])).toMatchObject({ required: false, total: 0 });
  });

  it('files each category under one of the law’s 13 classes', () => {
    expect(LAW_CLASS_OF['game-software']).toBe('goods');
    expect(LAW_CLASS_OF['game-consoles']).toBe('machinery-tools');
    expect(LAW_CLASS_OF['motorcycle-parts']).toBe('motorcycle');
    expect(new Set(Object.values(LAW_CLASS_OF)).size).toBe(13);
  });
});

describe('selling goods that need a record, under the owner’s rules', () => {
  it('records a ¥10,000 watch but not a ¥9,999 one by default', () => {
    expect(saleRecordRule([item('watch-jewellery', 10_000)], DEFAULT_SALE_RECORD_RULES)).toMatchObject({
      required: true,
      categories: ['watch-jewellery'],
    });
    expect(saleRecordRule([item('watch-jewellery', 9_999)], DEFAULT_SALE_RECORD_RULES).required).toBe(false);
  });

  it('records a motorcycle part at any price by default, and never a kimono', () => {
    expect(saleRecordRule([item('motorcycle-parts', 500)], DEFAULT_SALE_RECORD_RULES).required).toBe(true);
    expect(saleRecordRule([item('clothing', 500_000)], DEFAULT_SALE_RECORD_RULES).required).toBe(false);
  });

  it('follows the owner: another threshold, another category', () => {
    const rules = { threshold: 50_000, byCategory: { camera: 'threshold' as const } };
    expect(saleRecordRule([item('camera', 49_999)], rules).required).toBe(false);
    expect(saleRecordRule([item('camera', 50_000)], rules)).toMatchObject({ required: true, byTotal: true });
    expect(saleRecordRule([item('watch-jewellery', 90_000)], rules).required).toBe(false);
  });
});

describe('minors', () => {
  it('asks for a guardian’s consent under 18 only', () => {
    expect(needsGuardianConsent(17)).toBe(true);
    expect(needsGuardianConsent(0)).toBe(true);
    expect(needsGuardianConsent(18)).toBe(false);
    expect(needsGuardianConsent(undefined)).toBe(false);
  });

  it('works out the age from a birthday with a year, on the day of the sale', () => {
    const sale = new Date(2026, 4, 16, 12).getTime();
    expect(ageOn('2008-05-16', sale)).toBe(18);
    expect(ageOn('2008-05-17', sale)).toBe(17);
    expect(ageOn('--05-17', sale)).toBeUndefined();
    expect(ageOn(undefined, sale)).toBeUndefined();
  });
});

describe('the ID check', () => {
  it('asks for words when the document or the method is "other"', () => {
    expect(idCheckNeedsDetail('id-document', 'drivers-licence')).toBe(false);
    expect(idCheckNeedsDetail('id-document', 'other-document')).toBe(true);
    expect(idCheckNeedsDetail('signed-statement', undefined)).toBe(false);
    expect(idCheckNeedsDetail('other', undefined)).toBe(true);
  });
});

describe('never keeping a My Number', () => {
  it('recognises a valid 個人番号 by its check digit', () => {
    expect(isMyNumber('983205673214')).toBe(true);
    expect(isMyNumber('983205673210')).toBe(false);
    expect(isMyNumber('98320567321')).toBe(false);
  });

  it('finds one typed with spaces, hyphens or full-width digits inside other text', () => {
    expect(containsMyNumber('番号 9832 0567 3214 です')).toBe(true);
    expect(containsMyNumber('9832-0567-3214')).toBe(true);
    expect(containsMyNumber('９８３２０５６７３２１４')).toBe(true);
  });

  it('leaves phone numbers, postcodes and addresses alone', () => {
    expect(containsMyNumber('090-1234-5678')).toBe(false);
    expect(containsMyNumber('〒604-8005 京都市中京区三条通 1-2-3')).toBe(false);
    expect(containsMyNumber('983205673210')).toBe(false);
  });
});

describe('keeping records for three years', () => {
  const may2026 = new Date(2026, 4, 16, 14, 30).getTime();

  it('keeps a record until three years after the transaction', () => {
    const record = { transactedAt: may2026, createdAt: may2026 };
    expect(retentionEndsAt(record)).toBe(new Date(2029, 4, 16, 14, 30).getTime());
    expect(isRetained(record, new Date(2029, 4, 16, 14, 29).getTime())).toBe(true);
    expect(isRetained(record, new Date(2029, 4, 16, 14, 30).getTime())).toBe(false);
  });

  it('counts from the day it was written when that was later (a correction)', () => {
    const correctedLater = { transactedAt: may2026, createdAt: new Date(2027, 0, 10).getTime() };
    expect(retentionEndsAt(correctedLater)).toBe(new Date(2030, 0, 10).getTime());
  });
});
