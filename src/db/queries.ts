/**
 * Reads for the screens. Each is a plain async function over the database, used through
 * useLiveQuery so every screen follows writes made anywhere in the app.
 */
import { Dexie } from 'dexie';
import { isActive } from './customers/consents';
import type { CustomerMatch } from './search/search-index';
import { db } from './db';
import type { Consent, Customer, Id, Visit } from '../model/types';

export type { CustomerMatch } from './search/search-index';

/**
 * Customers matching what was typed (see CustomerSearchIndex.find), for screens that can wait for
 * the search index to be read; the search screen reads it in the keystroke's own task instead.
 */
export async function findCustomers(query: string, limit = 50): Promise<CustomerMatch[]> {
  if (!query.trim()) return [];
  // Its own chunk (with the text normalisation it needs), kept off the first screen.
  const { searchIndex } = await import('./search/live-index');
  return (await searchIndex()).find(query, limit);
}

/** The 50音 list: by reading in hiragana (deleted cards have no sort key, so never appear). */
export function customersByReading(limit: number): Promise<Customer[]> {
  return db.customers.orderBy('sortKey').limit(limit).toArray();
}

/** Recently seen or added, newest first. */
export function recentCustomers(limit: number): Promise<Customer[]> {
  return db.customers.orderBy('activityAt').reverse().limit(limit).toArray();
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
