/**
 * Reads for relationships: the card's referrals and caution history, the owner's evening review,
 * and the filtered lists for postcards. Each reads through indexes so a busy day or a large ledger
 * costs what the day holds, not what the ledger holds.
 */
import { addDays, dayNumber, startOfDayNumber } from '../../lib/days';
import { stageOf, type StageRules, type VisitStage } from '../../lib/stages';
import { isActive } from '../customers/consents';
import { db } from '../db';
import { contactableChannels } from '../privacy/personal-data';
import { openFollowUpsDueBefore, openFollowUpsDueBetween, openFollowUpsOf } from '../follow-ups/follow-ups';
import { heldBack } from '../follow-ups/guard';
import type { HoldReason } from '../../lib/follow-up-ladder';
import type {
  CautionEvent,
  ConsentChannel,
  Customer,
  FollowUp,
  Id,
  Visit,
  WantedItem,
} from '../../model/types';

const readingOrder = new Intl.Collator('ja');
const byReading = (a: Customer, b: Customer) =>
  readingOrder.compare(a.sortKey ?? a.name, b.sortKey ?? b.name);

export interface Referrals {
  referrer?: Customer;
  /** The people this customer brought, earliest first. */
  brought: Customer[];
}

export async function referralsOf(customer: Customer): Promise<Referrals> {
  const brought = (await db.customers.where('referredBy').equals(customer.id).toArray())
    .filter((c) => !c.deletedAt)
    .sort((a, b) => (a.referredAt ?? 0) - (b.referredAt ?? 0));
  const referrer = customer.referredBy ? await db.customers.get(customer.referredBy) : undefined;
  return { referrer: referrer && !referrer.deletedAt ? referrer : undefined, brought };
}

/** Every change to a customer's caution flag, newest first. */
export async function cautionHistoryOf(customerId: Id): Promise<CautionEvent[]> {
  const rows = await db.cautionHistory.where('customerId').equals(customerId).toArray();
  return rows.filter((r) => !r.deletedAt).sort((a, b) => b.at - a.at);
}

export interface CustomerVisits {
  customer: Customer;
  visits: Visit[];
}

export interface NewCustomer {
  customer: Customer;
  /** Channels they agreed to; empty when no consent was captured. */
  channels: ConsentChannel[];
}

export interface StaffNotes {
  staffId?: Id;
  notes: { visit: Visit; customer?: Customer }[];
}

/** A buy-in that matched what someone is looking for: the "It came in" suggested for them. */
export interface WantedMatch {
  followUp: FollowUp;
  customer: Customer;
  /** What they asked the shop to look out for (absent once deleted). */
  wanted?: WantedItem;
}

export interface DayReview {
  /** Midnight at the start of the reviewed day. */
  dayStart: number;
  /** The day's 探しもの帳 matches: "It came in" suggested on the reviewed day. */
  matches: WantedMatch[];
  visits: CustomerVisits[];
  newCustomers: NewCustomer[];
  dueTomorrow: { followUp: FollowUp; customer?: Customer }[];
  /** Former regulars whose lapse day falls within the 7 days from the reviewed day. */
  turningLapsed: Customer[];
  /** Customers whose referral was recorded in the reviewed day's month. */
  referrals: { customer: Customer; referrer?: Customer }[];
  notesByStaff: StaffNotes[];
}

function monthRange(dayStart: number): [number, number] {
  const d = new Date(dayStart);
  return [
    new Date(d.getFullYear(), d.getMonth(), 1).getTime(),
    new Date(d.getFullYear(), d.getMonth() + 1, 1).getTime(),
  ];
}

async function customersById(ids: Iterable<Id>): Promise<Map<Id, Customer>> {
  const unique = [...new Set(ids)];
  const rows = await db.customers.bulkGet(unique);
  return new Map(rows.filter((c): c is Customer => Boolean(c)).map((c) => [c.id, c]));
}

/**
 * The owner's review of one day, in one read transaction: visits grouped by customer, new
 * customers and their consent, follow-ups due the next day, regulars about to lapse, the month's
 * referrals, and the notes each staff member wrote that day.
 */
