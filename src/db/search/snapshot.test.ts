// @vitest-environment node
/**
 * The tablet is switched on and someone types a name straight away: the search answers from the
 * snapshot the app put away last time, with exactly what the index will answer, and never from a
 * snapshot older than the ledger.
 */
import { describe, expect, it } from 'vitest';
import { customerInput } from '../../../test/support/factories';
import { createCustomer, deleteCustomer, updateCustomer } from '../customers/customers';
import { db } from '../db';
import { CUSTOMERS_STAMP_KEY } from './ledger-stamp';
import { currentSearchIndex, findSoon, searchIndex } from './live-index';
import type { CustomerMatch } from './search-index';
import { SearchSnapshotReader } from './snapshot';
import { writeSearchSnapshot } from './snapshot-writer';

const counter = { staffId: 'staff-1' };

function save(name: string, reading: string, phones: string[] = [], tags: string[] = []): Promise<string> {
  return createCustomer(customerInput({ name, reading, phones, tags }), undefined, counter);
}

const idsOf = (matches: CustomerMatch[] | undefined) => matches?.map((m) => m.customer.id);

/** A small shop: shared surnames and given names, phones, tags. */
async function aShop(): Promise<void> {
  await save('田中 花子', 'たなか はなこ', ['090-1234-5678'], ['着物']);
  await save('田中 一郎', 'たなか いちろう', ['03-1234-9999']);
  await save('山本 花子', 'やまもと はなこ', ['080-5555-1234'], ['陶器', '着物']);
  await save('山本 太郎', 'やまもと たろう');
  await save('John Smith', '', [], ['vintage']);
  for (let i = 0; i < 80; i++) await save(`山田 客${i}`, `やまだ きゃく${i}`, [`070-2345-${String(i).padStart(4, '0')}`]);
}

/** The app put its snapshot away, then was closed; now it starts again, the index not yet read. */
async function putAwayAndRestart(): Promise<void> {
  const index = await searchIndex();
  expect(await writeSearchSnapshot(index, { unchanged: () => true })).toBe(true);
  db.close();
  await db.open();
  expect(currentSearchIndex()).toBeUndefined();
}

const QUERIES = ['tanaka', 'たなか', '田中', '花子', 'hanako', 'やま', 'yamada', '山田', '山田 客1', '1234', '090-1234', '着物', 'vintage', 'john', 'zzz'];

describe('a search typed right after the app starts', () => {
  it('finds exactly what the index finds, from the snapshot, before the ledger is read', async () => {
    await aShop();
    await putAwayAndRestart();

    const early = new Map<string, string[] | undefined>();
    for (const query of QUERIES) early.set(query, idsOf(await new SearchSnapshotReader().find(query)));
    // The same through the search box's path, still without the index.
    const soon = idsOf(await findSoon('yamamoto'));
    expect(currentSearchIndex()).toBeUndefined();
    expect(soon).toHaveLength(2);

    const index = await searchIndex();
    for (const query of QUERIES) expect(early.get(query), query).toEqual(idsOf(index.find(query)));
    expect(soon).toEqual(idsOf(index.find('yamamoto')));
    expect(early.get('山田')).toHaveLength(50);
    expect(early.get('zzz')).toEqual([]);
  });

  it('does not use a snapshot older than the ledger: a card saved since, and the search waits for the index', async () => {
    await aShop();
    const index = await searchIndex();
    await writeSearchSnapshot(index, { unchanged: () => true });

    await save('田中 美咲', 'たなか みさき');

    expect(await new SearchSnapshotReader().find('tanaka')).toBeUndefined();
    db.close();
    await db.open();
    expect(await findSoon('tanaka')).toBeUndefined();
    expect((await searchIndex()).find('tanaka').map((m) => m.customer.name)).toContain('田中 美咲');
  });

  it('keeps the snapshot when a write of cards is rolled back', async () => {
    await aShop();
    const index = await searchIndex();
    await writeSearchSnapshot(index, { unchanged: () => true });
    const stamp = await db.meta.get(CUSTOMERS_STAMP_KEY);

    await expect(
      db.transaction('rw', db.customers, async () => {
        const [card] = await db.customers.toArray();
        await db.customers.put({ ...card!, name: '書きかけ' });
        throw new Error('the tablet ran out of battery');
      }),
    ).rejects.toThrow('battery');

    expect(await db.meta.get(CUSTOMERS_STAMP_KEY)).toEqual(stamp);
    expect(idsOf(await new SearchSnapshotReader().find('tanaka'))).toEqual(idsOf(index.find('tanaka')));
  });

  it('answers with a renamed card under its new name once the next snapshot is written', async () => {
    const id = await save('田中 花子', 'たなか はなこ');
    await aShop();
    const index = await searchIndex();
    await writeSearchSnapshot(index, { unchanged: () => true });

    await updateCustomer(id, customerInput({ name: '小林 花子', reading: 'こばやし はなこ', phones: [] }), undefined, counter);
    // Only the lists the rename touched are written again.
    expect(await writeSearchSnapshot(index, { unchanged: () => true })).toBe(true);
    await putAwayAndRestart();

    const reader = new SearchSnapshotReader();
    expect((await reader.find('kobayashi'))?.map((m) => m.customer.name)).toEqual(['小林 花子']);
    expect(idsOf(await reader.find('tanaka'))).not.toContain(id);
    const fresh = await searchIndex();
    for (const query of QUERIES) expect(idsOf(await reader.find(query)), query).toEqual(idsOf(fresh.find(query)));
  });

  it('keeps nothing of a deleted card once the next snapshot is written', async () => {
    await aShop();
    const gone = await save('鈴木 秘密', 'すずき ひみつ', ['090-9876-5432']);
    const index = await searchIndex();
    await writeSearchSnapshot(index, { unchanged: () => true });

    await deleteCustomer(gone, counter);
    expect(await new SearchSnapshotReader().find('suzuki')).toBeUndefined();
    await writeSearchSnapshot(index, { unchanged: () => true });

    const stored = JSON.stringify(await db.meta.toArray());
    expect(stored).not.toContain(gone);
    expect(stored).not.toContain('すずき');
    expect(stored).not.toContain('09098765432');
    expect(await new SearchSnapshotReader().find('suzuki')).toEqual([]);
  });

  it('does not write the snapshot again at a start that finds it matching the ledger', async () => {
    await aShop();
    await putAwayAndRestart();
    const before = await db.meta.toArray();

    const index = await searchIndex();
    expect(await writeSearchSnapshot(index, { unchanged: () => true })).toBe(true);
    expect(await db.meta.toArray()).toEqual(before);

    // The first card saved after it: the next snapshot is written whole, and answers for it.
    await save('田中 美咲', 'たなか みさき');
    expect(await writeSearchSnapshot(index, { unchanged: () => true })).toBe(true);
    expect(await db.meta.toArray()).not.toEqual(before);
    expect((await new SearchSnapshotReader().find('tanaka'))?.map((m) => m.customer.name)).toContain('田中 美咲');
  });

  it('writes nothing when a change reaches the index while the snapshot is taken', async () => {
    await aShop();
    const index = await searchIndex();

    expect(await writeSearchSnapshot(index, { unchanged: () => false })).toBe(false);
    expect(await new SearchSnapshotReader().find('tanaka')).toBeUndefined();
  });
});
