// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { fixtureBytes } from '../../../test/support/fixture-files';
import { fillTheDisk, freeTheDisk } from '../../../test/support/full-disk';
import { customerInput } from '../../../test/support/factories';
import { createCustomer } from '../customers/customers';
import type { Customer } from '../../model/types';
import { db } from '../db';
import { importCustomers, previewImport } from './import';
import { findCustomers, getCustomer } from '../queries';
import { DEFAULT_STAGE_RULES, stageOf } from '../../lib/stages';

const ctx = { staffId: 'staff-1' };

describe('importing customers from another system', () => {
  it('imports Excel’s Shift_JIS CSV with Japanese headers, and the cards are found by search', async () => {
    const result = await importCustomers(fixtureBytes('pos-export-shift-jis.csv'), { ctx });
    expect(result).toMatchObject({ format: 'csv', encoding: 'shift_jis', imported: 4, updated: 0, bad: [] });
    const [sato] = await findCustomers('satou');
    expect(await getCustomer(sato!.customer.id)).toMatchObject({
      name: '佐藤 花子',
      reading: 'サトウ ハナコ',
      phones: ['+818033334444'],
      birthday: '1985-05-17',
      about: '着物、帯の相談',
    });
    expect((await findCustomers('髙橋')).length).toBe(1);
    expect((await findCustomers('090-1111')).map((m) => m.customer.name)).toEqual(['山田 太郎']);
    expect(await db.audit.toArray()).toEqual([expect.objectContaining({ action: 'import', staffId: 'staff-1' })]);
  });

  it('reports each bad row by line with its reason, and imports the good rows', async () => {
    const result = await importCustomers(fixtureBytes('spreadsheet-utf8-bom.csv'), { ctx });
    expect(result.imported).toBe(2);
    expect(result.bad).toEqual([
      { line: 4, name: 'Hana Tanaka', errors: [{ field: 'email', code: 'invalidEmail' }] },
      { line: 5, name: '', errors: [{ field: 'name', code: 'required' }] },
      { line: 8, name: 'Ken Watanabe', errors: [{ field: 'birthday', code: 'invalidDate' }] },
    ]);
    const [lucy] = await findCustomers('lucy');
    expect(await getCustomer(lucy!.customer.id)).toMatchObject({ name: 'Lucy "Lu" Brown', about: 'Line one\nline two, with a comma', birthday: '--12-25' });
    const [john] = await findCustomers('john');
    expect((await getCustomer(john!.customer.id))?.address).toBe('1 Market St\nSan Francisco');
  });

  it('creates no duplicates when the same file is imported again', async () => {
    await importCustomers(fixtureBytes('pos-export-shift-jis.csv'), { ctx });
    const again = await importCustomers(fixtureBytes('pos-export-shift-jis.csv'), { ctx });
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 4 });
    expect(await db.customers.count()).toBe(4);
  });

  it('fills the empty fields of a card already in the ledger instead of adding a second one', async () => {
    const id = await createCustomer(customerInput({ name: '山田 太郎', reading: '', phones: ['090-1111-2222'] }), undefined, ctx);
    const result = await importCustomers(fixtureBytes('pos-export-shift-jis.csv'), { ctx });
    expect(result).toMatchObject({ imported: 3, updated: 1 });
    expect(await db.customers.get(id)).toMatchObject({ reading: 'ヤマダ タロウ', email: 'taro@example.jp', about: '常連。抹茶が好き' });
    expect((await findCustomers('yamada')).map((m) => m.customer.id)).toEqual([id]);
  });

  it('fills the first of two namesakes in the file that a later row without a number could be', async () => {
    // Two 田中 花子 with different phones are two people; a third row with the name alone is
    // the same person as either, and joins the one met first.
    const csv = [
      'name,reading,phone,email',
      '田中 花子,たなか はなこ,090-1234-0001,',
      '田中 花子,たなか はなこ,090-1234-0002,',
      '田中 花子,たなか はなこ,,hanako@example.jp',
    ].join('\n');
    const result = await importCustomers(csv, { ctx, batchSize: 1 });
    expect(result).toMatchObject({ imported: 2, updated: 1 });
    const cards = await db.customers.toArray();
    expect(cards.find((card) => card.phones[0] === '+819012340001')?.email).toBe('hanako@example.jp');
    expect(cards.find((card) => card.phones[0] === '+819012340002')?.email).toBe('');
  });

  it('fills one card already in the ledger from two rows of the file, each adding what it knows', async () => {
    const id = await createCustomer(customerInput({ name: '山田 太郎', reading: 'やまだ たろう', phones: ['090-1111-2222'] }), undefined, ctx);
    const other = await createCustomer(customerInput({ name: '山田 花子', reading: 'やまだ はなこ', phones: [] }), undefined, ctx);
    const csv = [
      'name,reading,phone,email,address',
      '山田 太郎,やまだ たろう,090-1111-2222,taro@example.jp,',
      '客 1,きゃく 1,090-5555-1001,,',
      '山田 太郎,やまだ たろう,,,京都市中京区',
      '山田 花子,やまだ はなこ,090-7777-8888,,',
    ].join('\n');
    const result = await importCustomers(csv, { ctx });
    expect(result).toMatchObject({ imported: 1, updated: 3, unchanged: 0 });
    expect(await getCustomer(id)).toMatchObject({ email: 'taro@example.jp', address: '京都市中京区', phones: ['+819011112222'] });
    expect(await getCustomer(other)).toMatchObject({ phones: ['+819077778888'] });
    expect(await db.customers.count()).toBe(3);
    // Imported again, the file finds every card it filled, and adds nothing.
    expect(await importCustomers(csv, { ctx })).toMatchObject({ imported: 0, updated: 0, unchanged: 4 });
  });

  it('merges rows that repeat within one file, and points out a similar name with the same reading', async () => {
    await createCustomer(customerInput({ name: '田中 花子', reading: 'たなか はなこ', phones: [] }), undefined, ctx);
    const csv = [
      'name,reading,phone,email',
      '鈴木 一郎,すずき いちろう,090-1234-0001,',
      '鈴木 一郎,すずき いちろう,,ichiro@example.jp',
      '田中 はなこ,たなか はなこ,,',
    ].join('\n');
    const result = await importCustomers(csv, { ctx });
    expect(result).toMatchObject({ imported: 2, updated: 1 });
    expect(result.likelyDuplicates).toEqual([
      expect.objectContaining({ line: 4, name: '田中 はなこ', existingName: '田中 花子', reason: 'readingAndSimilarName' }),
    ]);
    const [ichiro] = await findCustomers('suzuki');
    expect(ichiro?.customer).toMatchObject({ phones: ['+819012340001'], email: 'ichiro@example.jp' });
  });

  describe('a card the file names twice, changed at the counter between its two rows', () => {
    /**
     * Yamada on the first line and again twenty batches later (two lines to a batch); after him
     * Kimura, whose second line is in the next batch beside a customer from the second batch.
     */
    const fileNamingYamadaTwice = () =>
      [
        'name,reading,phone,email',
        '山田 太郎,やまだ たろう,090-1111-2222,',
        ...Array.from({ length: 40 }, (_, i) => `客 ${i},きゃく ${i},090-5555-${String(1000 + i)},`),
        '山田 太郎,やまだ たろう,090-1111-2222,taro@example.jp',
        '木村 拓也,きむら たくや,090-3333-4444,',
        '客 0,きゃく 0,090-5555-1000,kyaku0@example.jp',
        '木村 拓也,きむら たくや,,kimura@example.jp',
        '森 さくら,もり さくら,,',
        '林 健太,はやし けんた,,',
      ].join('\n');

    /**
     * Imports the file; once the first batch is written, another write changes Yamada's card. It
     * starts at once (a transaction queued before the import's next), so it lands between his rows.
     */
    async function importWhile(change: (card: Customer) => Customer, { file = fileNamingYamadaTwice(), holdAtMost }: Ledger & { file?: string } = {}) {
      let counter: Promise<Customer> | undefined;
      const result = await importCustomers(file, { ctx, batchSize: 2, holdAtMost }, ({ done }) => {
        if (done === 0 || counter) return;
        counter = db.transaction('rw', db.customers, async () => {
          const card = (await db.customers.filter((c) => c.name === '山田 太郎').first())!;
          await db.customers.put(change(card));
          return card;
        });
      });
      return { result, card: (await counter)! };
    }

    /**
     * Into an empty ledger the import holds its own cards' rows and checks, before filling one,
     * that it still stands as written; past what it may hold (`holdAtMost`) it reads them again,
     * as it does into a ledger with cards.
     */
    interface Ledger {
      withCards?: boolean;
      holdAtMost?: number;
    }
    const ledgers: [string, Ledger][] = [
      ['into an empty ledger', {}],
      ['into an empty ledger, its rows let go', { holdAtMost: 0 }],
      ['into a ledger with cards', { withCards: true }],
    ];
    const addACard = () => createCustomer(customerInput({ name: '佐藤 花子', reading: 'さとう はなこ', phones: [] }), undefined, ctx);

    it.each(ledgers)('keeps the staff’s note when the last row fills the card (%s)', async (_, ledger) => {
      if (ledger.withCards) await addACard();
      const { result, card } = await importWhile((card) => ({ ...card, about: '柴犬のコタロウ' }), ledger);
      expect(result).toMatchObject({ imported: 44, updated: 3 });
      expect(await getCustomer(card.id)).toMatchObject({ about: '柴犬のコタロウ', email: 'taro@example.jp' });
      expect((await findCustomers('taro@example.jp')).map((m) => m.customer.id)).toEqual([card.id]);
      const kimura = await findCustomers('きむら');
      expect(kimura.map((m) => m.customer)).toEqual([expect.objectContaining({ phones: ['+819033334444'], email: 'kimura@example.jp' })]);
      expect((await findCustomers('kyaku0@example.jp')).map((m) => m.customer.name)).toEqual(['客 0']);
    });

    it.each(ledgers)('keeps the staff’s note when the very next batch fills the card (%s)', async (_, ledger) => {
      // The batch after Yamada's was planned, or its rows held, before the staff changed his card.
      if (ledger.withCards) await addACard();
      const file = [
        'name,reading,phone,email',
        '山田 太郎,やまだ たろう,090-1111-2222,',
        '客 1,きゃく 1,090-5555-1001,',
        '山田 太郎,やまだ たろう,090-1111-2222,taro@example.jp',
        '客 1,きゃく 1,090-5555-1001,kyaku1@example.jp',
        '森 さくら,もり さくら,,',
      ].join('\n');
      const { result, card } = await importWhile((card) => ({ ...card, about: '柴犬のコタロウ' }), { ...ledger, file });
      expect(result).toMatchObject({ imported: 3, updated: 2 });
      expect(await getCustomer(card.id)).toMatchObject({ about: '柴犬のコタロウ', email: 'taro@example.jp' });
      expect((await findCustomers('kyaku1@example.jp')).map((m) => m.customer.name)).toEqual(['客 1']);
      expect((await findCustomers('もり')).map((m) => m.customer.name)).toEqual(['森 さくら']);
    });

    it.each(ledgers)('leaves the card deleted when it was deleted in between (%s)', async (_, ledger) => {
      if (ledger.withCards) await addACard();
      const { card } = await importWhile((card) => ({ ...card, deletedAt: Date.now() }), ledger);
      expect(await db.customers.get(card.id)).toMatchObject({ deletedAt: expect.any(Number), email: '' });
    });
  });

  it('imports a phone’s contacts from vCard 3.0, 4.0 and 2.1', async () => {
    const v3 = await importCustomers(fixtureBytes('iphone-contacts-v3.vcf'), { ctx });
    const v4 = await importCustomers(fixtureBytes('android-contacts-v4.vcf'), { ctx });
    const v21 = await importCustomers(fixtureBytes('feature-phone-v21.vcf'), { ctx });
    expect([v3.imported, v4.imported, v21.imported]).toEqual([2, 1, 1]);
    expect(v4.bad).toEqual([
      {
        line: 10,
        name: '',
        errors: [
          { field: 'name', code: 'required' },
          { field: 'phones.0', code: 'invalidPhone' },
        ],
      },
    ]);
    expect((await findCustomers('nakamura'))[0]?.customer).toMatchObject({ name: '中村 陽子', phones: ['+819024681357'] });
    expect((await findCustomers('こばやし'))[0]?.customer.phones).toEqual(['+818013572468', '+81661234567']);
    expect((await findCustomers('かとう'))[0]?.customer.name).toBe('加藤 由美');
  });

  it('imports 10,000 rows in batches, reporting progress as it goes', async () => {
    const progress: number[] = [];
    const result = await importCustomers(fixtureBytes('customers-10000.csv'), { ctx, batchSize: 2500 }, (p) => {
      progress.push(p.done / p.total);
    });
    expect(result).toMatchObject({ imported: 10_000, bad: [] });
    expect(progress.length).toBeGreaterThanOrEqual(5);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(await db.customers.count()).toBe(10_000);
    const [c9999, ...others] = await findCustomers('c9999@example.jp');
    expect(others).toEqual([]);
    expect((await getCustomer(c9999!.customer.id))?.about).toBe('会員番号 9999');
  }, 60_000);

  it('keeps the batches written before the disk filled up, stops there, and says so', async () => {
    const realBulkAdd = db.customers.bulkAdd.bind(db.customers);
    let calls = 0;
    vi.spyOn(db.customers, 'bulkAdd').mockImplementation(((...args: Parameters<typeof realBulkAdd>) => {
      calls++;
      if (calls === 2) return Promise.reject(new DOMException('The disk is full', 'QuotaExceededError'));
      return realBulkAdd(...args);
    }) as typeof db.customers.bulkAdd);
    const progress: number[] = [];
    await expect(
      importCustomers(fixtureBytes('customers-10000.csv'), { ctx, batchSize: 2500 }, (p) => progress.push(p.done)),
    ).rejects.toMatchObject({ name: 'StorageError', kind: 'quota' });
    // The first batch's 2,500 lines, less the header row.
    expect(await db.customers.count()).toBe(2499);
    expect(calls).toBe(2);
    expect(progress.at(-1)).toBe(2499);
  }, 60_000);

  it('keeps nothing of a batch the full disk refused, and says so', async () => {
    await fillTheDisk();
    try {
      await expect(importCustomers(fixtureBytes('pos-export-shift-jis.csv'), { ctx })).rejects.toMatchObject({
        name: 'StorageError',
        kind: 'quota',
      });
    } finally {
      await freeTheDisk();
    }
    expect(await db.customers.count()).toBe(0);
  });
});

