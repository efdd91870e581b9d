// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { customerInput } from '../../../test/support/factories';
import { createCustomer, deleteCustomer } from '../customers/customers';
import { db } from '../db';
import { InputError } from '../errors';
import { getCustomer, timelineOf } from '../queries';
import { deleteVisit, recordVisit, restoreVisit, updateVisit } from './visits';

const counter = { staffId: 'staff-1' };
const owner = { staffId: 'owner-1' };

// The card is opened on 1 April; visits happen in the weeks after.
const cardOpened = Date.UTC(2026, 3, 1, 1, 0);
const april10 = Date.UTC(2026, 3, 10, 2, 0);
const may2 = Date.UTC(2026, 4, 2, 5, 30);
const june15 = Date.UTC(2026, 5, 15, 4, 0);

/** Moves the shop's clock; only Date is faked so IndexedDB's own timers keep running. */
function clockAt(time: number) {
  vi.setSystemTime(time);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  clockAt(cardOpened);
});

afterEach(() => {
  vi.useRealTimers();
});

async function newCustomer(): Promise<string> {
  return createCustomer(customerInput(), undefined, counter);
}

describe('visits on a customer’s timeline', () => {
  it('shows visits newest first, with who served the customer', async () => {
    const id = await newCustomer();
    clockAt(april10);
    await recordVisit(id, { at: april10, kind: 'purchase', amount: 3800, note: '花瓶' }, counter);
    clockAt(june15);
    await recordVisit(id, { at: june15, kind: 'consultation', note: '帯の相談' }, owner);
    clockAt(may2);
    await recordVisit(id, { at: may2, kind: 'buy-in', amount: 12000 }, counter);

    const timeline = await timelineOf(id);
    expect(timeline.map((v) => v.at)).toEqual([june15, may2, april10]);
    expect(timeline.map((v) => v.staffId)).toEqual(['owner-1', 'staff-1', 'staff-1']);
    expect(timeline[0]).toMatchObject({
      customerId: id,
      kind: 'consultation',
      note: '帯の相談',
      updatedBy: 'owner-1',
    });
    expect(timeline[2]).toMatchObject({
      kind: 'purchase',
      amount: 3800,
      note: '花瓶',
      createdAt: april10,
    });
  });

  it('keeps each customer’s timeline to their own visits', async () => {
    const hanako = await newCustomer();
    const ichiro = await createCustomer(
      customerInput({ name: '佐藤 一郎', reading: 'さとう いちろう', phones: [] }),
      undefined,
      counter,
    );
    await recordVisit(hanako, { at: april10, kind: 'purchase' }, counter);
    await recordVisit(ichiro, { at: may2, kind: 'appraisal' }, counter);
    expect((await timelineOf(hanako)).map((v) => v.kind)).toEqual(['purchase']);
    expect((await timelineOf(ichiro)).map((v) => v.kind)).toEqual(['appraisal']);
  });

  it('moves the customer’s last visit and activity forward with each new visit', async () => {
    const id = await newCustomer();
    expect(await getCustomer(id)).toMatchObject({ activityAt: cardOpened });
    expect((await getCustomer(id))?.lastVisitAt).toBeUndefined();

    clockAt(april10);
    await recordVisit(id, { at: april10, kind: 'purchase' }, counter);
    expect(await getCustomer(id)).toMatchObject({ lastVisitAt: april10, activityAt: april10 });

    clockAt(may2);
    await recordVisit(id, { at: may2, kind: 'purchase' }, counter);
    expect(await getCustomer(id)).toMatchObject({ lastVisitAt: may2, activityAt: may2 });
  });

  it('copies an old visit from the paper ledger without moving the last visit backwards', async () => {
    const id = await newCustomer();
    clockAt(may2);
    await recordVisit(id, { at: may2, kind: 'purchase' }, counter);
    const fromPaperLedger = Date.UTC(2019, 10, 3);
    await recordVisit(id, { at: fromPaperLedger, kind: 'purchase', note: '大福帳より' }, counter);

    expect(await getCustomer(id)).toMatchObject({ lastVisitAt: may2, activityAt: may2 });
    expect((await timelineOf(id)).map((v) => v.at)).toEqual([may2, fromPaperLedger]);
  });

  it('keeps the card’s creation as its activity when only older visits were copied in', async () => {
    const id = await newCustomer();
    const fromPaperLedger = Date.UTC(2019, 10, 3);
    await recordVisit(id, { at: fromPaperLedger, kind: 'purchase' }, counter);
    expect(await getCustomer(id)).toMatchObject({
      lastVisitAt: fromPaperLedger,
      activityAt: cardOpened,
    });
  });
});

