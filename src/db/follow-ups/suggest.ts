/**
 * What the app suggests by itself, once per occasion (suggestions.ts): the step ladder
 * (src/lib/follow-up-ladder.ts: a thank-you for a first purchase or buy-in, a tip after a second
 * visit, an invitation for a new regular, a referrer's thanks), birthday greetings with consent,
 * nudges for lapsed regulars, "it came in" for wanted items (src/db/wanted/arrivals.ts) and, when
 * the owner turns it on, "is the item still with you?" after a declined appraisal.
 *
 * Nothing is suggested for a customer whose caution level stops follow-ups. Whether a suggestion
 * may go out now (too soon after the last contact, too early for their stage) is the temperature
 * guard's question when the queue is shown (guard.ts), not this one's: the occasion is kept.
 */
import { Dexie } from 'dexie';
import { addDays, dayNumber, startOfDay, startOfDayNumber } from '../../lib/days';
import {
  becameRegular,
  isFirstVisit,
  isSecondVisit,
  stepDueAt,
  type FollowUpRules,
} from '../../lib/follow-up-ladder';
import {
  BIRTHDAY_LEAD_DAYS,
  birthdayDueDay,
  LAPSED_LOOKBACK_DAYS,
  monthDayRanges,
  nextBirthdayDay,
  THANK_YOU_LOOKBACK_DAYS,
  THANK_YOU_VISIT_KINDS,
} from '../../lib/follow-up-rules';
import { cautionLevelOf, stopsFollowUps } from '../../lib/refusal';
import type { StageRules } from '../../lib/stages';
import { isActive } from '../customers/consents';
import { db } from '../db';
import { guardWrite } from '../errors';
import { cameInSuggestions } from '../wanted/arrivals';
import { guardSettings } from './guard';
import type { Customer, Id, Visit } from '../../model/types';
import { stampFor } from '../write-context';
import { addFreshSuggestions, autoKeyFor, type Suggestion } from './suggestions';

/** A declined appraisal is asked about once its interval has passed, within this many days. */
export const STILL_WITH_YOU_LOOKBACK_DAYS = 30;

interface Context {
  now: number;
  rules: FollowUpRules;
  stageRules: StageRules;
  /** Cards read so far, by id. */
  people: Map<Id, Customer>;
}

/** Whether the app may suggest anything for this customer at all. */
function reachable(customer: Customer | undefined): customer is Customer {
  return Boolean(
    customer && !customer.deletedAt && !stopsFollowUps(cautionLevelOf(customer.caution)),
  );
}

async function readPeople(ids: Iterable<Id>, people: Map<Id, Customer>): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !people.has(id));
  if (missing.length === 0) return;
  for (const customer of await db.customers.bulkGet(missing))
    if (customer) people.set(customer.id, customer);
}

/** A record's items, as the ledger writes them on the timeline; unknown for a note typed by hand. */
function subjectOf(visit: Visit): string | undefined {
  return visit.record && visit.note ? visit.note : undefined;
}

/** Whether another system (a POS) counted visits of theirs before the card was imported. */
function countedElsewhere(customer: Customer | undefined): boolean {
  return (customer?.visitsBefore?.count ?? 0) > 0;
}

