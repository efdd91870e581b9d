/**
 * Keeps a customer row's visit summary (src/lib/visit-summary.ts) in step with their timeline:
 * recomputed in the same transaction as any change to the customer's visits.
 */
import { Dexie } from 'dexie';
import { DEFAULT_STAGE_RULES, type StageRules } from '../../lib/stages';
import { summarizeVisits } from '../../lib/visit-summary';
import { db } from '../db';
import type { Id } from '../../model/types';

/** The shop's stage rules as stored; the defaults until the owner changes them. */
export async function storedStageRules(): Promise<StageRules> {
  const row = await db.settings.get('stageRules');
  return (row?.value as StageRules | undefined) ?? DEFAULT_STAGE_RULES;
}

/**
 * Recomputes the customer's visit summary from their timeline. Must run inside a rw transaction
 * over visits, customers and settings.
 */
export async function refreshVisitSummary(customerId: Id): Promise<void> {
  const customer = await db.customers.get(customerId);
  if (!customer || customer.deletedAt) return;
  const visits = await db.visits
    .where('[customerId+at]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .toArray();
  const summary = summarizeVisits(visits, await storedStageRules(), customer.visitsBefore);
  // update() deletes a property given as undefined, so a card whose last visit was deleted loses
  // its lastVisitAt and lapseAt instead of keeping stale ones. Derived fields: no new stamp.
  await db.customers.update(customerId, {
    visitTimes: summary.visitTimes,
    lastVisitAt: summary.lastVisitAt,
    lapseAt: summary.lapseAt,
    activityAt: Math.max(customer.createdAt, summary.lastVisitAt ?? 0),
  });
}
