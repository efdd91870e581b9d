// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { customerInput } from '../../../test/support/factories';
import { dayNumber, startOfDayNumber } from '../../lib/days';
import { DEFAULT_STAGE_RULES, visitStage } from '../../lib/stages';
import {
  captureCustomerWithVisit,
  createCustomer,
  deleteCustomer,
  restoreCustomer,
  updateCustomer,
} from '../customers/customers';
import { db } from '../db';
import { InputError, OwnerOnlyError } from '../errors';
import { getCustomer } from '../queries';
import { cautionHistoryOf, referralsOf } from './queries';
import {
  addTalkAbout,
  activeTalkAbout,
  clearCaution,
  restoreTalkAbout,
  retireTalkAbout,
  setCaution,
} from './relationships';
import { saveStageRules } from './settings';
import { addStaff, ensureFirstStaff } from '../staff/staff';
import { deleteVisit, recordVisit, restoreVisit, updateVisit } from '../visits/visits';

const DAY = 86_400_000;
const now = Date.UTC(2026, 5, 15, 3, 0);
const daysAgo = (n: number) => now - n * DAY;

let owner: { staffId: string };
let staff: { staffId: string };

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
  await ensureFirstStaff('店主');
  owner = { staffId: (await db.staff.toArray())[0]!.id };
  staff = { staffId: await addStaff('佐藤', 'staff', owner) };
});

afterEach(() => {
  vi.useRealTimers();
});

async function customer(name: string, referredBy?: string): Promise<string> {
  return createCustomer(
    customerInput({ name, reading: '', phones: [], referredBy }),
    undefined,
    staff,
  );
}

async function visit(
  id: string,
  at: number,
  kind: 'purchase' | 'contact' | 'consultation' = 'purchase',
) {
  return recordVisit(id, { at, kind, note: '' }, staff);
}

describe('what a card keeps about its visits', () => {
  it('keeps visit times in order, counting a visit recorded today for a past date at its date', async () => {
    const id = await customer('田中 花子');
    await visit(id, daysAgo(10));
    await visit(id, daysAgo(200));
    const row = await getCustomer(id);
    expect(row?.visitTimes).toEqual([daysAgo(200), daysAgo(10)]);
    expect(row?.lastVisitAt).toBe(daysAgo(10));
  });

  it('does not count a Contact (a follow-up call or message) as a visit', async () => {
    const id = await customer('田中 花子');
    await visit(id, daysAgo(10));
    await visit(id, daysAgo(1), 'contact');
    const row = await getCustomer(id);
    expect(row?.visitTimes).toEqual([daysAgo(10)]);
    expect(row?.lastVisitAt).toBe(daysAgo(10));
  });

  it('marks the day a regular will lapse, and moves it when they come again', async () => {
    const id = await customer('田中 花子');
    for (const n of [40, 30, 20]) await visit(id, daysAgo(n));
    // Every 10 days: lapsed 60 days (the floor) after the last visit.
    expect((await getCustomer(id))?.lapseAt).toBe(startOfDayNumber(dayNumber(daysAgo(20)) + 60));
    await visit(id, daysAgo(0));
    expect((await getCustomer(id))?.lapseAt).toBe(startOfDayNumber(dayNumber(now) + 60));
  });

  it('follows edits and deletions of visits, and Undo', async () => {
    const id = await customer('田中 花子');
    const ids = [];
    for (const n of [40, 30, 20]) ids.push(await visit(id, daysAgo(n)));
    await deleteVisit(ids[2]!, staff);
    let row = await getCustomer(id);
    expect(row?.visitTimes).toEqual([daysAgo(40), daysAgo(30)]);
    expect(row?.lapseAt).toBeUndefined();
    expect(visitStage(row!.visitTimes, { now, rules: DEFAULT_STAGE_RULES })).toBe('occasional');

    await restoreVisit(ids[2]!, staff);
    await updateVisit(ids[0]!, { at: daysAgo(400), kind: 'purchase', note: '' }, staff);
    row = await getCustomer(id);
    expect(row?.visitTimes).toEqual([daysAgo(400), daysAgo(30), daysAgo(20)]);
    expect(visitStage(row!.visitTimes, { now, rules: DEFAULT_STAGE_RULES })).toBe('occasional');
  });

  it('quick capture starts the card with its first visit', async () => {
    const { customerId } = await captureCustomerWithVisit(
      customerInput(),
      undefined,
      { at: now, kind: 'purchase', note: '' },
      staff,
    );
    expect((await getCustomer(customerId))?.visitTimes).toEqual([now]);
  });

  it('moves every lapse day when the owner changes the rules, and only an owner may', async () => {
    const id = await customer('田中 花子');
    for (const n of [40, 30, 20]) await visit(id, daysAgo(n));
    const rules = { ...DEFAULT_STAGE_RULES, lapseMinDays: 90 };
    await expect(saveStageRules(rules, staff)).rejects.toBeInstanceOf(OwnerOnlyError);
    await saveStageRules(rules, owner);
    expect((await getCustomer(id))?.lapseAt).toBe(startOfDayNumber(dayNumber(daysAgo(20)) + 90));
    await expect(saveStageRules({ ...rules, regularMinVisits: 0 }, owner)).rejects.toBeInstanceOf(
      InputError,
    );
  });
});

