/**
 * The reads the first screen makes (the customer list's first rows, the staff at the counter, the
 * shop's settings), apart from the other screens' reads (queries.ts): the first screen's chunk
 * carries every function of a module it imports from, and these few are all it needs.
 */
import { db } from './db';
import type { Customer, Id, SettingRow, Staff } from '../model/types';

/**
 * Every card's id in 50音 order, or newest activity first (the first `count` of them): the whole
 * list's order, cheap to hold (ids only) so a virtual list can scroll 50,000 cards and read just
 * the rows on screen. The list at a start asks for its first rows only, until the search index
 * holds every card: reading all of them (50,000 ids handed to the page) held up the few rows a
 * search typed meanwhile needs, a second at 50,000 cards, five at 200,000.
 */
export function customerIdsInOrder(order: 'reading' | 'recent', count = Infinity): Promise<Id[]> {
  if (order === 'reading') return db.customers.orderBy('sortKey').limit(count).primaryKeys();
  if (count !== Infinity) return db.customers.orderBy('activityAt').reverse().limit(count).primaryKeys();
  // The whole order is read forwards and turned round here: forwards is one getAllKeys request,
  // where a reversed collection walks a cursor key by key (over a second for 50,000 cards).
  return db.customers
    .orderBy('activityAt')
    .primaryKeys()
    .then((ids) => ids.reverse());
}

export async function customersByIds(ids: readonly Id[]): Promise<Customer[]> {
  const rows = await db.customers.bulkGet([...ids]);
  return rows.filter((c): c is Customer => c !== undefined && !c.deletedAt);
}

export function shopSettingRows(): Promise<SettingRow[]> {
  return db.settings.toArray();
}

export function allStaff(): Promise<Staff[]> {
  return db.staff.toArray();
}
