// @vitest-environment node
/**
 * The day totals the owner's insights read for the money noted at the counter: whatever writes
 * the timeline (the counter, an edit, a merge, a deleted or restored card, sync, a restore), the
 * totals say what the timeline says, and a write that fails changes none of them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { customerInput } from '../../../test/support/factories';
import { dayNumber } from '../../lib/days';
import { monthKey } from '../../lib/insights/calendar';
import type { Customer, MoneyDayRow, Visit } from '../../model/types';
import { createCustomer, deleteCustomer, restoreCustomer } from '../customers/customers';
import { db } from '../db';
import { newId } from '../ids';
import { mergeCustomers } from '../privacy/merge-customers';
import { addStaff } from '../staff/staff';
import { deleteVisit, recordVisit, restoreVisit, updateVisit } from '../visits/visits';
import { moneyInsightsAsOf } from './insights';
import { amountOfVisit, deviceTimeZone, MONEY_BY_DAY_ZONE, rebuildMoneyByDay } from './money-by-day';
import { tellRowsBefore } from './known-rows';

/** Late morning on a calendar date in the device's zone. */
const on = (m: number, d: number) => new Date(2026, m - 1, d, 11, 0).getTime();

let owner: { staffId: string };

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(on(6, 1));
  owner = { staffId: await addStaff('山本 和子', 'owner', {}) };
});

afterEach(() => {
  vi.useRealTimers();
});

async function card(name: string) {
  return createCustomer(customerInput({ name, reading: '', phones: [] }), undefined, owner);
}

async function totals(): Promise<Record<string, { sale: number; buyIn: number }>> {
  const rows = await db.moneyByDay.toArray();
  const byDate: Record<string, { sale: number; buyIn: number }> = {};
  for (const { day, sale, buyIn } of rows) {
    if (sale === 0 && buyIn === 0) continue;
    byDate[new Date(day * 86_400_000).toISOString().slice(5, 10)] = { sale, buyIn };
  }
  return byDate;
}

/** The totals made from scratch from the timeline, to compare with those kept write by write. */
async function rebuiltTotals() {
  const kept = await db.moneyByDay.toArray();
  await db.transaction('rw', [db.visits, db.customers, db.moneyByDay, db.meta], () => rebuildMoneyByDay(db));
  const rebuilt = await totals();
  await db.transaction('rw', db.moneyByDay, async () => {
    await db.moneyByDay.clear();
    await db.moneyByDay.bulkPut(kept);
  });
  return rebuilt;
}