describe('who brought whom', () => {
  it('counts the people a customer brought, and links each back', async () => {
    const hanako = await customer('田中 花子');
    const misaki = await customer('渡辺 美咲', hanako);
    expect((await getCustomer(hanako))?.referredCount).toBe(1);
    const misakiRow = (await getCustomer(misaki))!;
    expect(misakiRow).toMatchObject({ referredBy: hanako, referredAt: now });
    const referrals = await referralsOf((await getCustomer(hanako))!);
    expect(referrals.brought.map((c) => c.name)).toEqual(['渡辺 美咲']);
    expect((await referralsOf(misakiRow)).referrer?.name).toBe('田中 花子');
  });

  it('records a referral chosen at quick capture', async () => {
    const hanako = await customer('田中 花子');
    await captureCustomerWithVisit(
      customerInput({ name: '鈴木', referredBy: hanako }),
      undefined,
      { at: now, kind: 'purchase', note: '' },
      staff,
    );
    expect((await getCustomer(hanako))?.referredCount).toBe(1);
  });

  it('moves the count when the referrer is changed or removed on edit, and keeps the date when unchanged', async () => {
    const hanako = await customer('田中 花子');
    const john = await customer('John Smith');
    const misaki = await customer('渡辺 美咲', hanako);
    vi.setSystemTime(now + DAY);
    await updateCustomer(
      misaki,
      customerInput({ name: '渡辺 美咲', phones: [], referredBy: hanako }),
      undefined,
      staff,
    );
    expect((await getCustomer(misaki))?.referredAt).toBe(now);
    await updateCustomer(
      misaki,
      customerInput({ name: '渡辺 美咲', phones: [], referredBy: john }),
      undefined,
      staff,
    );
    expect((await getCustomer(hanako))?.referredCount).toBe(0);
    expect((await getCustomer(john))?.referredCount).toBe(1);
    expect((await getCustomer(misaki))?.referredAt).toBe(now + DAY);
    await updateCustomer(
      misaki,
      customerInput({ name: '渡辺 美咲', phones: [] }),
      undefined,
      staff,
    );
    expect((await getCustomer(john))?.referredCount).toBe(0);
    expect(await getCustomer(misaki)).not.toHaveProperty('referredBy');
  });

  it('refuses a referral circle: A brought B, so B cannot have brought A', async () => {
    const a = await customer('A');
    const b = await customer('B', a);
    const c = await customer('C', b);
    for (const referrer of [b, c]) {
      const refused = updateCustomer(
        a,
        customerInput({ name: 'A', phones: [], referredBy: referrer }),
        undefined,
        staff,
      );
      await expect(refused).rejects.toMatchObject({
        errors: [{ field: 'referredBy', code: 'referralCycle' }],
      });
    }
    await expect(
      updateCustomer(a, customerInput({ name: 'A', phones: [], referredBy: a }), undefined, staff),
    ).rejects.toBeInstanceOf(InputError);
    expect(await getCustomer(a)).not.toHaveProperty('referredBy');
    expect((await getCustomer(a))?.referredCount).toBe(1);
  });

  it('refuses a referrer who is not in the ledger', async () => {
    await expect(customer('B', 'no-such-customer')).rejects.toMatchObject({
      errors: [{ field: 'referredBy', code: 'invalid' }],
    });
    expect(await db.customers.count()).toBe(0);
  });

  it('drops a deleted customer from their referrer’s count, and Undo brings them back', async () => {
    const hanako = await customer('田中 花子');
    const misaki = await customer('渡辺 美咲', hanako);
    await deleteCustomer(misaki, staff);
    expect((await getCustomer(hanako))?.referredCount).toBe(0);
    await restoreCustomer(misaki, staff);
    expect((await getCustomer(hanako))?.referredCount).toBe(1);
  });
});

