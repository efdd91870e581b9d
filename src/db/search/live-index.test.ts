// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { resetDatabase } from '../../../test/support/database';
import { customerInput } from '../../../test/support/factories';
import { parseCustomerInput, type CustomerInput } from '../../lib/customer-input';
import { newCustomerRow } from '../customers/customer-row';
import { createCustomer, deleteCustomer, restoreCustomer, updateCustomer } from '../customers/customers';
import { db } from '../db';
import { importCustomers } from '../import/import';
import { customerIdsInOrder } from '../first-screen-reads';
import { recordVisit } from '../visits/visits';
import {
  currentSearchIndex,
  searchIndex,
  searchIndexVersion,
  subscribeToSearchIndex,
} from './live-index';
import { CustomerSearchIndex } from './search-index';
import { DaifukuDB } from '../schema';
import type { Customer } from '../../model/types';
import { listOrdersOf } from './list-orders';

const counter = { staffId: 'staff-1' };

/** A card saved at the counter. */
function save(name: string, reading: string, phones: string[] = []): Promise<string> {
  return createCustomer(customerInput({ name, reading, phones }), undefined, counter);
}

/** A card's name and reading corrected at the counter (no phone). */
function rename(id: string, name: string, reading: string): Promise<void> {
  return updateCustomer(id, customerInput({ name, reading, phones: [] }), undefined, counter);
}

/** What the search box shows right now, in this very task: no waiting for the database. */
function namesShownFor(query: string): string[] {
  const index = currentSearchIndex();
  if (!index) throw new Error('the search index is not ready');
  return index.find(query).map((m) => m.customer.name);
}