describe('the day totals of the money noted at the counter', () => {
  it('follow what the counter writes: a sale, a buy-in, an edit, a deletion, a note without an amount', async () => {
    const hana = await card('田中 花子');
    const sale = await recordVisit(hana, { at: on(5, 10), kind: 'purchase', amount: 3_800, note: '帯締め' }, owner);
    await recordVisit(hana, { at: on(5, 10), kind: 'buy-in', amount: 15_000, note: '訪問着' }, owner);
    await recordVisit(hana, { at: on(5, 12), kind: 'consultation', note: '振袖の相談' }, owner);
    expect(await totals()).toEqual({ '05-10': { sale: 3_800, buyIn: 15_000 } });

    // The price was wrong, then the day: the total moves with it.
    await updateVisit(sale, { at: on(5, 10), kind: 'purchase', amount: 4_800, note: '帯締め' }, owner);
    expect(await totals()).toEqual({ '05-10': { sale: 4_800, buyIn: 15_000 } });
    await updateVisit(sale, { at: on(5, 11), kind: 'purchase', amount: 4_800, note: '帯締め' }, owner);
    expect(await totals()).toEqual({
      '05-10': { sale: 0, buyIn: 15_000 },
      '05-11': { sale: 4_800, buyIn: 0 },
    });

    await deleteVisit(sale, owner);
    expect(await totals()).toEqual({ '05-10': { sale: 0, buyIn: 15_000 } });
    await restoreVisit(sale, owner);
    expect(await totals()).toEqual(await rebuiltTotals());
    expect((await totals())['05-11']).toEqual({ sale: 4_800, buyIn: 0 });
  });

  it('leave out a deleted card, and count it again when it is brought back', async () => {
    const hana = await card('田中 花子');
    const kenta = await card('田中 健太');
    await recordVisit(hana, { at: on(5, 10), kind: 'purchase', amount: 3_000, note: '' }, owner);
    await recordVisit(kenta, { at: on(5, 10), kind: 'purchase', amount: 99_000, note: 'test' }, owner);
    expect((await totals())['05-10']).toEqual({ sale: 102_000, buyIn: 0 });

    await deleteCustomer(kenta, owner);
    expect((await totals())['05-10']).toEqual({ sale: 3_000, buyIn: 0 });
    await restoreCustomer(kenta, owner);
    expect((await totals())['05-10']).toEqual({ sale: 102_000, buyIn: 0 });
  });

  it('count a merged card’s sales once, on the card kept', async () => {
    const hana = await card('田中 花子');
    const twin = await card('田中 花子');
    await recordVisit(hana, { at: on(5, 10), kind: 'purchase', amount: 3_000, note: '' }, owner);
    await recordVisit(twin, { at: on(5, 11), kind: 'purchase', amount: 5_000, note: '' }, owner);
    await mergeCustomers(hana, twin, owner);
    expect(await totals()).toEqual({
      '05-10': { sale: 3_000, buyIn: 0 },
      '05-11': { sale: 5_000, buyIn: 0 },
    });
  });

  it('change nothing when the write fails', async () => {
    const hana = await card('田中 花子');
    await recordVisit(hana, { at: on(5, 10), kind: 'purchase', amount: 3_000, note: '' }, owner);
    await expect(
      db.transaction('rw', db.visits, async () => {
        await db.visits.add(visitOf(hana, on(5, 10), 7_000));
        throw new Error('the tablet fell');
      }),
    ).rejects.toThrow('the tablet fell');
    expect(await totals()).toEqual({ '05-10': { sale: 3_000, buyIn: 0 } });
  });

  it('count of a batch only the rows stored (a batch with a row already there, the error caught)', async () => {
    const hana = await card('田中 花子');
    const first = visitOf(hana, on(5, 10), 3_000);
    await db.visits.add(first);
    await db.transaction('rw', db.visits, async () => {
      await db.visits.bulkAdd([{ ...first, amount: 50_000 }, visitOf(hana, on(5, 10), 2_000)]).catch(() => undefined);
    });
    expect(await db.visits.count()).toBe(2);
    expect((await totals())['05-10']).toEqual({ sale: 5_000, buyIn: 0 });
  });

  it('add up many writes to one day in one transaction, in flight together (an import, a sync pull)', async () => {
    const hana = await card('田中 花子');
    const rows = Array.from({ length: 40 }, (_, i) => visitOf(hana, on(5, 10) + i * 60_000, 1_000 + i));
    await db.transaction('rw', db.visits, async () => {
      await Promise.all([
        db.visits.bulkAdd(rows.slice(0, 20)),
        ...rows.slice(20).map((row) => db.visits.put(row)),
      ]);
    });
    const expected = rows.reduce((sum, row) => sum + row.amount!, 0);
    expect((await totals())['05-10']).toEqual({ sale: expected, buyIn: 0 });
  });

  it('need not read again a row read or written earlier in the same transaction (the sync outbox, an import, a pull read them first)', async () => {
    const hana = await card('田中 花子');
    const first = visitOf(hana, on(5, 10), 3_000);
    const arriving = visitOf(hana, on(5, 11), 2_000);
    await db.visits.add(first);
    const reads = vi.spyOn(IDBObjectStore.prototype, 'get');
    const visitReads = () => reads.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'visits').length;
    try {
      await db.transaction('rw', db.visits, async (tx) => {
        await db.visits.bulkGet([first.id]);
        // A pull knows a row without field clocks is not there, without reading it.
        tellRowsBefore(tx.idbtrans, 'visits', [arriving.id], [undefined]);
        const readsBeforeWriting = visitReads();
        await db.visits.put({ ...first, amount: 4_000 });
        await db.visits.put(arriving);
        // Written here: the next write of it knows it holds 4,000, not the 3,000 read before.
        await db.visits.put({ ...first, amount: 5_000 });
        expect(visitReads()).toBe(readsBeforeWriting);
      });
    } finally {
      reads.mockRestore();
    }
    expect(await totals()).toEqual({ '05-10': { sale: 5_000, buyIn: 0 }, '05-11': { sale: 2_000, buyIn: 0 } });
    expect(await rebuiltTotals()).toEqual(await totals());
  });

  it('stay right when reads and a write of one row are in flight together', async () => {
    const hana = await card('田中 花子');
    const first = visitOf(hana, on(5, 10), 3_000);
    await db.visits.add(first);
    await db.transaction('rw', db.visits, async () => {
      // Asked for together: the read may be answered before the write, or after it.
      await Promise.all([db.visits.get(first.id), db.visits.put({ ...first, amount: 8_000 }), db.visits.bulkGet([first.id])]);
      await db.visits.put({ ...first, amount: 6_000 });
    });
    expect((await totals())['05-10']).toEqual({ sale: 6_000, buyIn: 0 });
    expect(await rebuiltTotals()).toEqual(await totals());
  });

  it('say what the timeline says after any mix of writes, a cleared timeline and cards that arrive after their visits included', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const cards = [await card('A'), await card('B'), await card('C'), newId()];
    const visits: Visit[] = [];
    for (let step = 0; step < 300; step++) {
      const roll = random();
      if (roll < 0.35 || visits.length === 0) {
        const visit = visitOf(pick(cards), on(5, 1 + Math.floor(random() * 5)), 100 * (1 + Math.floor(random() * 50)));
        if (random() < 0.2) visit.kind = 'buy-in';
        if (random() < 0.1) visit.record = { type: 'ledger-entry', id: newId() };
        visits.push(visit);
        await db.visits.put(visit);
      } else if (roll < 0.55) {
        const visit = pick(visits);
        Object.assign(visit, { amount: random() < 0.1 ? -5 : 100 * Math.floor(random() * 80), customerId: pick(cards) });
        await db.visits.put(visit);
      } else if (roll < 0.65) {
        const visit = pick(visits);
        visit.deletedAt = random() < 0.5 ? Date.now() : undefined;
        await db.visits.put(visit);
      } else if (roll < 0.75) {
        const id = pick(cards);
        const row = await db.customers.get(id);
        if (row) await db.customers.put({ ...row, deletedAt: row.deletedAt ? undefined : Date.now() } as Customer);
        else await db.customers.put({ ...(await db.customers.get(cards[0]!))!, id, deletedAt: undefined });
      } else if (roll < 0.8) {
        const gone = visits.splice(Math.floor(random() * visits.length), 1);
        await db.visits.bulkDelete(gone.map((v) => v.id));
      } else if (roll < 0.81) {
        visits.length = 0;
        await db.visits.clear();
      } else {
        await db.transaction('rw', db.visits, db.customers, () =>
          Promise.all([db.visits.put({ ...pick(visits) }), db.visits.bulkPut(visits.slice(0, 5))]),
        );
      }
    }
    expect(Object.keys(await totals()).length).toBeGreaterThan(0);
    expect(await totals()).toEqual(await rebuiltTotals());
  });
});