describe('previewing an import', () => {
  it('shows the guessed columns and the first rows before anything is written', async () => {
    const preview = await previewImport(fixtureBytes('pos-export-shift-jis.csv'));
    expect(preview).toMatchObject({ format: 'csv', encoding: 'shift_jis', hasHeaders: true });
    expect(preview.mapping).toEqual(['name', 'reading', 'phone', 'email', 'address', 'birthday', 'note']);
    expect(preview.records.map((r) => r.name)).toEqual(['山田 太郎', '佐藤 花子', '鈴木 一郎', '髙橋 美咲']);
    expect(await db.customers.count()).toBe(0);
  });

  it('imports with a mapping the owner changed', async () => {
    const csv = 'col1,col2\n090-1234-5678,田中\n';
    const preview = await previewImport(csv);
    expect(preview.hasHeaders).toBe(false);
    const result = await importCustomers(csv, { ctx, mapping: ['phone', 'name'], hasHeaders: true });
    expect(result.imported).toBe(1);
    expect((await findCustomers('田中'))[0]?.customer.phones).toEqual(['+819012345678']);
  });
});

describe('real-world exports, imported without mapping by hand', () => {
  it('imports Google Contacts’ CSV as Google writes it today: phones, email, readings, notes, birthday and address', async () => {
    const result = await importCustomers(fixtureBytes('google-contacts.csv'), { ctx });
    expect(result).toMatchObject({ imported: 3, bad: [{ line: 7, name: '佐藤 一郎', errors: [{ field: 'email', code: 'invalidEmail' }] }] });
    const [hanako] = await findCustomers('tanaka');
    expect(await getCustomer(hanako!.customer.id)).toMatchObject({
      name: '田中 花子',
      reading: 'たなか はなこ',
      phones: ['+819012345678', '+81751234567'],
      email: 'hana@example.jp',
      birthday: '1985-04-12',
      tags: ['常連'],
    });
    expect((await findCustomers('123-4567')).map((m) => m.customer.name)).toEqual(['田中 花子']);
  });

  it('imports the older Google CSV with its Yomi columns', async () => {
    const result = await importCustomers(fixtureBytes('google-contacts-legacy.csv'), { ctx });
    expect(result).toMatchObject({ imported: 2, bad: [{ line: 4, name: '小林 誠' }] });
    expect((await findCustomers('suzuki'))[0]?.customer).toMatchObject({ name: '鈴木 慎一', reading: 'すずき しんいち' });
  });

  it('imports a Square export: the regular keeps her member number and her 24 visits, and is not shown as new', async () => {
    const result = await importCustomers(fixtureBytes('square-customers.csv'), { ctx });
    expect(result).toMatchObject({ imported: 3, bad: [{ line: 5, errors: [{ field: 'visitCount', code: 'invalid' }] }] });
    const [match] = await findCustomers('M-00123');
    const hanako = (await getCustomer(match!.customer.id))!;
    expect(hanako).toMatchObject({ name: '田中 花子', memberNumber: 'M-00123', visitTimes: [] });
    expect(hanako.visitsBefore).toEqual({
      source: 'square',
      count: 24,
      firstAt: new Date(2021, 3, 2, 12).getTime(),
      lastAt: new Date(2025, 10, 30, 12).getTime(),
    });
    // The last visit Square recorded is her last visit here too, and her rhythm sets a lapse day.
    expect(hanako.lastVisitAt).toBe(hanako.visitsBefore!.lastAt);
    expect(hanako.lapseAt).toBeGreaterThan(hanako.lastVisitAt!);
    // A week after that last visit she is a regular: 24 visits in four and a half years.
    const weekLater = hanako.lastVisitAt! + 7 * 86_400_000;
    const context = { now: weekLater, rules: DEFAULT_STAGE_RULES, earlier: hanako.visitsBefore };
    expect(stageOf(hanako.visitTimes, context).visit).toBe('regular');
    // Nothing made up on her timeline.
    expect(await db.visits.count()).toBe(0);
  });

  it('imports Airレジ’s Shift_JIS list and スマレジ’s members, and staff find them by member number', async () => {
    const airregi = await importCustomers(fixtureBytes('airregi-customers.csv'), { ctx });
    expect(airregi).toMatchObject({ encoding: 'shift_jis', imported: 3, bad: [{ line: 4, name: '加藤 由美' }] });
    const smaregi = await importCustomers(fixtureBytes('smaregi-members.csv'), { ctx });
    expect(smaregi).toMatchObject({ imported: 3, bad: [{ line: 5, name: '林 翔' }] });
    expect((await findCustomers('A0001'))[0]?.customer).toMatchObject({ name: '渡辺 美咲', visitsBefore: { source: 'airregi', count: 12 } });
    // The card number as the card shows it, or its first digits.
    expect((await findCustomers('8800123456789'))[0]?.customer.name).toBe('高橋 陽子');
    expect((await findCustomers('88001234567')).map((m) => m.customer.name).sort()).toEqual(['伊藤 大輔', '中村 愛', '高橋 陽子'].sort());
  });

  it('brings a POS’s visits to a card already in the ledger when the export is imported again, and nothing twice', async () => {
    const id = await createCustomer(customerInput({ name: '田中 花子', reading: '', phones: ['090-1234-5678'] }), undefined, ctx);
    const first = await importCustomers(fixtureBytes('square-customers.csv'), { ctx });
    expect(first).toMatchObject({ imported: 2, updated: 1 });
    expect(await db.customers.get(id)).toMatchObject({ memberNumber: 'M-00123', visitsBefore: { count: 24 }, lastVisitAt: new Date(2025, 10, 30, 12).getTime() });
    const again = await importCustomers(fixtureBytes('square-customers.csv'), { ctx });
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 3 });
  });
});