describe('things to talk about', () => {
  it('adds prompts newest first, retires one with a tap and brings it back', async () => {
    const id = await customer('田中 花子');
    await addTalkAbout(id, '  柴犬のポチ ', staff);
    const vase = await addTalkAbout(id, '有田焼の花瓶を探している', staff);
    expect(activeTalkAbout((await getCustomer(id))!).map((i) => i.text)).toEqual([
      '有田焼の花瓶を探している',
      '柴犬のポチ',
    ]);
    await retireTalkAbout(id, vase, staff);
    expect(activeTalkAbout((await getCustomer(id))!).map((i) => i.text)).toEqual(['柴犬のポチ']);
    await restoreTalkAbout(id, vase, staff);
    expect(activeTalkAbout((await getCustomer(id))!)).toHaveLength(2);
    expect((await getCustomer(id))?.talkAbout[0]).toMatchObject({ addedBy: staff.staffId });
  });

  it('refuses an empty or over-long prompt', async () => {
    const id = await customer('田中 花子');
    await expect(addTalkAbout(id, '   ', staff)).rejects.toBeInstanceOf(InputError);
    await expect(addTalkAbout(id, 'あ'.repeat(81), staff)).rejects.toBeInstanceOf(InputError);
    expect((await getCustomer(id))?.talkAbout).toEqual([]);
  });
});

describe('the caution flag', () => {
  it('is set, changed and cleared by an owner, each change kept in the history', async () => {
    const id = await customer('鈴木 慎一');
    await setCaution(id, '値引きの強要', owner);
    expect((await getCustomer(id))?.caution).toEqual({
      reason: '値引きの強要',
      setAt: now,
      setBy: owner.staffId,
      level: 'caution',
    });
    vi.setSystemTime(now + DAY);
    await setCaution(id, '値引きの強要、大声', owner);
    vi.setSystemTime(now + 2 * DAY);
    await clearCaution(id, owner);
    expect(await getCustomer(id)).not.toHaveProperty('caution');
    const history = await cautionHistoryOf(id);
    expect(history.map((e) => [e.action, e.reason, e.staffId])).toEqual([
      ['clear', '値引きの強要、大声', owner.staffId],
      ['edit', '値引きの強要、大声', owner.staffId],
      ['set', '値引きの強要', owner.staffId],
    ]);
  });

  it('refuses staff who are not owners, and writes nothing', async () => {
    const id = await customer('鈴木 慎一');
    await expect(setCaution(id, '理由', staff)).rejects.toBeInstanceOf(OwnerOnlyError);
    await expect(setCaution(id, '理由', {})).rejects.toBeInstanceOf(OwnerOnlyError);
    expect(await getCustomer(id)).not.toHaveProperty('caution');
    expect(await cautionHistoryOf(id)).toEqual([]);
  });

  it('refuses a removed owner', async () => {
    const id = await customer('鈴木 慎一');
    await db.staff.update(owner.staffId, { deletedAt: now });
    await expect(setCaution(id, '理由', owner)).rejects.toBeInstanceOf(OwnerOnlyError);
  });

  it('needs a reason', async () => {
    const id = await customer('鈴木 慎一');
    await expect(setCaution(id, ' ', owner)).rejects.toMatchObject({
      errors: [{ field: 'reason', code: 'required' }],
    });
  });
});