/** The first purchase or buy-in of each customer among the week's visits: a thank-you. */
async function thankYous(recent: readonly Visit[], ctx: Context): Promise<Suggestion[]> {
  const step = ctx.rules.steps.first;
  if (!step.enabled) return [];
  const suggestions: Suggestion[] = [];
  const seen = new Set<Id>();
  for (const visit of recent) {
    if (!THANK_YOU_VISIT_KINDS.has(visit.kind) || seen.has(visit.customerId)) continue;
    seen.add(visit.customerId);
    if (!reachable(ctx.people.get(visit.customerId))) continue;
    // Only a first purchase or buy-in: an earlier one means the thank-you moment has passed.
    const earlier = await db.visits
      .where('[customerId+at]')
      .between([visit.customerId, Dexie.minKey], [visit.customerId, visit.at], true, false)
      .filter((v) => !v.deletedAt && THANK_YOU_VISIT_KINDS.has(v.kind))
      .count();
    if (earlier > 0) continue;
    // A customer imported with the visits a POS counted bought here before this ledger knew them.
    if (countedElsewhere(ctx.people.get(visit.customerId))) continue;
    const subject = subjectOf(visit);
    suggestions.push({
      customerId: visit.customerId,
      kind: 'thank-you',
      dueAt: stepDueAt(dayNumber(visit.at), step),
      // One thank-you per customer for their first purchase, whichever visit it turns out to be.
      autoKey: autoKeyFor('thank-you', visit.customerId, 'first'),
      note: '',
      visitId: visit.id,
      // A seller is thanked for what they brought, not for "your purchase".
      ...(visit.kind === 'buy-in' ? { template: 'thank-you-buy-in' as const } : {}),
      ...(subject ? { subject } : {}),
    });
  }
  return suggestions;
}

/** The ladder's later steps among the week's visits: a second visit, a new regular, a referral. */
function laterSteps(recent: readonly Visit[], ctx: Context): Suggestion[] {
  const { steps } = ctx.rules;
  const suggestions: Suggestion[] = [];
  for (const visit of recent) {
    const customer = ctx.people.get(visit.customerId);
    if (!customer || customer.deletedAt) continue;
    // The ledger's own visits are not their first, second or regular-making ones when a POS
    // counted visits before the import: the ladder's early steps have passed.
    if (countedElsewhere(customer)) continue;
    const times = customer.visitTimes ?? [];
    const day = dayNumber(visit.at);
    if (steps.second.enabled && reachable(customer) && isSecondVisit(visit.at, times)) {
      suggestions.push({
        customerId: customer.id,
        kind: 'tip',
        dueAt: stepDueAt(day, steps.second),
        autoKey: autoKeyFor('tip', customer.id, 'second'),
        note: '',
        visitId: visit.id,
      });
    }
    if (
      steps.regular.enabled &&
      reachable(customer) &&
      becameRegular(visit.at, times, ctx.stageRules)
    ) {
      suggestions.push({
        customerId: customer.id,
        kind: 'invitation',
        dueAt: stepDueAt(day, steps.regular),
        autoKey: autoKeyFor('invitation', customer.id, 'regular'),
        note: '',
        visitId: visit.id,
      });
    }
    const referrer = customer.referredBy ? ctx.people.get(customer.referredBy) : undefined;
    if (steps.referral.enabled && reachable(referrer) && isFirstVisit(visit.at, times)) {
      suggestions.push({
        customerId: referrer.id,
        kind: 'referral-thanks',
        dueAt: stepDueAt(day, steps.referral),
        autoKey: autoKeyFor('referral-thanks', referrer.id, customer.id),
        note: '',
        visitId: visit.id,
      });
    }
  }
  return suggestions;
}

