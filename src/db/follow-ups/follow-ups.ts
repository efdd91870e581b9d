/**
 * Follow-ups: things to do for people, kept apart from promotions. Staff add reminders; the app
 * suggests thank-yous, birthday greetings and lapse nudges (suggestFollowUps). Each is done,
 * snoozed or dismissed, never deleted; "done" writes a Contact entry on the customer's timeline in
 * the same transaction, so the card shows that the shop followed up.
 */
import { Dexie, type Table } from 'dexie';
import { charCount } from '../../lib/char-count';
import { addDays, dayNumber, startOfDay, startOfDayNumber } from '../../lib/days';
import {
  BIRTHDAY_LEAD_DAYS,
  birthdayDueDay,
  LAPSED_LOOKBACK_DAYS,
  monthDayRanges,
  nextBirthdayDay,
  THANK_YOU_LOOKBACK_DAYS,
  THANK_YOU_VISIT_KINDS,
  thankYouDueDay,
} from '../../lib/follow-up-rules';
import type { SendChannel } from '../../lib/message-templates';
import { isActive } from '../customers/consents';
import { db } from '../db';
import { guardWrite, InputError } from '../errors';
import { newId } from '../ids';
import type {
  Customer,
  FollowUp,
  FollowUpKind,
  FollowUpStatus,
  Id,
  Visit,
} from '../../model/types';
import { stampFor, type Stamp, type WriteContext } from '../write-context';

export const REMINDER_MAX = 300;

function newFollowUp(
  stamp: Stamp,
  fields: Pick<FollowUp, 'customerId' | 'kind' | 'dueAt' | 'note'> & Partial<FollowUp>,
): FollowUp {
  return { id: newId(), createdAt: stamp.updatedAt, ...stamp, status: 'open', ...fields };
}

/** A reminder staff set for a customer ("call when the Arita vase comes in"), due on a day. */
export async function addReminder(
  customerId: Id,
  note: string,
  dueAt: number,
  ctx: WriteContext,
): Promise<Id> {
  const text = note.trim();
  if (!text) throw new InputError([{ field: 'reminder', code: 'required' }]);
  if (charCount(text) > REMINDER_MAX)
    throw new InputError([{ field: 'reminder', code: 'tooLong', max: REMINDER_MAX }]);
  if (!Number.isFinite(dueAt)) throw new InputError([{ field: 'dueAt', code: 'invalidDate' }]);
  const stamp = await stampFor(ctx);
  const row = newFollowUp(stamp, {
    customerId,
    kind: 'reminder',
    dueAt: startOfDay(dueAt),
    note: text,
  });
  await guardWrite(() => db.followUps.add(row));
  return row.id;
}

export interface Completion {
  /** The channel opened from the follow-up, if any. */
  channel?: SendChannel;
  /** The Contact entry's text on the timeline, in the language of the person who did it. */
  contactNote: string;
  /** When it was done; now by default. */
  at?: number;
}

/** What one status change writes, once the follow-up is read and found in the state it starts from. */
interface StatusChange<T> {
  /** The status the change starts from; in any other (someone got there first) it does nothing. */
  from: FollowUpStatus;
  /** Tables the change writes besides `followUps` (done's Contact entry goes on the timeline). */
  alsoWrites?: readonly Table[];
  /** Writes anything else the change needs and says which of the follow-up's fields change. */
  fields: (followUp: FollowUp, stamp: Stamp) => Promise<{ fields: Partial<FollowUp>; result?: T }>;
}

/**
 * Every change to a follow-up's status (done, dismissed, reopened, snoozed) goes through here, in
 * one transaction each: read the follow-up, check it is still where the change starts from (two
 * tablets may tap Done on the same one), write what the change writes and the follow-up's new
 * fields, stamped with who and which device.
 */
async function changeFollowUp<T>(
  id: Id,
  ctx: WriteContext,
  change: StatusChange<T>,
  now = Date.now(),
): Promise<T | undefined> {
  const stamp = await stampFor(ctx, now);
  return guardWrite(() =>
    db.transaction('rw', [db.followUps, ...(change.alsoWrites ?? [])], async () => {
      const followUp = await db.followUps.get(id);
      if (!followUp || followUp.status !== change.from) return undefined;
      const { fields, result } = await change.fields(followUp, stamp);
      await db.followUps.update(id, { ...stamp, ...fields });
      return result;
    }),
  );
}

