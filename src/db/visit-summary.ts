/**
 * What a customer row keeps about their visits so lists can show stages without reading visits:
 * the visit times, the last visit, and the day a former regular would count as lapsed (indexed).
 * Recomputed in the same transaction as any change to the customer's visits.
 */
import { Dexie } from 'dexie';
import { DEFAULT_STAGE_RULES, lapseStart, type StageRules } from '../lib/stages';
import { db } from './db';
import type { Customer, Id, Visit } from './types';

/** A contact (a call, a message) is written on the timeline but is not a visit to the shop. */
export function countsAsVisit(visit: Pick<Visit, 'kind' | 'deletedAt'>): boolean {
  return !visit.deletedAt && visit.kind !== 'contact';
}

export interface VisitSummary {
  visitTimes: number[];
  lastVisitAt?: number;
  lapseAt?: number;
}

export function summarizeVisits(
  visits: readonly Pick<Visit, 'at' | 'kind' | 'deletedAt'>[],
  rules: StageRules,
): VisitSummary {
  const visitTimes = visits
    .filter(countsAsVisit)
    .map((v) => v.at)
    .sort((a, b) => a - b);
  const summary: VisitSummary = { visitTimes };
  const last = visitTimes[visitTimes.length - 1];
  if (last !== undefined) summary.lastVisitAt = last;
  const lapseAt = lapseStart(visitTimes, rules);
  if (lapseAt !== undefined) summary.lapseAt = lapseAt;
  return summary;
}

/** The shop's stage rules as stored; the defaults until the owner changes them. */
export async function storedStageRules(): Promise<StageRules> {
  const row = await db.settings.get('stageRules');
  return (row?.value as StageRules | undefined) ?? DEFAULT_STAGE_RULES;
}

/** The summary fields of a customer row, with absent ones removed rather than set to undefined. */
export function withVisitSummary(customer: Customer, summary: VisitSummary): Customer {
  const { lastVisitAt: _last, lapseAt: _lapse, ...rest } = customer;
  const row: Customer = { ...rest, visitTimes: summary.visitTimes };
  if (summary.lastVisitAt !== undefined) row.lastVisitAt = summary.lastVisitAt;
  // A deleted card keeps no index entries: it must not show up as lapsed.
  if (summary.lapseAt !== undefined && !customer.deletedAt) row.lapseAt = summary.lapseAt;
  return row;
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
  const summary = summarizeVisits(visits, await storedStageRules());
  // update() deletes a property given as undefined, so a card whose last visit was deleted loses
  // its lastVisitAt and lapseAt instead of keeping stale ones. Derived fields: no new stamp.
  await db.customers.update(customerId, {
    visitTimes: summary.visitTimes,
    lastVisitAt: summary.lastVisitAt,
    lapseAt: summary.lapseAt,
    activityAt: Math.max(customer.createdAt, summary.lastVisitAt ?? 0),
  });
}