/** Birthdays in the coming week, for customers who agreed to be contacted. */
async function birthdays(now: number): Promise<Suggestion[]> {
  const today = dayNumber(now);
  const customers: Customer[] = [];
  for (const [from, to] of monthDayRanges(today, BIRTHDAY_LEAD_DAYS + 1)) {
    customers.push(
      ...(await db.customers.where('birthMonthDay').between(from, to, true, true).toArray()),
    );
  }
  const suggestions: Suggestion[] = [];
  for (const customer of customers) {
    if (!reachable(customer) || !customer.birthMonthDay) continue;
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
async function lapses(now: number): Promise<Suggestion[]> {
  const lapsed = await db.customers
    .where('lapseAt')
    .between(addDays(now, -LAPSED_LOOKBACK_DAYS), now, true, true)
    .filter(reachable)
    .toArray();
  return lapsed.map((customer) => ({
    customerId: customer.id,
    kind: 'lapsed' as const,
    dueAt: startOfDay(now),
    autoKey: autoKeyFor('lapsed', customer.id, customer.lapseAt!),
    note: '',
  }));
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** Appraisals they declined (all or some), once the owner's interval has passed: still with you? */
async function stillWithYou(ctx: Context): Promise<Suggestion[]> {
  const days = ctx.rules.stillWithYouAfterDays;
  if (days <= 0) return [];
  const appraisals = await db.appraisals
    .where('at')
    .between(
      addDays(ctx.now, -(days + STILL_WITH_YOU_LOOKBACK_DAYS)),
      addDays(ctx.now, 1 - days),
      true,
      false,
    )
    .filter((a) => !a.deletedAt && a.items.some((item) => !item.accepted))
    .toArray();
  await readPeople(
    appraisals.map((a) => a.customerId),
    ctx.people,
  );
  return appraisals
    .filter((a) => reachable(ctx.people.get(a.customerId)))
    .map((appraisal) => {
      const names = appraisal.items
        .filter((item) => !item.accepted)
        .map((item) => item.description);
      return {
        customerId: appraisal.customerId,
        kind: 'still-with-you' as const,
        dueAt: startOfDayNumber(dayNumber(appraisal.at) + days),
        autoKey: autoKeyFor('still-with-you', appraisal.customerId, appraisal.id),
        note: '',
        subject: names.join(names.some((name) => JAPANESE.test(name)) ? '、' : ', '),
        record: { type: 'appraisal' as const, id: appraisal.id },
        visitId: appraisal.visitId,
      };
    });
}

/** The week's buy-ins against open wanted items (those a buy-in's own transaction did not see). */
async function arrivals(now: number): Promise<Suggestion[]> {
  const since = addDays(now, -THANK_YOU_LOOKBACK_DAYS);
  const entries = await db.ledgerEntries
    .where('transactedAt')
    .between(since, now, true, true)
    .filter((e) => !e.deletedAt && e.kind === 'buy-in')
    .toArray();
  return (await cameInSuggestions(entries, now)).map((c) => c.suggestion);
}

/**
 * Writes the follow-ups the app suggests today and has not suggested before, and closes lapse
 * nudges for customers who came back. Cheap to call often: it reads through indexes (visits,
 * buy-ins and appraisals of recent days, birthdays of the coming week, lapses of the last month,
 * open wanted items of the buy-ins' categories), not whole tables.
 */
export async function suggestFollowUps(now = Date.now()): Promise<number> {
  const stamp = await stampFor({}, now);
  const tables = [
    db.followUps,
    db.visits,
    db.customers,
    db.consents,
    db.settings,
    db.appraisals,
    db.ledgerEntries,
    db.wantedItems,
  ];
  return guardWrite(() =>
    db.transaction('rw', tables, async () => {
      const ctx: Context = { now, ...(await guardSettings()), people: new Map() };
      const recent = (
        await db.visits
          .where('at')
          .between(addDays(now, -THANK_YOU_LOOKBACK_DAYS), now, true, true)
          .filter((v) => !v.deletedAt && v.kind !== 'contact')
          .toArray()
      ).sort((a, b) => a.at - b.at);
      await readPeople(
        recent.map((v) => v.customerId),
        ctx.people,
      );
      await readPeople(
        [...ctx.people.values()].flatMap((c) => (c.referredBy ? [c.referredBy] : [])),
        ctx.people,
      );
      const fresh = await addFreshSuggestions(
        [
          ...(await thankYous(recent, ctx)),
          ...laterSteps(recent, ctx),
          ...(await birthdays(now)),
          ...(await lapses(now)),
          ...(await stillWithYou(ctx)),
          ...(await arrivals(now)),
        ],
        stamp,
      );

      // A nudge whose customer has visited since no longer applies.
      const openNudges = await db.followUps
        .where('[status+dueAt]')
        .between(['open', Dexie.minKey], ['open', Dexie.maxKey])
        .filter((f) => !f.deletedAt && f.kind === 'lapsed')
        .toArray();
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