describe('correcting a visit', () => {
  it('changes the kind, amount and note, stamping who corrected it', async () => {
    const id = await newCustomer();
    const visitId = await recordVisit(
      id,
      { at: april10, kind: 'purchase', amount: 3800, note: '花瓶' },
      counter,
    );
    clockAt(may2);
    await updateVisit(
      visitId,
      { at: april10, kind: 'buy-in', amount: 5000, note: '花瓶を買い取り' },
      owner,
    );

    const [visit] = await timelineOf(id);
    expect(visit).toMatchObject({
      id: visitId,
      kind: 'buy-in',
      amount: 5000,
      note: '花瓶を買い取り',
      staffId: 'staff-1',
      updatedBy: 'owner-1',
      updatedAt: may2,
      createdAt: cardOpened,
    });
  });

  it('clears the amount when the corrected visit has none', async () => {
    const id = await newCustomer();
    const visitId = await recordVisit(id, { at: april10, kind: 'purchase', amount: 3800 }, counter);
    await updateVisit(visitId, { at: april10, kind: 'consultation', note: '相談のみ' }, counter);
    const stored = await db.visits.get(visitId);
    expect(stored?.amount).toBeUndefined();
    expect(stored?.kind).toBe('consultation');
  });

  it('recomputes the last visit when the newest visit’s date was a mistake', async () => {
    const id = await newCustomer();
    await recordVisit(id, { at: april10, kind: 'purchase' }, counter);
    const wrong = await recordVisit(id, { at: june15, kind: 'purchase' }, counter);
    await updateVisit(wrong, { at: may2, kind: 'purchase' }, counter);
    expect((await getCustomer(id))?.lastVisitAt).toBe(may2);
    expect((await timelineOf(id)).map((v) => v.at)).toEqual([may2, april10]);
  });

  it('refuses a correction with an invalid amount and keeps the visit as it was', async () => {
    const id = await newCustomer();
    const visitId = await recordVisit(id, { at: april10, kind: 'purchase', amount: 3800 }, counter);
    await expect(
      updateVisit(visitId, { at: april10, kind: 'purchase', amount: -1 }, counter),
    ).rejects.toBeInstanceOf(InputError);
    expect((await db.visits.get(visitId))?.amount).toBe(3800);
  });

  it('refuses to correct a visit that was deleted', async () => {
    const id = await newCustomer();
    const visitId = await recordVisit(id, { at: april10, kind: 'purchase', note: '花瓶' }, counter);
    await deleteVisit(visitId, counter);
    await expect(
      updateVisit(visitId, { at: april10, kind: 'purchase', note: '書き換え' }, counter),
    ).rejects.toThrow();
    expect((await db.visits.get(visitId))?.note).toBe('花瓶');
  });
});