export async function reviewOfDay(dayStart: number): Promise<DayReview> {
  const dayEnd = addDays(dayStart, 1);
  return db.transaction('r', [db.customers, db.visits, db.consents, db.followUps, db.wantedItems], async () => {
    const [dayVisits, written, created, due, lapsing, referred, suggested] = await Promise.all([
      db.visits
        .where('at')
        .between(dayStart, dayEnd, true, false)
        .filter((v) => !v.deletedAt)
        .toArray(),
      db.visits
        .where('createdAt')
        .between(dayStart, dayEnd, true, false)
        .filter((v) => !v.deletedAt)
        .toArray(),
      db.customers
        .where('createdAt')
        .between(dayStart, dayEnd, true, false)
        .filter((c) => !c.deletedAt)
        .toArray(),
      openFollowUpsDueBetween(dayEnd, addDays(dayStart, 2)),
      db.customers
        .where('lapseAt')
        .between(dayStart, addDays(dayStart, 7), true, false)
        .filter((c) => !c.deletedAt)
        .toArray(),
      db.customers
        .where('referredAt')
        .between(...monthRange(dayStart), true, false)
        .filter((c) => !c.deletedAt)
        .toArray(),
      db.followUps
        .where('createdAt')
        .between(dayStart, dayEnd, true, false)
        .filter((f) => !f.deletedAt && f.kind === 'came-in')
        .toArray(),
    ]);
    const shopVisits = dayVisits.filter((v) => v.kind !== 'contact').sort((a, b) => a.at - b.at);
    const people = await customersById([
      ...shopVisits.map((v) => v.customerId),
      ...written.map((v) => v.customerId),
      ...due.map((f) => f.customerId),
      ...suggested.map((f) => f.customerId),
      ...referred.map((c) => c.referredBy!).filter(Boolean),
    ]);

    const grouped = new Map<Id, Visit[]>();
    for (const visit of shopVisits)
      grouped.set(visit.customerId, [...(grouped.get(visit.customerId) ?? []), visit]);
    const visits = [...grouped]
      .map(([id, list]) => ({ customer: people.get(id), visits: list }))
      .filter((g): g is CustomerVisits => Boolean(g.customer && !g.customer.deletedAt));

    const createdIds = created.map((c) => c.id);
    const consents = createdIds.length
      ? await db.consents.where('customerId').anyOf(createdIds).toArray()
      : [];
    // A card imported with the visits a POS counted is a customer of long standing, not a new one.
    const newCustomers = created
      .filter((customer) => !customer.visitsBefore)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((customer) => ({
        customer,
        channels: consents
          .filter((c) => c.customerId === customer.id && isActive(c))
          .map((c) => c.channel),
      }));

    const byStaff = new Map<string, StaffNotes>();
    for (const visit of written.sort((a, b) => a.createdAt - b.createdAt)) {
      if (!people.get(visit.customerId) || people.get(visit.customerId)?.deletedAt) continue;
      const key = visit.staffId ?? '';
      const entry = byStaff.get(key) ?? { staffId: visit.staffId, notes: [] };
      entry.notes.push({ visit, customer: people.get(visit.customerId) });
      byStaff.set(key, entry);
    }

    const wanted = await db.wantedItems.bulkGet(suggested.map((f) => f.wantedItemId ?? ''));
    const matches = suggested
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((followUp, i) => ({ followUp, customer: people.get(followUp.customerId)!, wanted: wanted[i] }))
      .filter((m) => m.customer && !m.customer.deletedAt);

    return {
      dayStart,
      matches,
      visits,
      newCustomers,
      dueTomorrow: due
        .map((followUp) => ({ followUp, customer: people.get(followUp.customerId) }))
        .filter((d) => d.customer && !d.customer.deletedAt),
      turningLapsed: lapsing.sort((a, b) => (a.lapseAt ?? 0) - (b.lapseAt ?? 0)),
      referrals: referred
        .sort((a, b) => (a.referredAt ?? 0) - (b.referredAt ?? 0))
        .map((customer) => ({ customer, referrer: people.get(customer.referredBy!) })),
      notesByStaff: [...byStaff.values()],
    };
  });
}

export type StageFilter = VisitStage | 'referrer';

export interface ListFilter {
  stage?: StageFilter;
  tag?: string;
  /** 1–12 */
  birthMonth?: number;
  channel?: ConsentChannel;
}

export interface ListContext {
  now: number;
  rules: StageRules;
}

/**
 * Candidates from the most selective index the filter allows; the rest of the filter runs on
 * those rows. Only "no filter" or a stage without an index of its own reads every card.
 */
