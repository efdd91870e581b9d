// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { consentGrant, customerInput } from '../../../test/support/factories';
import { addDays, startOfDay } from '../../lib/days';
import { defaultMessageTemplates } from '../../i18n/message-template-defaults';
import { DEFAULT_STAGE_RULES } from '../../lib/stages';
import { captureCustomerWithVisit, createCustomer, deleteCustomer } from '../customers/customers';
import { db } from '../db';
import { InputError, OwnerOnlyError } from '../errors';
import {
  addReminder,
  completeFollowUp,
  dismissFollowUp,
  openFollowUpsDueBefore,
  openFollowUpsOf,
  reopenFollowUp,
  snoozeFollowUp,
  suggestFollowUps,
} from './follow-ups';
import { findCustomers, getCustomer, timelineOf } from '../queries';
import { importCustomers } from '../import/import';
import { fixtureBytes } from '../../../test/support/fixture-files';
import { customersForList, reviewOfDay } from '../relationships/queries';
import { countFollowUpsDue } from './count';
import { saveMessageTemplates } from '../relationships/settings';
import { addStaff, ensureFirstStaff } from '../staff/staff';
import { recordVisit } from '../visits/visits';

const DAY = 86_400_000;
/** Tuesday 16 June 2026, 18:00 in Tokyo (09:00 UTC): closing time. */
const now = Date.UTC(2026, 5, 16, 9, 0);
const daysAgo = (n: number) => now - n * DAY;
const tomorrow = addDays(now, 1);

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

async function walkIn(
  name: string,
  at = now,
  kind: 'purchase' | 'buy-in' | 'consultation' = 'purchase',
) {
  const { customerId } = await captureCustomerWithVisit(
    customerInput({ name, phones: ['090-1234-5678'], email: 'hana@example.jp' }),
    consentGrant({ channels: ['line', 'mail'] }),
    { at, kind, note: '' },
    staff,
  );
  return customerId;
}

async function allOpen() {
  return openFollowUpsDueBefore(Number.MAX_SAFE_INTEGER);
}

describe('suggested thank-yous', () => {
  it('suggests a thank-you after a first purchase, due the next day, once', async () => {
    const id = await walkIn('田中 花子');
    expect(await suggestFollowUps(now)).toBe(1);
    expect(await suggestFollowUps(now)).toBe(0);
    const [thanks] = await allOpen();
    expect(thanks).toMatchObject({
      customerId: id,
      kind: 'thank-you',
      status: 'open',
      dueAt: tomorrow,
    });
  });

  it('suggests one after a first buy-in too, but not after a consultation', async () => {
    await walkIn('買取の方', now, 'buy-in');
    await walkIn('相談の方', now, 'consultation');
    await suggestFollowUps(now);
    expect((await allOpen()).map((f) => f.kind)).toEqual(['thank-you']);
  });

  it('does not thank a customer again for a second purchase', async () => {
    const id = await walkIn('田中 花子', daysAgo(30));
    await recordVisit(id, { at: now, kind: 'purchase', note: '' }, staff);
    await suggestFollowUps(now);
    // The ladder's next step (a tip for a second visit) instead: see ladder.test.ts.
    expect((await allOpen()).map((f) => f.kind)).toEqual(['tip']);
  });

  it('does not thank a regular imported from the POS for her “first” purchase here', async () => {
    await importCustomers(fixtureBytes('square-customers.csv'), { ctx: owner });
    const [hanako] = await findCustomers('M-00123');
    await recordVisit(hanako!.customer.id, { at: now, kind: 'purchase', note: '' }, staff);
    const newcomer = await walkIn('新しいお客様');
    await suggestFollowUps(now);
    expect((await allOpen()).map((f) => f.customerId)).toEqual([newcomer]);
  });

  it('does not suggest a thank-you for a purchase copied from the paper ledger', async () => {
    await walkIn('田中 花子', daysAgo(40));
    await suggestFollowUps(now);
    expect(await allOpen()).toEqual([]);
  });
});

