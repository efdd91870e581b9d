/**
 * The owner's insights, read so a 50,000-customer ledger opens them in about a second or less
 * (`insights_ms` in `npm run bench`):
 *
 * - the cards from the in-memory search index (see cardsFromIndex): each carries every visit time
 *   (`visitTimes`), which is all the relationship figures need, first visits years back included;
 *   a customer whose activity (the later of the last visit and the card's creation) is older than
 *   the period can count in none of them;
 * - in one read transaction of index ranges: visits by `at` over the period, for the amounts
 *   noted at the counter; the 古物台帳 by `transactedAt`, and the corrections of what it found;
 *   follow-ups by `[status+dueAt]`, one range per status.
 *
 * Each range is read whole (one getAll each, no cursor-walking filter) and boiled down to the
 * few fields the figures use; the figures themselves are pure (src/lib/insights).
 */
import { dayNumber, startOfDayNumber } from '../../lib/days';
import { insightsPeriod } from '../../lib/insights/calendar';
import type { FollowUpDue } from '../../lib/insights/follow-ups';
import {
  followUpOutcome,
  STATUSES_READ,
  type FollowUpAsStored,
} from '../../lib/insights/held-back';
import {
  computeMoneyInsights,
  computeRelationshipFigures,
  type Insights,
  type InsightSources,
  type MoneyInsights,
  type RelationshipFigures,
} from '../../lib/insights/insights';
import type { LedgerAmounts, TimelineAmount } from '../../lib/insights/money';
import type { ReferralPerson } from '../../lib/insights/referrals';
import type { CustomerHistory, ThanksDone } from '../../lib/insights/relationships';
import type { FollowUp, Id, MoneyDayRow } from '../../model/types';
import { db } from '../db';
import { heldBack } from '../follow-ups/guard';
import { searchIndex } from '../search/live-index';
import type { CustomerBrief } from '../search/customer-brief';
import { requireOwner } from '../staff/roles';
import { storedStageRules } from '../visits/visit-summary';
import { deviceTimeZone, MONEY_BY_DAY_ZONE, rebuildMoneyByDay } from './money-by-day';
import type { WriteContext } from '../write-context';
import { listOrdersOf } from '../search/list-orders';

/**
 * The day totals of the amounts noted at the counter, from the first day to the last (inclusive).
 * Made again first if this device's time zone is not the one they were made in (a tablet moved or
 * reset): a month must hold the days the shop lived in it.
 */
async function moneyDays(firstDay: number, lastDay: number): Promise<MoneyDayRow[]> {
  const zone = await db.meta.get(MONEY_BY_DAY_ZONE);
  if (zone?.value !== deviceTimeZone()) {
    await db.transaction('rw', [db.visits, db.customers, db.moneyByDay, db.meta], async () => {
      const stored = await db.meta.get(MONEY_BY_DAY_ZONE);
      // None yet: a ledger created at this version, its totals made here as it grew.
      if (stored === undefined) await db.meta.put({ key: MONEY_BY_DAY_ZONE, value: deviceTimeZone() });
      else if (stored.value !== deviceTimeZone()) await rebuildMoneyByDay(db);
    });
  }
  return db.moneyByDay.where('day').between(firstDay, lastDay, true, true).toArray();
}

function timelineAmountsOf(days: readonly MoneyDayRow[]): TimelineAmount[] {
  const amounts: TimelineAmount[] = [];
  for (const { day, sale, buyIn } of days) {
    const at = startOfDayNumber(day);
    if (sale) amounts.push({ kind: 'sale', at, amount: sale });
    if (buyIn) amounts.push({ kind: 'buy-in', at, amount: buyIn });
  }
  return amounts;
}

async function ledgerAmounts(from: number, to: number): Promise<LedgerAmounts[]> {
  const entries = await db.ledgerEntries
    .where('transactedAt')
    .between(from, to, true, false)
    .toArray();
  if (entries.length === 0) return [];
  // Only the latest entry of a correction chain says what happened; its correction may have moved
  // it out of the period.
  const corrections = await db.ledgerEntries
    .where('corrects')
    .anyOf(entries.map((e) => e.id))
    .toArray();
  const corrected = new Set(corrections.map((c) => c.corrects));
  return entries
    .filter((e) => !corrected.has(e.id) && !e.deletedAt)
    .map((e) => ({ kind: e.kind, at: e.transactedAt, items: e.items }));
}

async function followUpsDue(from: number, to: number): Promise<FollowUp[]> {
  const ranges = await Promise.all(
    STATUSES_READ.map((status) =>
      db.followUps
        .where('[status+dueAt]')
        .between([status, from], [status, to], true, false)
        .toArray(),
    ),
  );
  return ranges.flat().filter((f) => !f.deletedAt);
}

/**
 * The cards the figures need, from the search index the app keeps in memory (every live card,
 * kept in step with each committed write; see search/live-index.ts): reading the 15,000 cards of
 * a year from IndexedDB alone took over a second at 50,000 cards, the index answers at once.
 * Deleted cards are not in it, so nothing of theirs counts.
 */
