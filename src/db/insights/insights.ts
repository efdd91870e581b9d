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
import type { Customer, FollowUp, Id, Visit } from '../../model/types';
import { db } from '../db';
import { heldBack } from '../follow-ups/guard';
import { searchIndex } from '../search/live-index';
import { requireOwner } from '../staff/roles';
import { storedStageRules } from '../visits/visit-summary';
import type { WriteContext } from '../write-context';

const MONEY_KINDS: Partial<Record<Visit['kind'], TimelineAmount['kind']>> = {
  purchase: 'sale',
  'buy-in': 'buy-in',
};

/** Visits with an amount that no ledger record itemises, each with its customer. */
function moneyVisits(visits: readonly Visit[]): (TimelineAmount & { customerId: Id })[] {
  const amounts: (TimelineAmount & { customerId: Id })[] = [];
  for (const visit of visits) {
    const kind = MONEY_KINDS[visit.kind];
    // A row that stands for a ledger record is counted, itemised, from the ledger.
    if (
      !kind ||
      visit.deletedAt ||
      typeof visit.amount !== 'number' ||
      visit.record?.type === 'ledger-entry'
    )
      continue;
    amounts.push({ kind, at: visit.at, amount: visit.amount, customerId: visit.customerId });
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
  for (const id of index.idsInOrder('recent')) {
    const card = index.get(id);
    if (!card || (card.activityAt ?? 0) < from) break;
    customers.push({ id: card.id, visitTimes: card.visitTimes ?? [] });
  }
  const referrals: ReferralPerson[] = [];
  const inTree = new Set<Id>();
  const person = (c: Customer) => {
    if (inTree.has(c.id)) return;
    inTree.add(c.id);
    referrals.push({
      id: c.id,
      name: c.name,
      ...(c.referredBy ? { referredBy: c.referredBy } : {}),
      ...(c.referredAt !== undefined ? { referredAt: c.referredAt } : {}),
    });
  };
  for (const id of index.idsInOrder('reading')) {
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
  cardOf: (id: Id) => Customer | undefined,
  now: number,
): Promise<ReadonlyMap<Id, unknown>> {
  const due = followUps.filter((f) => f.status === 'open' && f.dueAt <= now);
  if (due.length === 0) return new Map();
  const people = new Map<Id, Customer>();
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
 * The year's visits and 古物台帳 records, for the money figures: the one read that grows with the
 * year's visits (about 100,000 at 50,000 customers), so the screen shows the other figures first.
 */
export async function readMoneySources(now: number): Promise<MoneySourcesRead> {
  const { from, to } = rangeOf(now);
  const [index, { visits, ledger }] = await Promise.all([
    searchIndex(),
    db.transaction('r', [db.visits, db.ledgerEntries], async () => {
      const [visits, ledger] = await Promise.all([
        db.visits.where('at').between(from, to, true, false).toArray(),
        ledgerAmounts(from, to),
      ]);
      return { visits, ledger };
    }),
  ]);
  return {
    // A deleted card's timeline counts nowhere; the 古物台帳 keeps its records by law, and so
    // do these figures.
    timelineAmounts: moneyVisits(visits)
      .filter((a) => index.get(a.customerId) !== undefined)
      .map(({ kind, at, amount }) => ({ kind, at, amount })),
    ledgerAmounts: ledger,
  };
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