describe('birthday greetings', () => {
  async function withBirthday(name: string, birthday: string, consent: boolean) {
    return createCustomer(
      customerInput({ name, birthday }),
      consent ? consentGrant({ channels: ['sms'] }) : undefined,
      staff,
    );
  }

  it('are suggested in the birthday week, only for customers who agreed to be contacted', async () => {
    const agreed = await withBirthday('同意あり', '--06-20', true);
    await withBirthday('同意なし', '1980-06-19', false);
    await withBirthday('来月', '--07-20', true);
    await suggestFollowUps(now);
    const open = await allOpen();
    expect(open.map((f) => [f.customerId, f.kind])).toEqual([[agreed, 'birthday']]);
    // Due at the start of the birthday week (six days before), here already today.
    expect(open[0]!.dueAt).toBe(startOfDay(now));
  });

  it('suggests next year’s greeting again, but not twice in one year', async () => {
    await withBirthday('同意あり', '--06-20', true);
    await suggestFollowUps(now);
    await suggestFollowUps(now + DAY);
    expect(await db.followUps.count()).toBe(1);
    await suggestFollowUps(now + 365 * DAY);
    expect(await db.followUps.count()).toBe(2);
  });
});

describe('nudges for lapsed regulars', () => {
  it('are suggested once a regular has lapsed, and close when the customer comes back', async () => {
    const id = await walkIn('田中 花子', daysAgo(90));
    await recordVisit(id, { at: daysAgo(80), kind: 'purchase', note: '' }, staff);
    await recordVisit(id, { at: daysAgo(70), kind: 'purchase', note: '' }, staff);
    await suggestFollowUps(daysAgo(20));
    expect((await allOpen()).filter((f) => f.kind === 'lapsed')).toEqual([]);

    await suggestFollowUps(now);
    const [nudge] = (await allOpen()).filter((f) => f.kind === 'lapsed');
    expect(nudge).toMatchObject({ customerId: id, dueAt: startOfDay(now) });

    await recordVisit(id, { at: now, kind: 'consultation', note: '' }, staff);
    await suggestFollowUps(now);
    expect((await allOpen()).filter((f) => f.kind === 'lapsed')).toEqual([]);
    expect((await db.followUps.get(nudge!.id))?.status).toBe('dismissed');
  });
});