/** Done: the follow-up closes and a Contact entry joins the timeline, together. */
export function completeFollowUp(
  id: Id,
  completion: Completion,
  ctx: WriteContext,
): Promise<Id | undefined> {
  return changeFollowUp(id, ctx, {
    from: 'open',
    alsoWrites: [db.visits],
    fields: async (followUp, stamp) => {
      const at = completion.at ?? stamp.updatedAt;
      // A contact is not a visit, so the customer's visit summary does not change.
      const contact: Visit = {
        id: newId(),
        createdAt: stamp.updatedAt,
        ...stamp,
        customerId: followUp.customerId,
        staffId: ctx.staffId,
        at,
        kind: 'contact',
        note: completion.contactNote,
      };
      await db.visits.add(contact);
      return {
        fields: {
          status: 'done',
          closedAt: at,
          closedBy: ctx.staffId,
          channel: completion.channel,
          contactVisitId: contact.id,
        },
        result: contact.id,
      };
    },
  });
}

export async function dismissFollowUp(id: Id, ctx: WriteContext): Promise<void> {
  await changeFollowUp(id, ctx, {
    from: 'open',
    fields: async (_followUp, stamp) => ({
      fields: { status: 'dismissed', closedAt: stamp.updatedAt, closedBy: ctx.staffId },
    }),
  });
}

/** Undo for "Dismiss": the follow-up is open again as it was. */
export async function reopenFollowUp(id: Id, ctx: WriteContext): Promise<void> {
  await changeFollowUp(id, ctx, {
    from: 'dismissed',
    fields: async () => ({ fields: { status: 'open', closedAt: undefined, closedBy: undefined } }),
  });
}

/** Moves the due day `days` days after today (or after its due day, if that is later). */
export async function snoozeFollowUp(
  id: Id,
  days: number,
  ctx: WriteContext,
  now = Date.now(),
): Promise<void> {
  await changeFollowUp(
    id,
    ctx,
    {
      from: 'open',
      fields: async (followUp) => ({
        fields: { dueAt: addDays(Math.max(now, followUp.dueAt), days) },
      }),
    },
    now,
  );
}

/** Open follow-ups for a customer, soonest first. */
export async function openFollowUpsOf(customerId: Id): Promise<FollowUp[]> {
  const rows = await db.followUps.where('customerId').equals(customerId).toArray();
  return rows.filter((f) => f.status === 'open' && !f.deletedAt).sort((a, b) => a.dueAt - b.dueAt);
}

/** Open follow-ups due before `before` (exclusive), soonest first, through the [status+dueAt] index. */
export function openFollowUpsDueBefore(before: number, limit = 500): Promise<FollowUp[]> {
  return db.followUps
    .where('[status+dueAt]')
    .between(['open', Dexie.minKey], ['open', before], true, false)
    .filter((f) => !f.deletedAt)
    .limit(limit)
    .toArray();
}

/** Open follow-ups due in [from, to), soonest first. */
export function openFollowUpsDueBetween(
  from: number,
  to: number,
  limit = 500,
): Promise<FollowUp[]> {
  return db.followUps
    .where('[status+dueAt]')
    .between(['open', from], ['open', to], true, false)
    .filter((f) => !f.deletedAt)
    .limit(limit)
    .toArray();
}

export function autoKeyFor(kind: FollowUpKind, customerId: Id, occasion: string | number): string {
  return `${kind}:${customerId}:${occasion}`;
}

interface Suggestion {
  customerId: Id;
  kind: FollowUpKind;
  dueAt: number;
  autoKey: string;
  note: string;
  visitId?: Id;
}

