/**
 * Schema 11 keeps the sales and buy-ins noted at the counter as day totals (src/db/insights/
 * money-by-day.ts), so the owner's insights no longer read a year of visits. They are made here
 * from the whole timeline, after every earlier upgrade has run; from then on each write keeps
 * them in step.
 */
import type { Transaction } from 'dexie';
import { rebuildMoneyByDay } from '../insights/money-by-day';

export async function makeMoneyByDay(tx: Transaction): Promise<void> {
  await rebuildMoneyByDay({
    visits: tx.table('visits'),
    customers: tx.table('customers'),
    moneyByDay: tx.table('moneyByDay'),
    meta: tx.table('meta'),
  });
}
