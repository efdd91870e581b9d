/**
 * What a customer row keeps about their visits so lists can show stages without reading visits:
 * the visit times, the last visit, and the day a former regular would count as lapsed (indexed).
 * Pure: the data layer recomputes it in the same transaction as any change to the customer's
 * visits (src/db/visits/visit-summary.ts), and the schema upgrades use it too.
 */
import type { Customer, Visit } from '../model/types';
import { lapseStart, type StageRules } from './stages';

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

/** The summary fields of a customer row, with absent ones removed rather than set to undefined. */
export function withVisitSummary(customer: Customer, summary: VisitSummary): Customer {
  const { lastVisitAt: _last, lapseAt: _lapse, ...rest } = customer;
  const row: Customer = { ...rest, visitTimes: summary.visitTimes };
  if (summary.lastVisitAt !== undefined) row.lastVisitAt = summary.lastVisitAt;
  // A deleted card keeps no index entries: it must not show up as lapsed.
  if (summary.lapseAt !== undefined && !customer.deletedAt) row.lapseAt = summary.lapseAt;
  return row;
}