describe('deleting and restoring a visit', () => {
  it('hides a deleted visit from the timeline but keeps it as a tombstone', async () => {
    const id = await newCustomer();
    await recordVisit(id, { at: april10, kind: 'purchase' }, counter);
    const mistake = await recordVisit(id, { at: may2, kind: 'purchase', note: '別の人' }, counter);
    clockAt(june15);
    await deleteVisit(mistake, owner);

    expect((await timelineOf(id)).map((v) => v.at)).toEqual([april10]);
    expect(await db.visits.get(mistake)).toMatchObject({
      deletedAt: june15,
      updatedBy: 'owner-1',
      note: '別の人',
    });
  });

  it('shows the newest entries on a long timeline even when several of the newest were deleted', async () => {
    const id = await newCustomer();
    const day = 86_400_000;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await recordVisit(id, { at: april10 + i * day, kind: 'purchase' }, counter));
    // The five newest were mistakes: the card's first page must reach past them.
    for (const mistake of ids.slice(7)) await deleteVisit(mistake, owner);

    const newestFour = await timelineOf(id, 4);
    expect(newestFour.map((v) => v.at)).toEqual([6, 5, 4, 3].map((i) => april10 + i * day));
    expect(await timelineOf(id, 20)).toHaveLength(7);
  });

  it('recomputes the last visit from what is left, and from the card when nothing is', async () => {
    const id = await newCustomer();
    const first = await recordVisit(id, { at: april10, kind: 'purchase' }, counter);
    const second = await recordVisit(id, { at: may2, kind: 'purchase' }, counter);

    await deleteVisit(second, counter);
    expect(await getCustomer(id)).toMatchObject({ lastVisitAt: april10, activityAt: april10 });

    await deleteVisit(first, counter);
    const customer = await getCustomer(id);
    expect(customer?.lastVisitAt).toBeUndefined();
    expect(customer?.activityAt).toBe(cardOpened);
  });

  it('brings a restored visit back onto the timeline and as the last visit', async () => {
    const id = await newCustomer();
    await recordVisit(id, { at: april10, kind: 'purchase' }, counter);
    const latest = await recordVisit(id, { at: may2, kind: 'purchase', amount: 2000 }, counter);
    await deleteVisit(latest, counter);
    await restoreVisit(latest, counter);

    expect((await timelineOf(id)).map((v) => v.id)).toContain(latest);
    expect((await db.visits.get(latest))?.deletedAt).toBeUndefined();
    expect(await getCustomer(id)).toMatchObject({ lastVisitAt: may2, activityAt: may2 });
  });

  it('treats deleting twice or restoring a live visit as doing nothing', async () => {
    const id = await newCustomer();
    const visitId = await recordVisit(id, { at: april10, kind: 'purchase' }, counter);
    clockAt(may2);
    await deleteVisit(visitId, counter);
    clockAt(june15);
    await deleteVisit(visitId, owner);
    expect(await db.visits.get(visitId)).toMatchObject({ deletedAt: may2, updatedBy: 'staff-1' });

    await restoreVisit(visitId, counter);
    await restoreVisit(visitId, owner);
    expect(await db.visits.get(visitId)).toMatchObject({ updatedBy: 'staff-1', updatedAt: june15 });
  });
});

describe('visits that cannot be recorded', () => {
  it('refuses a visit for a deleted customer and writes nothing', async () => {
    const id = await newCustomer();
    await deleteCustomer(id, owner);
    await expect(recordVisit(id, { at: april10, kind: 'purchase' }, counter)).rejects.toThrow();
    expect(await db.visits.count()).toBe(0);
    expect((await db.customers.get(id))?.lastVisitAt).toBeUndefined();
  });

  it('refuses a visit for a customer that does not exist', async () => {
    await expect(
      recordVisit('no-such-customer', { at: april10, kind: 'purchase' }, counter),
    ).rejects.toThrow();
    expect(await db.visits.count()).toBe(0);
  });

  it('refuses invalid input with the field errors and writes nothing', async () => {
    const id = await newCustomer();
    const before = await getCustomer(id);
    const attempt = recordVisit(
      id,
      { at: april10, kind: 'purchase', amount: 1.5, note: 'あ'.repeat(5001) },
      counter,
    );
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(attempt).rejects.toMatchObject({
      errors: expect.arrayContaining([
        { field: 'amount', code: 'invalidAmount' },
        { field: 'note', code: 'tooLong', max: 5000 },
      ]),
    });
    expect(await db.visits.count()).toBe(0);
    expect(await getCustomer(id)).toEqual(before);
  });
});
