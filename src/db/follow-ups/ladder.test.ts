// @vitest-environment node
/**
 * The step ladder and its temperature guard, as the shop meets them: a first visit is thanked
 * (a seller for what they brought), a second gets a tip, a new regular an invitation, a referrer
 * thanks when the person they sent comes; and the queue holds back what would crowd someone,
 * saying why.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { consentGrant, customerInput } from '../../../test/support/factories';
import { addDays, dayNumber, startOfDayNumber } from '../../lib/days';
import { DEFAULT_FOLLOW_UP_RULES } from '../../lib/follow-up-ladder';
import { captureCustomerWithVisit, createCustomer } from '../customers/customers';
import { db } from '../db';
import { InputError, OwnerOnlyError } from '../errors';
import { recordAppraisal } from '../ledger/ledger';
import { followUpQueue } from '../relationships/queries';
import { setCaution } from '../relationships/relationships';
import { saveFollowUpRules } from '../relationships/settings';
import { addStaff, ensureFirstStaff } from '../staff/staff';
import { recordVisit } from '../visits/visits';
import {
  addReminder,
  completeFollowUp,
  openFollowUpsDueBefore,
  suggestFollowUps,
} from './follow-ups';

const DAY = 86_400_000;
/** Tuesday 16 June 2026, 18:00 in Tokyo: closing time. */
const now = Date.UTC(2026, 5, 16, 9, 0);
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

async function firstVisit(name: string, at = now, referredBy?: string) {
  const { customerId } = await captureCustomerWithVisit(
    customerInput({ name, phones: ['090-1234-5678'], ...(referredBy ? { referredBy } : {}) }),
    consentGrant({ channels: ['line', 'mail'] }),
    { at, kind: 'purchase', note: '' },
    staff,
  );
  return customerId;
}

async function open() {
  return openFollowUpsDueBefore(Number.MAX_SAFE_INTEGER);
}

const seller = (checkedBy: string) => ({
  counterparty: {
    name: '田中 花子',
    address: '京都市中京区三条通 1-2-3',
    occupation: '会社員',
    age: 42,
  },
  idCheck: {
    method: 'id-document' as const,
    document: 'drivers-licence' as const,
    detail: '',
    checkedBy,
  },
});

describe('the step ladder', () => {
  it('thanks a seller for what they brought, with the buy-in template naming the items', async () => {
    const id = await createCustomer(
      customerInput({ name: '売主 花子' }),
      consentGrant({ channels: ['mail'] }),
      staff,
    );
    await recordAppraisal(
      {
        customerId: id,
        items: [
          {
            category: 'tools',
            description: '有田焼の花瓶',
            features: '染付',
            quantity: 1,
            price: 12_000,
            accepted: true,
          },
        ],
        record: seller(staff.staffId),
      },
      staff,
    );
    await suggestFollowUps(now);
    const [thanks] = (await open()).filter((f) => f.kind === 'thank-you');
    expect(thanks).toMatchObject({
      customerId: id,
      template: 'thank-you-buy-in',
      subject: '有田焼の花瓶',
    });
  });

  it('suggests a tip after the second visit, three days on, once', async () => {
    const id = await firstVisit('二回目 花子', daysAgo(20));
    await recordVisit(id, { at: now, kind: 'purchase', note: '' }, staff);
    expect(await suggestFollowUps(now)).toBe(1);
    expect(await suggestFollowUps(now)).toBe(0);
    expect(await open()).toEqual([
      expect.objectContaining({
        kind: 'tip',
        customerId: id,
        dueAt: startOfDayNumber(dayNumber(now) + 3),
      }),
    ]);
  });

  it('suggests none of the early steps to a regular whose visits a POS counted before the import', async () => {
    const id = await firstVisit('常連 次郎', daysAgo(20));
    // As an import from Square leaves the card: 24 visits counted before this ledger knew them.
    await db.customers.update(id, {
      visitsBefore: {
        source: 'square',
        count: 24,
        firstAt: daysAgo(900),
        lastAt: daysAgo(30),
        since: daysAgo(20),
      },
    });
    await recordVisit(id, { at: now, kind: 'purchase', note: '' }, staff);
    expect(await suggestFollowUps(now)).toBe(0);
    expect(await open()).toEqual([]);
  });

  it('invites a customer on the visit that makes them a regular, not before', async () => {
    const id = await firstVisit('常連 花子', daysAgo(40));
    await recordVisit(id, { at: daysAgo(20), kind: 'purchase', note: '' }, staff);
    await suggestFollowUps(daysAgo(20));
    expect((await open()).map((f) => f.kind)).not.toContain('invitation');
    await recordVisit(id, { at: now, kind: 'purchase', note: '' }, staff);
    await suggestFollowUps(now);
    expect((await open()).filter((f) => f.kind === 'invitation').map((f) => f.customerId)).toEqual([
      id,
    ]);
  });

  it('thanks a referrer when the person they brought comes for the first time', async () => {
    const referrer = await firstVisit('紹介者 花子', daysAgo(60));
    const brought = await firstVisit('紹介された 一郎', now, referrer);
    await suggestFollowUps(now);
    const thanks = (await open()).filter((f) => f.kind === 'referral-thanks');
    expect(thanks).toEqual([
      expect.objectContaining({
        customerId: referrer,
        autoKey: `referral-thanks:${referrer}:${brought}`,
      }),
    ]);
  });

  it('follows the owner’s steps: a step turned off suggests nothing', async () => {
    await saveFollowUpRules(
      {
        ...DEFAULT_FOLLOW_UP_RULES,
        steps: { ...DEFAULT_FOLLOW_UP_RULES.steps, first: { enabled: false, afterDays: 1 } },
      },
      owner,
    );
    await firstVisit('田中 花子');
    await suggestFollowUps(now);
    expect(await open()).toEqual([]);
  });

  it('takes the owner’s steps and minimum days only from an owner, within bounds', async () => {
    await expect(
      saveFollowUpRules({ ...DEFAULT_FOLLOW_UP_RULES, minDaysBetweenContacts: 3 }, staff),
    ).rejects.toBeInstanceOf(OwnerOnlyError);
    await expect(
      saveFollowUpRules({ ...DEFAULT_FOLLOW_UP_RULES, minDaysBetweenContacts: -1 }, owner),
    ).rejects.toBeInstanceOf(InputError);
    expect(await db.settings.get('followUpRules')).toBeUndefined();
  });

  it('asks about an appraisal they declined only when the owner turns it on, after the owner’s interval', async () => {
    const id = await createCustomer(
      customerInput({ name: '見送り 花子' }),
      consentGrant({ channels: ['mail'] }),
      staff,
    );
    vi.setSystemTime(daysAgo(30));
    await recordAppraisal(
      {
        customerId: id,
        items: [
          {
            category: 'watch-jewellery',
            description: '懐中時計',
            features: '銀側',
            quantity: 1,
            price: 30_000,
            accepted: false,
          },
        ],
      },
      staff,
    );
    vi.setSystemTime(now);
    await suggestFollowUps(now);
    expect((await open()).map((f) => f.kind)).not.toContain('still-with-you');

    await saveFollowUpRules({ ...DEFAULT_FOLLOW_UP_RULES, stillWithYouAfterDays: 28 }, owner);
    await suggestFollowUps(now);
    expect((await open()).filter((f) => f.kind === 'still-with-you')).toEqual([
      expect.objectContaining({ customerId: id, subject: '懐中時計' }),
    ]);
  });
});