describe('working through follow-ups', () => {
  it('a reminder staff set is due on its day', async () => {
    const id = await createCustomer(customerInput(), undefined, staff);
    await addReminder(id, '有田焼の花瓶が入荷したら電話', now + 3 * DAY, staff);
    expect(await openFollowUpsOf(id)).toMatchObject([
      {
        kind: 'reminder',
        note: '有田焼の花瓶が入荷したら電話',
        dueAt: addDays(now, 3),
        updatedBy: staff.staffId,
      },
    ]);
    await expect(addReminder(id, ' ', now, staff)).rejects.toBeInstanceOf(InputError);
  });

  it('done writes a Contact entry on the timeline, without making it a visit', async () => {
    const id = await walkIn('田中 花子', daysAgo(1));
    await suggestFollowUps(now);
    const [thanks] = await allOpen();
    const contactId = await completeFollowUp(
      thanks!.id,
      { channel: 'line', contactNote: 'Thank-you by LINE' },
      staff,
    );
    const closed = await db.followUps.get(thanks!.id);
    expect(closed).toMatchObject({
      status: 'done',
      channel: 'line',
      closedBy: staff.staffId,
      contactVisitId: contactId,
    });
    const [contact] = await timelineOf(id);
    expect(contact).toMatchObject({
      id: contactId,
      kind: 'contact',
      note: 'Thank-you by LINE',
      staffId: staff.staffId,
    });
    expect((await getCustomer(id))?.lastVisitAt).toBe(daysAgo(1));
    expect(await completeFollowUp(thanks!.id, { contactNote: 'again' }, staff)).toBeUndefined();
    expect(await timelineOf(id)).toHaveLength(2);
  });

  it('snoozes a day or a week from today, and never into the past', async () => {
    const id = await createCustomer(customerInput(), undefined, staff);
    const reminder = await addReminder(id, 'call', daysAgo(5), staff);
    await snoozeFollowUp(reminder, 1, staff, now);
    expect((await db.followUps.get(reminder))?.dueAt).toBe(tomorrow);
    await snoozeFollowUp(reminder, 7, staff, now);
    expect((await db.followUps.get(reminder))?.dueAt).toBe(addDays(tomorrow, 7));
  });

  it('counts what is due for the navigation, leaving out deleted customers', async () => {
    const kept = await createCustomer(customerInput({ name: 'kept' }), undefined, staff);
    const gone = await createCustomer(customerInput({ name: 'gone' }), undefined, staff);
    await addReminder(kept, 'call', now, staff);
    await addReminder(gone, 'call', now, staff);
    await addReminder(kept, 'later', now + 5 * DAY, staff);
    await deleteCustomer(gone, staff);
    expect(await countFollowUpsDue(tomorrow)).toBe(1);
  });

  it('dismisses, and Undo reopens', async () => {
    const id = await createCustomer(customerInput(), undefined, staff);
    const reminder = await addReminder(id, 'call', now, staff);
    await dismissFollowUp(reminder, staff);
    expect(await openFollowUpsOf(id)).toEqual([]);
    await reopenFollowUp(reminder, staff);
    expect((await openFollowUpsOf(id)).map((f) => f.id)).toEqual([reminder]);
  });

  it('a follow-up another tablet already closed stays as that tablet left it', async () => {
    const id = await createCustomer(customerInput(), undefined, staff);
    const reminder = await addReminder(id, 'call', now, staff);
    await completeFollowUp(reminder, { contactNote: 'Called' }, owner);
    const done = await db.followUps.get(reminder);

    await snoozeFollowUp(reminder, 7, staff, now);
    await dismissFollowUp(reminder, staff);
    // Undo of a dismissal never reopens what was done.
    await reopenFollowUp(reminder, staff);
    expect(await db.followUps.get(reminder)).toEqual(done);
    expect(done).toMatchObject({ status: 'done', closedBy: owner.staffId, dueAt: startOfDay(now) });
  });
});

describe('message templates', () => {
  it('are refused with an unknown placeholder, naming the template', async () => {
    const templates = defaultMessageTemplates();
    templates.bodies['thank-you'].en = 'Dear {nickname}, thanks!';
    await expect(saveMessageTemplates(templates, owner)).rejects.toMatchObject({
      errors: [{ field: 'bodies.thank-you.en', code: 'unknownPlaceholder' }],
    });
  });

  it('must say how to stop receiving messages, and only an owner changes them', async () => {
    const templates = defaultMessageTemplates();
    await expect(saveMessageTemplates(templates, staff)).rejects.toBeInstanceOf(OwnerOnlyError);
    templates.optOut.ja = ' ';
    await expect(saveMessageTemplates(templates, owner)).rejects.toMatchObject({
      errors: [{ field: 'optOut.ja', code: 'required' }],
    });
    templates.optOut.ja = '店頭でお申し付けください。';
    await saveMessageTemplates(templates, owner);
    expect((await db.settings.get('messageTemplates'))?.value).toEqual(templates);
  });
});