/** A card as the app would store it, for writing in bulk or from "another tab". */
function cardFor(input: CustomerInput): Customer {
  const parsed = parseCustomerInput(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return newCustomerRow(parsed.value, {
    updatedAt: Date.now(),
    updatedBy: 'staff-1',
    deviceId: 'test-device',
  });
}

/** Another tab of the app: the same database, opened without this tab's change announcements. */
async function withAnotherTab(
  story: (tab: DaifukuDB, channel: BroadcastChannel) => Promise<void>,
): Promise<void> {
  const tab = new DaifukuDB(db.name);
  const channel = new BroadcastChannel('daifuku-customer-changes');
  try {
    await tab.open();
    await story(tab, channel);
  } finally {
    channel.close();
    // Left open, it would block the next test's fresh database.
    tab.close();
  }
}

/**
 * Starts the first search's read of the ledger and runs `writes` while it is under way: the read
 * pauses between pages of cards (a timer, so the screen keeps answering taps), and the writes are
 * made and committed during that pause, after the first page was read. Returns the load.
 */
async function whileTheLedgerIsRead(writes: () => Promise<void>): Promise<CustomerSearchIndex> {
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  let loading: Promise<CustomerSearchIndex>;
  try {
    loading = searchIndex();
    for (let turns = 0; vi.getTimerCount() === 0; turns++) {
      if (turns > 10_000) throw new Error('the read never paused between pages');
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    expect(currentSearchIndex(), 'the index is still being read').toBeUndefined();
    await writes();
    expect(currentSearchIndex(), 'the index is still being read').toBeUndefined();
    vi.runOnlyPendingTimers();
  } finally {
    vi.useRealTimers();
  }
  return loading;
}

/** More than one page of cards (the index reads 1,000 at a time), named 客 0, 客 1, … */
async function aLedgerOfManyCards(): Promise<Customer[]> {
  const ledger = Array.from({ length: 2_500 }, (_, i) =>
    cardFor(
      customerInput({
        name: `客 ${i}`,
        reading: '',
        phones: [`090-1111-${String(i).padStart(4, '0')}`],
      }),
    ),
  );
  await db.customers.bulkAdd(ledger);
  return ledger;
}

describe('the search box keeps up with the counter', () => {
  it('finds a card saved at the counter in the very next search, without waiting', async () => {
    await save('佐藤 一郎', 'さとう いちろう');
    const index = await searchIndex();

    await save('田中 花子', 'たなか はなこ', ['090-1234-5678']);

    // The same index, brought up to date by the save itself: nothing was read again.
    // (fake-indexeddb runs the change listener before Dexie's own `oncomplete`, which resolves
    // the write; a browser runs them in the order they were registered, Dexie's first.)
    expect(currentSearchIndex()).toBe(index);
    expect(namesShownFor('tanaka')).toEqual(['田中 花子']);
    expect(namesShownFor('090-1234')).toEqual(['田中 花子']);
    expect(namesShownFor('satou')).toEqual(['佐藤 一郎']);
  });

  it('finds an edited card by its new name, and no longer by the old one', async () => {
    const id = await save('田中 花子', 'たなか はなこ');
    await searchIndex();

    await rename(id, '山本 花子', 'やまもと はなこ');

    expect(namesShownFor('yamamoto')).toEqual(['山本 花子']);
    expect(namesShownFor('山本')).toEqual(['山本 花子']);
    expect(namesShownFor('tanaka')).toEqual([]);
    expect(namesShownFor('田中')).toEqual([]);
    // One card, not the old and the new side by side.
    expect(namesShownFor('hanako')).toEqual(['山本 花子']);
  });

  it('drops a deleted card from the results at once, and shows it again when the deletion is undone', async () => {
    const hanako = await save('田中 花子', 'たなか はなこ');
    await save('田中 一郎', 'たなか いちろう');
    const index = await searchIndex();

    await deleteCustomer(hanako, counter);

    expect(namesShownFor('tanaka')).toEqual(['田中 一郎']);
    expect(namesShownFor('hanako')).toEqual([]);
    expect(index.get(hanako)).toBeUndefined();
    expect(index.size).toBe(1);

    await restoreCustomer(hanako, counter);

    // Equally good matches, the one seen most recently first.
    expect(namesShownFor('tanaka')).toEqual(['田中 一郎', '田中 花子']);
    expect(namesShownFor('hanako')).toEqual(['田中 花子']);
  });

  it('finds every person of an import of several hundred rows into a ledger already searched', async () => {
    await save('田中 花子', 'たなか はなこ', ['090-1234-5678']);
    const index = await searchIndex();

    const given =
      'Akira Emi Haruto Yui Sota Mio Ren Aoi Kaito Rin Yuto Hina Minato Sara Riku'.split(' ');
    const family =
      'Abe Endo Fujita Goto Hayashi Ishii Kato Mori Nomura Ono Sakai Ueda Wada Yamada Arai Baba Chiba Doi Eto Fukuda'.split(
        ' ',
      );
    const people = family.flatMap((last, i) =>
      given.map((first, j) => ({
        name: `${first} ${last}`,
        phone: `080-${String(i).padStart(4, '0')}-${String(j).padStart(4, '0')}`,
      })),
    );
    expect(people).toHaveLength(300);
    const csv = ['name,phone', ...people.map((p) => `${p.name},${p.phone}`)].join('\n');

    // Batches of 100: each one reaches the index as one bulk change.
    const result = await importCustomers(csv, { ctx: counter, batchSize: 100 });

    expect(result).toMatchObject({ imported: 300, updated: 0, bad: [] });
    expect(currentSearchIndex()).toBe(index);
    expect(index.size).toBe(301);
    for (const person of people) {
      expect(namesShownFor(person.name), person.name).toEqual([person.name]);
      expect(namesShownFor(person.phone), person.phone).toEqual([person.name]);
    }
    expect(namesShownFor('tanaka')).toEqual(['田中 花子']);
  });

  it('takes a large change (an import batch, a sync pull) in a task of its own, in order, and before any search that asks for it', async () => {
    await searchIndex();
    const screen = vi.fn();
    const stopListening = subscribeToSearchIndex(screen);
    const guests = Array.from({ length: 40 }, (_, i) =>
      cardFor(customerInput({ name: `Guest ${i}`, reading: '', phones: [] })),
    );

    await db.transaction('rw', db.customers, () => db.customers.bulkAdd(guests));
    // The writer gets on with its next batch while the index waits for the next task...
    expect(currentSearchIndex()?.size).toBe(0);
    expect(screen).not.toHaveBeenCalled();
    // ...unless a search asks for the index first.
    expect((await searchIndex()).size).toBe(40);
    expect(screen).toHaveBeenCalled();

    // A card edited at the counter while a large change that also wrote it still waits for its
    // task (held back here by stopping the clock): the edit wins.
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      await db.transaction('rw', db.customers, () =>
        db.customers.bulkPut(guests.map((guest) => ({ ...guest, tags: ['walking group'] }))),
      );
      await rename(guests[0]!.id, '本田 太郎', 'ほんだ たろう');
    } finally {
      vi.useRealTimers();
    }
    expect(namesShownFor('ほんだ')).toEqual(['本田 太郎']);
    expect(currentSearchIndex()?.get(guests[0]!.id)?.name).toBe('本田 太郎');
    expect(currentSearchIndex()?.get(guests[1]!.id)?.tags).toEqual(['walking group']);
    stopListening();
  });

  it('reads the ledger into the index a hundred cards at a time', async () => {
    await aLedgerOfManyCards();
    const taken = vi.spyOn(CustomerSearchIndex.prototype, 'apply');
    try {
      const index = await searchIndex();
      expect(index.size).toBe(2_500);
      expect(Math.max(...taken.mock.calls.map(([rows]) => rows.length))).toBeLessThanOrEqual(100);
    } finally {
      taken.mockRestore();
    }
  });

  it('misses no card saved, edited or deleted while the ledger is still being read', async () => {
    const ledger = await aLedgerOfManyCards();
    // Cards of the first page, already read when they change.
    const edited = ledger[0]!;
    const deleted = ledger[1]!;
    let saved = '';

    const index = await whileTheLedgerIsRead(async () => {
      saved = await save('田中 花子', 'たなか はなこ');
      await rename(edited.id, '山本 花子', 'やまもと はなこ');
      await deleteCustomer(deleted.id, counter);
    });

    await vi.waitFor(() => {
      expect(namesShownFor('tanaka')).toEqual(['田中 花子']);
      expect(namesShownFor('yamamoto')).toEqual(['山本 花子']);
      expect(namesShownFor('客 0')).toEqual([]);
      expect(namesShownFor('09011110001')).toEqual([]);
    });
    expect(namesShownFor('09011110002')).toEqual(['客 2']);
    expect(index.get(saved)?.name).toBe('田中 花子');
    expect(index.size).toBe(2_500);
  });

  it('after the ledger is cleared (as a restore does) and refilled, shows only the new cards', async () => {
    await save('田中 花子', 'たなか はなこ');
    await save('田中 一郎', 'たなか いちろう');
    await searchIndex();

    await db.customers.clear();
    await save('田中 次郎', 'たなか じろう');

    await vi.waitFor(() => expect(namesShownFor('tanaka')).toEqual(['田中 次郎']));
    expect(currentSearchIndex()?.size).toBe(1);
  });

  it('after the ledger is cleared while it is still being read, shows none of the cleared cards', async () => {
    await aLedgerOfManyCards();

    await whileTheLedgerIsRead(async () => {
      await db.customers.clear();
      await save('田中 次郎', 'たなか じろう');
    });

    await vi.waitFor(() => {
      expect(currentSearchIndex()?.size, 'cards in the index').toBe(1);
      expect(namesShownFor('客 1')).toEqual([]);
      expect(namesShownFor('tanaka')).toEqual(['田中 次郎']);
    });
  });

  it('keeps finding new cards after reading the ledger again failed once', async () => {
    await save('田中 花子', 'たなか はなこ');
    await searchIndex();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // The one read after the clear fails (a storage hiccup); everything after it works.
    vi.spyOn(db.customers, 'limit').mockImplementationOnce(
      () =>
        ({ toArray: () => Promise.reject(new Error('the read failed')) }) as unknown as ReturnType<
          typeof db.customers.limit
        >,
    );

    await db.customers.clear();
    await vi.waitFor(() =>
      expect(logged).toHaveBeenCalledWith(
        'Could not read the search index again',
        expect.any(Error),
      ),
    );
    await save('佐藤 一郎', 'さとう いちろう');

    await vi.waitFor(() => expect(namesShownFor('satou')).toEqual(['佐藤 一郎']));
  });

  it('reads again a card another tab saved, edited or removed, once that tab says so', async () => {
    const kept = await save('佐藤 一郎', 'さとう いちろう');
    const removed = await save('鈴木 慎二', 'すずき しんじ');
    await searchIndex();

    await withAnotherTab(async (tab, channel) => {
      const hanako = cardFor(
        customerInput({ name: '田中 花子', reading: 'たなか はなこ', phones: [] }),
      );
      await tab.customers.add(hanako);
      const sato = (await tab.customers.get(kept))!;
      await tab.customers.put({
        ...sato,
        ...cardFor(customerInput({ name: '佐藤 次郎', reading: 'さとう じろう', phones: [] })),
        id: kept,
      });
      await tab.customers.delete(removed);

      // This tab heard nothing of it yet.
      expect(namesShownFor('tanaka')).toEqual([]);
      expect(namesShownFor('satou')).toEqual(['佐藤 一郎']);
      expect(namesShownFor('suzuki')).toEqual(['鈴木 慎二']);

      channel.postMessage({ ids: [hanako.id, kept, removed] });

      await vi.waitFor(() => {
        expect(namesShownFor('tanaka')).toEqual(['田中 花子']);
        expect(namesShownFor('satou')).toEqual(['佐藤 次郎']);
        expect(namesShownFor('suzuki')).toEqual([]);
      });
    });
  });

  it('reads the whole ledger again when another tab restored it', async () => {
    await save('田中 花子', 'たなか はなこ');
    await searchIndex();

    await withAnotherTab(async (tab, channel) => {
      await tab.customers.clear();
      await tab.customers.add(
        cardFor(customerInput({ name: '佐藤 一郎', reading: 'さとう いちろう', phones: [] })),
      );
      channel.postMessage({ everything: true });

      await vi.waitFor(() => {
        expect(namesShownFor('tanaka')).toEqual([]);
        expect(namesShownFor('satou')).toEqual(['佐藤 一郎']);
      });
    });
  });

  it('tells the screen each time the results may have changed, until it stops listening', async () => {
    await searchIndex();
    const screen = vi.fn();
    const stopListening = subscribeToSearchIndex(screen);
    const before = searchIndexVersion();

    const id = await save('田中 花子', 'たなか はなこ');
    expect(screen).toHaveBeenCalled();
    expect(searchIndexVersion()).not.toBe(before);

    screen.mockClear();
    await rename(id, '山本 花子', 'やまもと はなこ');
    expect(screen).toHaveBeenCalled();

    stopListening();
    screen.mockClear();
    await deleteCustomer(id, counter);
    expect(screen).not.toHaveBeenCalled();
  });

  it('lists every card in 50音 order and newest first exactly as the database indexes do', async () => {
    const names: [string, string][] = [
      ['渡辺美咲', 'わたなべ みさき'],
      ['John Smith', ''],
      ['田中 花子', 'たなか はなこ'],
      ['佐藤 一郎', 'さとう いちろう'],
      ['田中 次郎', 'たなか じろう'],
    ];
    const ids: string[] = [];
    for (const [name, reading] of names) ids.push(await save(name, reading));
    await recordVisit(ids[3]!, { at: Date.now() + 60_000, kind: 'purchase' }, counter);
    await deleteCustomer(ids[1]!, counter);
    const index = await searchIndex();

    for (const order of ['reading', 'recent'] as const) {
      expect(listOrdersOf(index).idsInOrder(order), order).toEqual(await customerIdsInOrder(order));
      // The first rows the list shows at a start, before the index is read, are the same.
      expect(await customerIdsInOrder(order, 2), order).toEqual(listOrdersOf(index).idsInOrder(order).slice(0, 2));
    }
    expect(listOrdersOf(index).idsInOrder('recent')[0]).toBe(ids[3]);
    expect(listOrdersOf(index).idsInOrder('reading')).not.toContain(ids[1]);
  });

  it('reads a ledger opened afresh from scratch instead of answering from the old one', async () => {
    await save('田中 花子', 'たなか はなこ');
    const old = await searchIndex();

    await resetDatabase();

    expect(currentSearchIndex()).toBeUndefined();
    const fresh = await searchIndex();
    expect(fresh).not.toBe(old);
    expect(fresh.find('tanaka')).toEqual([]);
  });
});