/**
 * A customer first seen a month ago, reached two days ago (a reminder done: the last contact),
 * back today for a second visit: the tip it suggests comes within the minimum days.
 */
async function contactedTwoDaysAgoAndBackToday(id: string) {
  await db.followUps.clear();
  const reminder = await addReminder(id, '電話する', daysAgo(2), staff);
  vi.setSystemTime(daysAgo(2));
  await completeFollowUp(reminder, { contactNote: 'Reminder' }, staff);
  vi.setSystemTime(now);
  await recordVisit(id, { at: now, kind: 'purchase', note: '' }, staff);
  await suggestFollowUps(now);
}

describe('the temperature guard on the queue', () => {
  it('holds back a thank-you when the shop was in touch fewer than the minimum days ago, and says until when', async () => {
    const id = await firstVisit('田中 花子', daysAgo(30));
    await contactedTwoDaysAgoAndBackToday(id);
    const queue = await followUpQueue(addDays(now, 10), addDays(now, 3));
    const tip = queue.find((v) => v.followUp.kind === 'tip');
    expect(tip?.held).toEqual({
      reason: 'too-soon',
      lastContactAt: daysAgo(2),
      until: addDays(daysAgo(2), 7),
    });
    // Once the minimum days are over it goes ahead.
    const later = await followUpQueue(addDays(now, 10), addDays(now, 6));
    expect(later.find((v) => v.followUp.kind === 'tip')?.held).toBeUndefined();
  });

  it('finds the last contact alike on a quiet week and on a busy one', async () => {
    const id = await firstVisit('田中 花子', daysAgo(30));
    const other = await firstVisit('鈴木 一郎', daysAgo(30));
    await contactedTwoDaysAgoAndBackToday(id);
    const heldTip = async () =>
      (await followUpQueue(addDays(now, 10), addDays(now, 3))).find((v) => v.followUp.kind === 'tip')
        ?.held;
    const expected = { reason: 'too-soon', lastContactAt: daysAgo(2), until: addDays(daysAgo(2), 7) };
    expect(await heldTip()).toEqual(expected);
    // A busy week: far more of the window's timeline than the queue's people (another customer's
    // contacts among it, later than Tanaka's), so the guard asks per customer instead.
    for (let i = 0; i < 60; i++) {
      await recordVisit(other, { at: daysAgo(1) + i * 60_000, kind: 'contact', note: '' }, staff);
    }
    expect(await heldTip()).toEqual(expected);
  });

  it('holds back every follow-up of someone whose caution level is above caution', async () => {
    const id = await firstVisit('田中 花子');
    await suggestFollowUps(now);
    await setCaution(id, '盗品の持ち込み', owner, 'no-buy-ins');
    const queue = await followUpQueue(addDays(now, 10), now);
    expect(queue.map((v) => v.held)).toEqual([{ reason: 'stopped', level: 'no-buy-ins' }]);
    // And suggests nothing new for them.
    await recordVisit(id, { at: now, kind: 'purchase', note: '' }, staff);
    await suggestFollowUps(addDays(now, 1));
    expect((await open()).map((f) => f.kind)).toEqual(['thank-you']);
  });

  it('does not hold back for plain caution', async () => {
    const id = await firstVisit('田中 花子');
    await suggestFollowUps(now);
    await setCaution(id, '値引き交渉が長い', owner);
    expect((await followUpQueue(addDays(now, 10), now)).map((v) => v.held)).toEqual([undefined]);
  });
});