describe('the evening review', () => {
  it('does not list customers imported from the POS with the visits it counted as new; one it never saw visit is', async () => {
    await importCustomers(fixtureBytes('square-customers.csv'), { ctx: owner });
    const review = await reviewOfDay(startOfDay(now));
    expect(review.newCustomers.map((n) => n.customer.name)).toEqual(['渡辺 美咲']);
  });

  it('gathers the day: visits by customer, new customers and consent, tomorrow’s follow-ups, lapses, referrals and notes', async () => {
    // Three days ago: a regular's history copied in, and a customer who will refer someone.
    vi.setSystemTime(daysAgo(3));
    const regular = await walkIn('常連さん', daysAgo(140));
    for (const n of [130, 120, 110, 100])
      await recordVisit(regular, { at: daysAgo(n), kind: 'purchase', note: '' }, staff);
    const referrer = await createCustomer(customerInput({ name: '紹介者' }), undefined, staff);
    vi.setSystemTime(now);
    const hanako = await walkIn('田中 花子');
    await recordVisit(
      hanako,
      { at: now + 60_000, kind: 'consultation', note: 'また来ます' },
      owner,
    );
    const quiet = await createCustomer(
      customerInput({ name: '同意なし', referredBy: referrer }),
      undefined,
      owner,
    );
    await recordVisit(quiet, { at: daysAgo(400), kind: 'purchase', note: '紙の台帳から' }, owner);
    await addReminder(hanako, '明日電話', tomorrow, staff);
    const deleted = await walkIn('削除済み');
    await deleteCustomer(deleted, owner);

    const review = await reviewOfDay(startOfDay(now));
    expect(review.visits.map((g) => [g.customer.name, g.visits.map((v) => v.kind)])).toEqual([
      ['田中 花子', ['purchase', 'consultation']],
    ]);
    expect(review.newCustomers.map((n) => [n.customer.name, n.channels])).toEqual([
      ['田中 花子', ['line', 'mail']],
      ['同意なし', []],
    ]);
    expect(review.dueTomorrow.map((d) => d.followUp.note)).toEqual(['明日電話']);
    // Every 10 days, last 100 days ago: lapsed on day 100 − 60 = 40 ago, not this week.
    expect(review.turningLapsed).toEqual([]);
    expect(review.referrals.map((r) => [r.customer.name, r.referrer?.name])).toEqual([
      ['同意なし', '紹介者'],
    ]);
    // The deleted card's entry is not among them.
    expect(
      review.notesByStaff.map((s) => [s.staffId, s.notes.map((n) => n.visit.note || n.visit.kind)]),
    ).toEqual([
      [staff.staffId, ['purchase']],
      [owner.staffId, ['また来ます', '紙の台帳から']],
    ]);

    const earlier = await reviewOfDay(startOfDay(daysAgo(45)));
    expect(earlier.turningLapsed.map((c) => c.name)).toEqual(['常連さん']);
  });
});

describe('lists for postcards', () => {
  it('filters by stage, tag, birthday month and consented channel, in 50音 order', async () => {
    const make = (
      name: string,
      reading: string,
      extra: Partial<Parameters<typeof customerInput>[0]> = {},
      channels?: ('post' | 'mail')[],
    ) =>
      createCustomer(
        customerInput({ name, reading, phones: [], ...extra }),
        channels ? consentGrant({ channels }) : undefined,
        staff,
      );
    const wata = await make('渡辺', 'わたなべ', { tags: ['茶道'], birthday: '--05-02' }, ['post']);
    const ando = await make('安藤', 'あんどう', { tags: ['茶道'], birthday: '1970-05-30' }, [
      'mail',
    ]);
    await make('加藤', 'かとう', { tags: ['着物'], birthday: '--06-01' });
    for (const n of [30, 20, 10])
      await recordVisit(wata, { at: daysAgo(n), kind: 'purchase', note: '' }, staff);
    const context = { now, rules: DEFAULT_STAGE_RULES };
    const names = async (filter: Parameters<typeof customersForList>[0]) =>
      (await customersForList(filter, context)).map((c) => c.name);

    expect(await names({})).toEqual(['安藤', '加藤', '渡辺']);
    expect(await names({ birthMonth: 5 })).toEqual(['安藤', '渡辺']);
    expect(await names({ tag: '茶道', channel: 'post' })).toEqual(['渡辺']);
    expect(await names({ channel: 'mail' })).toEqual(['安藤']);
    expect(await names({ stage: 'regular' })).toEqual(['渡辺']);
    expect(await names({ stage: 'none', birthMonth: 5 })).toEqual(['安藤']);
    expect(await names({ stage: 'lapsed' })).toEqual([]);
    await deleteCustomer(ando, staff);
    expect(await names({ birthMonth: 5 })).toEqual(['渡辺']);
  });
});
