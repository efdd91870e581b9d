// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { customerInput } from '../../../test/support/factories';
import { createCustomer } from '../customers/customers';
import { customersByReading, findCustomers } from '../queries';
import { recordVisit } from '../visits/visits';

const counter = { staffId: 'staff-1' };

async function namesFor(query: string): Promise<string[]> {
  return (await findCustomers(query)).map((m) => m.customer.name);
}

describe('finding a customer as you type', () => {
  it('finds 田中 by the reading typed in romaji, katakana, hiragana and half-width kana', async () => {
    await createCustomer(customerInput({ name: '田中 花子', reading: 'たなか はなこ' }), undefined, counter);
    await createCustomer(customerInput({ name: '佐藤 一郎', reading: 'さとう いちろう', phones: [] }), undefined, counter);
    for (const query of ['tanaka', 'タナカ', 'たなか', 'ﾀﾅｶ', 'TANAKA', 'ｔａｎａｋａ', 'tana']) {
      expect(await namesFor(query), query).toEqual(['田中 花子']);
    }
  });

  it('finds by the given name and by any part of a name typed without spaces', async () => {
    await createCustomer(customerInput({ name: '田中 花子', reading: 'たなか はなこ' }), undefined, counter);
    await createCustomer(customerInput({ name: '渡辺美咲', reading: 'わたなべみさき', phones: [] }), undefined, counter);
    expect(await namesFor('hanako')).toEqual(['田中 花子']);
    expect(await namesFor('はなこ')).toEqual(['田中 花子']);
    expect(await namesFor('美咲')).toEqual(['渡辺美咲']);
    expect(await namesFor('辺美')).toEqual(['渡辺美咲']);
  });

  it('accepts Kunrei-style romaji for a Hepburn reading', async () => {
    await createCustomer(customerInput({ name: '鈴木 慎二', reading: 'すずき しんじ', phones: [] }), undefined, counter);
    expect(await namesFor('sinzi')).toEqual(['鈴木 慎二']);
    expect(await namesFor('shinji')).toEqual(['鈴木 慎二']);
  });

  it('finds by phone digits with or without hyphens, internationally, or by the last four', async () => {
    await createCustomer(customerInput({ phones: ['090-1234-5678'] }), undefined, counter);
    for (const query of ['090-1234', '0901234', '09012345678', '+81 90 1234', '5678', '０９０１２']) {
      expect(await namesFor(query), query).toEqual(['田中 花子']);
    }
    expect(await namesFor('080')).toEqual([]);
  });

  it('finds by email, LINE name and tag', async () => {
    await createCustomer(
      customerInput({
        email: 'hana.tanaka@example.jp',
        handles: [{ kind: 'line', value: 'Hana★' }],
        tags: ['着物', 'VIP'],
      }),
      undefined,
      counter,
    );
    expect(await namesFor('hana.t')).toEqual(['田中 花子']);
    expect(await namesFor('hana★')).toEqual(['田中 花子']);
    expect(await namesFor('着物')).toEqual(['田中 花子']);
    expect(await namesFor('vip')).toEqual(['田中 花子']);
  });

  it('finds English names by first or last name, ignoring case', async () => {
    await createCustomer(customerInput({ name: 'John Smith', reading: '', phones: [] }), undefined, counter);
    expect(await namesFor('smi')).toEqual(['John Smith']);
    expect(await namesFor('JOHN s')).toEqual(['John Smith']);
  });

  it('puts the best match first, then the customer seen most recently', async () => {
    const old = await createCustomer(customerInput({ name: '田中 一郎', reading: 'たなか いちろう', phones: [] }), undefined, counter);
    const recent = await createCustomer(customerInput({ name: '田中 次郎', reading: 'たなか じろう', phones: [] }), undefined, counter);
    await createCustomer(customerInput({ name: '中田 たなか', reading: 'なかた たなか', phones: [] }), undefined, counter);
    await createCustomer(customerInput({ name: '田中', reading: 'たなか', phones: [] }), undefined, counter);
    await recordVisit(old, { at: Date.UTC(2026, 0, 5), kind: 'purchase' }, counter);
    await recordVisit(recent, { at: Date.UTC(2026, 5, 5), kind: 'purchase' }, counter);

    expect(await namesFor('たなか')).toEqual(['田中', '田中 次郎', '田中 一郎', '中田 たなか']);
  });

  it('lists customers in 50音 order of their reading', async () => {
    for (const [name, reading] of [
      ['渡辺', 'わたなべ'],
      ['安藤', 'あんどう'],
      ['加藤', 'かとう'],
      ['後藤', 'ごとう'],
      ['木村', 'きむら'],
    ] as const) {
      await createCustomer(customerInput({ name, reading, phones: [] }), undefined, counter);
    }
    expect((await customersByReading(10)).map((c) => c.name)).toEqual(['安藤', '加藤', '木村', '後藤', '渡辺']);
  });

  it('finds nothing for an empty or blank query', async () => {
    await createCustomer(customerInput(), undefined, counter);
    expect(await findCustomers('')).toEqual([]);
    expect(await findCustomers('　 ')).toEqual([]);
  });
});