async function listCandidates(
  filter: ListFilter,
  { now, rules }: ListContext,
): Promise<Customer[]> {
  if (filter.birthMonth) {
    const mm = String(filter.birthMonth).padStart(2, '0');
    return db.customers.where('birthMonthDay').startsWith(`${mm}-`).toArray();
  }
  if (filter.tag) return db.customers.where('tags').equals(filter.tag).toArray();
  if (filter.stage === 'lapsed') return db.customers.where('lapseAt').belowOrEqual(now).toArray();
  if (filter.stage === 'regular') {
    // A regular visited within the window, so their last activity is inside it too.
    const since = startOfDayNumber(dayNumber(now) - rules.regularWindowDays + 1);
    return db.customers.where('activityAt').aboveOrEqual(since).toArray();
  }
  if (filter.channel) {
    const consents = (await db.consents.toArray()).filter(
      (c) => isActive(c) && c.channel === filter.channel,
    );
    return (await db.customers.bulkGet([...new Set(consents.map((c) => c.customerId))])).filter(
      (c): c is Customer => Boolean(c),
    );
  }
  return db.customers.orderBy('sortKey').toArray();
}

/** Customers matching every part of the filter, in 50音 order. */
export async function customersForList(
  filter: ListFilter,
  context: ListContext,
): Promise<Customer[]> {
  return db.transaction('r', db.customers, db.consents, async () => {
    const candidates = (await listCandidates(filter, context)).filter((c) => !c.deletedAt);
    let consented: Set<Id> | undefined;
    if (filter.channel) {
      const ids = candidates.map((c) => c.id);
      const consents = ids.length ? await db.consents.where('customerId').anyOf(ids).toArray() : [];
      consented = new Set(
        consents
          .filter((c) => isActive(c) && c.channel === filter.channel)
          .map((c) => c.customerId),
      );
    }
    const mm = filter.birthMonth ? `${String(filter.birthMonth).padStart(2, '0')}-` : undefined;
    return candidates
      .filter((c) => {
        if (mm && !c.birthMonthDay?.startsWith(mm)) return false;
        if (filter.tag && !c.tags.includes(filter.tag)) return false;
        if (consented && !consented.has(c.id)) return false;
        if (!filter.stage) return true;
        const stage = stageOf(c.visitTimes ?? [], { ...context, referredCount: c.referredCount, earlier: c.visitsBefore });
        return filter.stage === 'referrer' ? stage.referrer : stage.visit === filter.stage;
      })
      .sort(byReading);
  });
}

/** Every tag in use, for the list filter. */
export async function tagsInUse(): Promise<string[]> {
  const tags = (await db.customers.orderBy('tags').uniqueKeys()) as string[];
  return tags.sort((a, b) => readingOrder.compare(a, b));
}

/** A follow-up with what is needed to act on it: the customer and the channels they agreed to. */
export interface FollowUpView {
  followUp: FollowUp;
  customer: Customer;
  consented: ConsentChannel[];
  /** Why the temperature guard holds it back now (src/db/follow-ups/guard.ts); absent: go ahead. */
  held?: HoldReason;
}

/**
 * Views of follow-ups, leaving out those of deleted customers. The channels offered are those
 * canContact allows: consented, and not stopped by the do-not-contact list (a withdrawal stops
 * every message path at once).
 */
export async function followUpViews(followUps: readonly FollowUp[], now = Date.now()): Promise<FollowUpView[]> {
  const people = await customersById(followUps.map((f) => f.customerId));
  const channels = new Map<Id, ConsentChannel[]>();
  for (const id of people.keys()) channels.set(id, await contactableChannels(id));
  const held = await heldBack(followUps, people, now);
  const views: FollowUpView[] = [];
  for (const followUp of followUps) {
    const customer = people.get(followUp.customerId);
    if (!customer || customer.deletedAt) continue;
    const reason = held.get(followUp.id);
    views.push({ followUp, customer, consented: channels.get(customer.id) ?? [], ...(reason ? { held: reason } : {}) });
  }
  return views;
}

const QUEUE_TABLES = () => [db.followUps, db.customers, db.consents, db.suppressions, db.visits, db.settings];

/** The queue: open follow-ups due before `until`, soonest first, ready to act on or held back. */
export async function followUpQueue(until: number, now = Date.now()): Promise<FollowUpView[]> {
  return db.transaction('r', QUEUE_TABLES(), async () => followUpViews(await openFollowUpsDueBefore(until), now));
}

/** One customer's open follow-ups, as the queue shows them (with the guard's reasons). */
export async function customerFollowUpViews(customerId: Id, now = Date.now()): Promise<FollowUpView[]> {
  return db.transaction('r', QUEUE_TABLES(), async () => followUpViews(await openFollowUpsOf(customerId), now));
}
