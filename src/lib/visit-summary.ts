/**
 * What a customer row keeps about their visits so lists can show stages without reading visits:
 * the visit times, the last visit, and the day a former regular would count as lapsed (indexed).
 * Pure: the data layer recomputes it in the same transaction as any change to the customer's
 * visits (src/db/visits/visit-summary.ts), and the schema upgrades use it too.
 */
import type { Customer, Visit } from '../model/types';
import { lapseStart, type EarlierVisits, type StageRules } from './stages';

/** A contact (a call, a message) is written on the timeline but is not a visit to the shop. */
export function countsAsVisit(visit: Pick<Visit, 'kind' | 'deletedAt'>): boolean {
  return !visit.deletedAt && visit.kind !== 'contact';
}

export interface VisitSummary {
  visitTimes: number[];
  lastVisitAt?: number;
  lapseAt?: number;
}

/**
 * `earlier`: visits another system counted before the card was imported (Customer.visitsBefore).
 * They stay out of `visitTimes` (the timeline's visits), but the last visit and the lapse day
 * count them.
 */
export function summarizeVisits(
  visits: readonly Pick<Visit, 'at' | 'kind' | 'deletedAt'>[],
  rules: StageRules,
  earlier?: EarlierVisits,
): VisitSummary {
  const visitTimes = visits
    .filter(countsAsVisit)
    .map((v) => v.at)
    .sort((a, b) => a - b);
  return summarizeVisitTimes(visitTimes, rules, earlier);
}

/** The summary from visit times already sorted (a card's own `visitTimes`). */
export function summarizeVisitTimes(
  visitTimes: number[],
  rules: StageRules,
  earlier?: EarlierVisits,
): VisitSummary {
  const summary: VisitSummary = { visitTimes };
  const last = Math.max(visitTimes[visitTimes.length - 1] ?? -Infinity, earlier?.lastAt ?? -Infinity);
  if (last !== -Infinity) summary.lastVisitAt = last;
  const lapseAt = lapseStart(visitTimes, rules, earlier);
  if (lapseAt !== undefined) summary.lapseAt = lapseAt;
  return summary;
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
