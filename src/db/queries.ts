/**
 * Reads for the screens. Each is a plain async function over the database, used through
 * useLiveQuery so every screen follows writes made anywhere in the app.
 */
import { Dexie } from 'dexie';
import { matchRank, queryForms } from '../lib/search-keys';
import { isActive } from './consents';
import { db } from './db';
import type { Consent, Customer, Id, SettingRow, Staff, Visit } from './types';

/**
 * Per typed form, how many index entries to consider before ranking. A little more than a screen
 * of results: enough for the best matches to surface, few enough to read in one request.
 */
const CANDIDATES_PER_FORM = 60;

export interface CustomerMatch {
  customer: Customer;
  rank: number;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareMatches(a: CustomerMatch, b: CustomerMatch): number {
  return (
    a.rank - b.rank ||
    (b.customer.lastVisitAt ?? 0) - (a.customer.lastVisitAt ?? 0) ||
    (b.customer.activityAt ?? 0) - (a.customer.activityAt ?? 0) ||
    // Code-point order of hiragana sort keys is 50音 order (and cheaper than Intl.Collator).
    compareStrings(a.customer.sortKey ?? '', b.customer.sortKey ?? '')
  );
}

/**
 * Customers matching what was typed: name (any part), reading in hiragana, katakana or romaji,
 * phone digits, email, handle or tag. Best match first, then the most recent visit.
 */
export async function findCustomers(query: string, limit = 50): Promise<CustomerMatch[]> {
  const forms = queryForms(query);
  if (forms.length === 0) return [];
  // One getAll per form, without an explicit transaction (it costs a third of the query); a
  // customer with several matching keys comes back more than once.
  const lists = await Promise.all(
    forms.map((form) => db.customers.where('searchKeys').startsWith(form).limit(CANDIDATES_PER_FORM).toArray()),
  );
  const seen = new Set<string>();
  const matches: CustomerMatch[] = [];
  for (const customer of lists.flat()) {
    if (seen.has(customer.id) || customer.deletedAt) continue;
    seen.add(customer.id);
    matches.push({ customer, rank: matchRank(customer, forms) });
  }
  return matches.sort(compareMatches).slice(0, limit);
}

/** The 50音 list: by reading in hiragana (deleted cards have no sort key, so never appear). */
export function customersByReading(limit: number): Promise<Customer[]> {
  return db.customers.orderBy('sortKey').limit(limit).toArray();
}

/** Recently seen or added, newest first. */
export function recentCustomers(limit: number): Promise<Customer[]> {
  return db.customers.orderBy('activityAt').reverse().limit(limit).toArray();
}

/**
 * Every card's id in 50音 order, or newest activity first: the whole list's order, cheap to hold
 * (ids only) so a virtual list can scroll 50,000 cards and read just the rows on screen.
 */
export function customerIdsInOrder(order: 'reading' | 'recent'): Promise<Id[]> {
  return order === 'reading'
    ? db.customers.orderBy('sortKey').primaryKeys()
    : db.customers.orderBy('activityAt').reverse().primaryKeys();
}

export async function customersByIds(ids: readonly Id[]): Promise<Customer[]> {
  const rows = await db.customers.bulkGet([...ids]);
  return rows.filter((c): c is Customer => c !== undefined && !c.deletedAt);
}

export function countCustomers(): Promise<number> {
  return db.customers.where('sortKey').aboveOrEqual('').count();
}

export async function getCustomer(id: Id): Promise<Customer | undefined> {
  return db.customers.get(id);
}

/** A customer's timeline, newest first, without deleted entries; the newest `limit` when given. */
export async function timelineOf(customerId: Id, limit = Infinity): Promise<Visit[]> {
  const newestFirst = () =>
    db.visits.where('[customerId+at]').between([customerId, Dexie.minKey], [customerId, Dexie.maxKey]).reverse();
  if (!Number.isFinite(limit)) return (await newestFirst().toArray()).filter((v) => !v.deletedAt);
  // Deleted entries are left out here rather than by a filter in the query: a filtered query
  // walks a cursor, a round trip every few entries, where a plain one is a single read. They are
  // rare; when some were among the newest, the read goes further back.
  for (let take = limit; ; take *= 2) {
    const entries = await newestFirst().limit(take).toArray();
    const kept = entries.filter((v) => !v.deletedAt);
    if (kept.length >= limit || entries.length < take) return kept.slice(0, limit);
  }
}

export async function consentsOf(customerId: Id): Promise<{ active: Consent[]; all: Consent[] }> {
  const all = await db.consents.where('customerId').equals(customerId).toArray();
  all.sort((a, b) => b.grantedAt - a.grantedAt);
  return { active: all.filter(isActive), all };
}

export function shopSettingRows(): Promise<SettingRow[]> {
  return db.settings.toArray();
}

export function allStaff(): Promise<Staff[]> {
  return db.staff.toArray();
}