async function cardsFromIndex(from: number) {
  const index = await searchIndex();
  const customers: CustomerHistory[] = [];
  // Newest activity first: the cards active since `from` are the front of the list.
  for (const id of listOrdersOf(index).idsInOrder('recent')) {
    const card = index.get(id);
    if (!card || (card.activityAt ?? 0) < from) break;
    customers.push({ id: card.id, visitTimes: card.visitTimes ?? [] });
  }
  const referrals: ReferralPerson[] = [];
  const inTree = new Set<Id>();
  const person = (c: CustomerBrief) => {
    if (inTree.has(c.id)) return;
    inTree.add(c.id);
    referrals.push({
      id: c.id,
      name: c.name,
      ...(c.referredBy ? { referredBy: c.referredBy } : {}),
      ...(c.referredAt !== undefined ? { referredAt: c.referredAt } : {}),
    });
  };
  for (const id of listOrdersOf(index).idsInOrder('reading')) {
    const card = index.get(id);
    if (!card?.referredBy) continue;
    person(card);
    const referrer = index.get(card.referredBy);
    if (referrer) person(referrer);
  }
  return {
    customers,
    referrals,
    isLive: (id: Id) => index.get(id) !== undefined,
    cardOf: (id: Id) => index.get(id),
  };
}

/**
 * Which of the open follow-ups already due the temperature guard holds back (too soon after the
 * last contact, too early for the stage, a caution level that stops contact), as the Follow-ups
 * screen shows them: the guard is read, not stored, so the insights ask it the same way.
 */
async function heldBackNow(
  followUps: readonly FollowUp[],
  cardOf: (id: Id) => CustomerBrief | undefined,
  now: number,
): Promise<ReadonlyMap<Id, unknown>> {
  const due = followUps.filter((f) => f.status === 'open' && f.dueAt <= now);
  if (due.length === 0) return new Map();
  const people = new Map<Id, CustomerBrief>();
  for (const f of due) {
    const card = cardOf(f.customerId);
    if (card) people.set(card.id, card);
  }
  return db.transaction('r', [db.visits, db.settings], () => heldBack(due, people, now));
}

function rangeOf(now: number) {
  const period = insightsPeriod(dayNumber(now));
  return { from: startOfDayNumber(period.firstDay), to: startOfDayNumber(period.today + 1) };
}

type RelationshipSourcesRead = Omit<InsightSources, 'timelineAmounts' | 'ledgerAmounts'>;
type MoneySourcesRead = Pick<InsightSources, 'timelineAmounts' | 'ledgerAmounts'>;

/** The cards (in memory) and the follow-ups: what the figures that open first need. */
export async function readRelationshipSources(now: number): Promise<RelationshipSourcesRead> {
  const { from, to } = rangeOf(now);
  const [{ customers, referrals, isLive, cardOf }, followUps] = await Promise.all([
    cardsFromIndex(from),
    db.transaction('r', db.followUps, () => followUpsDue(from, to)),
  ]);
  const held = await heldBackNow(followUps, cardOf, now);
  const due: FollowUpDue[] = [];
  const thanks: ThanksDone[] = [];
  for (const f of followUps) {
    // A deleted card takes its timeline and follow-ups out of every figure.
    if (!isLive(f.customerId)) continue;
    const stored: FollowUpAsStored = { status: f.status, heldBack: held.get(f.id) };
    due.push({ dueAt: f.dueAt, outcome: followUpOutcome(stored) });
    if (f.kind === 'thank-you' && f.status === 'done' && f.closedAt !== undefined) {
      thanks.push({ customerId: f.customerId, closedAt: f.closedAt });
    }
  }
  return { customers, thanks, referrals, followUps: due };
}

/**
 * The amounts noted at the counter (as day totals, kept with every write: a deleted card's
 * amounts count nowhere) and the year's 古物台帳 records, which the law keeps whoever they were
 * bought from, and so do these figures.
 */
export async function readMoneySources(now: number): Promise<MoneySourcesRead> {
  const { from, to } = rangeOf(now);
  const [days, ledger] = await Promise.all([
    moneyDays(dayNumber(from), dayNumber(to) - 1),
    db.transaction('r', db.ledgerEntries, () => ledgerAmounts(from, to)),
  ]);
  return { timelineAmounts: timelineAmountsOf(days), ledgerAmounts: ledger };
}

/** What the insights are computed from, for the period seen from `now`. */
export async function readInsightSources(now: number): Promise<InsightSources> {
  const [relationships, money] = await Promise.all([
    readRelationshipSources(now),
    readMoneySources(now),
  ]);
  return { ...relationships, ...money };
}

/** The figures that open first: relationships, referrals, follow-ups. Owner only. */
export async function relationshipInsightsAsOf(
  ctx: WriteContext,
  now = Date.now(),
): Promise<RelationshipFigures> {
  await requireOwner(ctx, 'insights');
  const [sources, rules] = await Promise.all([readRelationshipSources(now), storedStageRules()]);
  return computeRelationshipFigures(sources, { now, rules });
}

/** Buy-in and sale totals by month and category. Owner only. */
export async function moneyInsightsAsOf(
  ctx: WriteContext,
  now = Date.now(),
): Promise<MoneyInsights> {
  await requireOwner(ctx, 'insights');
  return computeMoneyInsights(await readMoneySources(now), { now });
}

/** The owner's insights as of `now`. Owner only. */
export async function insightsAsOf(ctx: WriteContext, now = Date.now()): Promise<Insights> {
  const [relationships, money] = await Promise.all([
    relationshipInsightsAsOf(ctx, now),
    moneyInsightsAsOf(ctx, now),
  ]);
  return { ...relationships, ...money };
}