/** First purchases and buy-ins of the last week that have not had a thank-you suggested. */
async function thankYouSuggestions(now: number): Promise<Suggestion[]> {
  const since = addDays(now, -THANK_YOU_LOOKBACK_DAYS);
  const recent = await db.visits
    .where('at')
    .between(since, now, true, true)
    .filter((v) => !v.deletedAt && THANK_YOU_VISIT_KINDS.has(v.kind))
    .toArray();
  recent.sort((a, b) => a.at - b.at);
  const suggestions: Suggestion[] = [];
  const seen = new Set<Id>();
  for (const visit of recent) {
    if (seen.has(visit.customerId)) continue;
    seen.add(visit.customerId);
    // Only a first purchase or buy-in: an earlier one means the thank-you moment has passed.
    const earlier = await db.visits
      .where('[customerId+at]')
      .between([visit.customerId, Dexie.minKey], [visit.customerId, visit.at], true, false)
      .filter((v) => !v.deletedAt && THANK_YOU_VISIT_KINDS.has(v.kind))
      .count();
    if (earlier > 0) continue;
    // A customer imported with the visits a POS counted bought here before this ledger knew them.
    if ((await db.customers.get(visit.customerId))?.visitsBefore) continue;
    suggestions.push({
      customerId: visit.customerId,
      kind: 'thank-you',
      dueAt: startOfDayNumber(thankYouDueDay(dayNumber(visit.at))),
      // One thank-you per customer for their first purchase, whichever visit it turns out to be.
      autoKey: autoKeyFor('thank-you', visit.customerId, 'first'),
      note: '',
      visitId: visit.id,
    });
  }
  return suggestions;
}

/** Birthdays in the coming week, for customers who agreed to be contacted. */
async function birthdaySuggestions(now: number): Promise<Suggestion[]> {
  const today = dayNumber(now);
  const customers: Customer[] = [];
  for (const [from, to] of monthDayRanges(today, BIRTHDAY_LEAD_DAYS + 1)) {
    customers.push(
      ...(await db.customers.where('birthMonthDay').between(from, to, true, true).toArray()),
    );
  }
  const suggestions: Suggestion[] = [];
  for (const customer of customers) {
    if (customer.deletedAt || !customer.birthMonthDay) continue;
    const consents = await db.consents.where('customerId').equals(customer.id).toArray();
    if (!consents.some(isActive)) continue;
    const birthday = nextBirthdayDay(customer.birthMonthDay, today);
    suggestions.push({
      customerId: customer.id,
      kind: 'birthday',
      dueAt: startOfDayNumber(birthdayDueDay(birthday, today)),
      autoKey: autoKeyFor(
        'birthday',
        customer.id,
        new Date(startOfDayNumber(birthday)).getFullYear(),
      ),
      note: '',
    });
  }
  return suggestions;
}

/** Regulars who lapsed in the last month; one nudge per lapse. */
async function lapsedSuggestions(now: number): Promise<Suggestion[]> {
  const lapsed = await db.customers
    .where('lapseAt')
    .between(addDays(now, -LAPSED_LOOKBACK_DAYS), now, true, true)
    .filter((c) => !c.deletedAt)
    .toArray();
  return lapsed.map((customer) => ({
    customerId: customer.id,
    kind: 'lapsed' as const,
    dueAt: startOfDay(now),
    autoKey: autoKeyFor('lapsed', customer.id, customer.lapseAt!),
    note: '',
  }));
}

/**
 * Writes the follow-ups the app suggests today and has not suggested before, and closes lapse
 * nudges for customers who came back. Cheap to call often: it reads through indexes (visits of the
 * last week, birthdays of the coming week, lapses of the last month), not whole tables.
 */
export async function suggestFollowUps(now = Date.now()): Promise<number> {
  const stamp = await stampFor({}, now);
  return guardWrite(() =>
    db.transaction('rw', [db.followUps, db.visits, db.customers, db.consents], async () => {
      const suggestions = [
        ...(await thankYouSuggestions(now)),
        ...(await birthdaySuggestions(now)),
        ...(await lapsedSuggestions(now)),
      ];
      const keys = suggestions.map((s) => s.autoKey);
      const existing = new Set(
        keys.length
          ? (await db.followUps.where('autoKey').anyOf(keys).toArray()).map((f) => f.autoKey)
          : [],
      );
      const fresh = suggestions
        .filter((s) => !existing.has(s.autoKey))
        .map((s) => newFollowUp(stamp, s));
      if (fresh.length) await db.followUps.bulkAdd(fresh);

      // A nudge whose customer has visited since no longer applies.
      const openNudges = (await openFollowUpsDueBefore(Number.MAX_SAFE_INTEGER)).filter(
        (f) => f.kind === 'lapsed',
      );
      for (const nudge of openNudges) {
        const customer = await db.customers.get(nudge.customerId);
        const stillLapsed =
          customer &&
          !customer.deletedAt &&
          nudge.autoKey === autoKeyFor('lapsed', customer.id, customer.lapseAt ?? '');
        if (!stillLapsed)
          await db.followUps.update(nudge.id, { ...stamp, status: 'dismissed', closedAt: now });
      }
      return fresh.length;
    }),
  );
}