describe('the insights’ money figures', () => {
  it('are made again when the device is in another time zone than the totals', async () => {
    const hana = await card('田中 花子');
    await recordVisit(hana, { at: on(5, 31), kind: 'purchase', amount: 3_000, note: '' }, owner);
    // Totals made in a zone half a world away (a tablet set up abroad, then reset): May's last
    // sale sat on another day there.
    const day = dayNumber(on(5, 31));
    await db.transaction('rw', db.moneyByDay, db.meta, async () => {
      await db.moneyByDay.clear();
      await db.moneyByDay.put({ day: day + 1, sale: 3_000, buyIn: 0 } satisfies MoneyDayRow);
      await db.meta.put({ key: MONEY_BY_DAY_ZONE, value: 'Not/This-Zone' });
    });
    vi.setSystemTime(on(6, 15));
    const money = await moneyInsightsAsOf(owner);
    expect(money.sales.months.find((m) => monthKey(m.month) === '2026-05')?.total).toBe(3_000);
    expect(await totals()).toEqual({ '05-31': { sale: 3_000, buyIn: 0 } });
    expect((await db.meta.get(MONEY_BY_DAY_ZONE))?.value).toBe(deviceTimeZone());
    expect(money.sales.total).toBe(3_000);
  });

  it('count only whole, positive yen on a purchase or buy-in that is not a 古物台帳 record', () => {
    const base = visitOf('c', on(5, 10), 1_000);
    expect(amountOfVisit(base)).toMatchObject({ field: 'sale', amount: 1_000 });
    expect(amountOfVisit({ ...base, kind: 'buy-in' })).toMatchObject({ field: 'buyIn' });
    expect(amountOfVisit({ ...base, kind: 'consultation' })).toBeUndefined();
    expect(amountOfVisit({ ...base, amount: -1_000 })).toBeUndefined();
    expect(amountOfVisit({ ...base, amount: 10.5 })).toBeUndefined();
    expect(amountOfVisit({ ...base, amount: 1e300 })).toBeUndefined();
    expect(amountOfVisit({ ...base, at: Number.NaN })).toBeUndefined();
    expect(amountOfVisit({ ...base, deletedAt: 1 })).toBeUndefined();
    expect(amountOfVisit({ ...base, record: { type: 'ledger-entry', id: 'x' } })).toBeUndefined();
  });
});

function visitOf(customerId: string, at: number, amount: number): Visit {
  return {
    id: newId(),
    createdAt: at,
    updatedAt: at,
    customerId,
    at,
    kind: 'purchase',
    amount,
    note: '',
  } as Visit;
}
