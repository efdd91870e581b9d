/**
 * How the shop's relationships grow, from each customer's own visit days (the `visitTimes` their
 * card keeps): two-way relationships, who came back after a thank-you, first visits that became
 * a second within 90 days, and the stage each month's visitors were at.
 *
 * Visits count as calendar days in the shop's time zone, as stages do (stages.ts); visits dated
 * after today (a typo) do not count yet.
 */
import { dayNumber } from '../days';
import { lapseDay, visitDays, type StageRules } from '../stages';
import {
  firstDayOfMonth,
  monthOfDay,
  monthSlot,
  type InsightsPeriod,
  type Month,
} from './calendar';

/** A first visit "converts" when the second visit day comes within this many days. */
export const SECOND_VISIT_DAYS = 90;

export interface CustomerHistory {
  id: string;
  /** Every visit (contacts excluded), as the card keeps them. */
  visitTimes: readonly number[];
}

export interface ThanksDone {
  customerId: string;
  /** When the thank-you was marked done. */
  closedAt: number;
}

export interface TwoWayFigures {
  /** Customers who came on at least one day in the last 12 months. */
  visited: number;
  /** Of them, those who came on two or more days: the shop's two-way relationships. */
  twoWay: number;
  /** twoWay / visited; absent when nobody came. */
  repeatRate?: number;
  /** Customers thanked (a thank-you marked done) in the last 12 months. */
  thanked: number;
  /** Of them, those who came again on a later day than the thank-you. */
  backAfterThanks: number;
}

export interface CohortRow {
  /** The month of the first visit. */
  month: Month;
  firstVisits: number;
  /** Came a second day within 90 days of the first. */
  returned: number;
  /** Not back yet, with some of their 90 days still to come. */
  waiting: number;
  /** returned / (firstVisits − waiting): of those whose outcome is known; absent when none is. */
  rate?: number;
}

/**
 * Where a visitor stood when they came in a month (their first visit day of that month):
 * their first visit ever, an occasional or a regular customer, or back after having lapsed.
 */
export const VISITOR_STAGES = ['new', 'occasional', 'regular', 'returned'] as const;
export type VisitorStage = (typeof VISITOR_STAGES)[number];

export type VisitorMixRow = { month: Month } & Record<VisitorStage, number>;

export interface RelationshipInsights {
  twoWay: TwoWayFigures;
  cohorts: CohortRow[];
  visitorMix: VisitorMixRow[];
}

/**
 * The stage of a customer on the day of their visit `days[index]`, with that visit counted: the
 * rules of stages.ts, except that someone who had lapsed before the visit "returned".
 */
export function visitorStageOn(
  days: readonly number[],
  index: number,
  rules: StageRules,
): VisitorStage {
  if (index === 0) return 'new';
  const day = days[index]!;
  // A lapse day is at least lapseMinDays after the last visit: a shorter gap settles it cheaply.
  if (day - days[index - 1]! >= rules.lapseMinDays) {
    const lapse = lapseDay(days.slice(0, index), rules);
    if (lapse !== undefined && day >= lapse) return 'returned';
  }
  const windowStart = day - rules.regularWindowDays + 1;
  let recent = 0;
  for (let i = index; i >= 0 && days[i]! >= windowStart; i--) recent++;
  return recent >= rules.regularMinVisits ? 'regular' : 'occasional';
}

/**
 * Distinct visit days up to today, oldest first. A card keeps its visit times sorted, so this is
 * one pass; times out of order (a row from an older version, say) are sorted first.
 */
export function visitDaysUpTo(
  times: readonly number[],
  today: number,
  timeZone?: string,
): number[] {
  const days: number[] = [];
  let previous = -Infinity;
  for (const time of times) {
    if (!(time >= previous)) return visitDays(times, timeZone).filter((day) => day <= today);
    previous = time;
    const day = dayNumber(time, timeZone);
    if (day > today) break;
    if (day !== days[days.length - 1]) days.push(day);
  }
  return days;
}

/** The slot of a day among the period's months (see monthSlot), without making a Date per day. */
function daySlots(period: InsightsPeriod): (day: number) => number {
  const starts = [
    ...period.months.map(firstDayOfMonth),
    firstDayOfMonth(period.months[period.months.length - 1]! + 1),
  ];
  return (day) => {
    if (day < starts[0]! || day >= starts[starts.length - 1]!) return -1;
    let slot = starts.length - 2;
    while (day < starts[slot]!) slot--;
    return slot;
  };
}

/** The earliest thank-you done within the last 12 months, per customer. */
function firstThanksInYear(
  thanks: readonly ThanksDone[],
  period: InsightsPeriod,
  timeZone: string | undefined,
): Map<string, number> {
  const byCustomer = new Map<string, number>();
  for (const { customerId, closedAt } of thanks) {
    const day = dayNumber(closedAt, timeZone);
    if (day < period.yearStart || day > period.today) continue;
    const earlier = byCustomer.get(customerId);
    if (earlier === undefined || day < earlier) byCustomer.set(customerId, day);
  }
  return byCustomer;
}

/**
 * One pass over the customers who came since the period's first day (anyone else may be given
 * too: they count nowhere). `thanks` may name customers who are not among them (thanked, never
 * back): they count as thanked.
 */
export function relationshipInsights(
  customers: readonly CustomerHistory[],
  thanks: readonly ThanksDone[],
  period: InsightsPeriod,
  rules: StageRules,
  timeZone?: string,
): RelationshipInsights {
  const { today, yearStart } = period;
  const cohorts: CohortRow[] = period.months.map((month) => ({
    month,
    firstVisits: 0,
    returned: 0,
    waiting: 0,
  }));
  const visitorMix: VisitorMixRow[] = period.months.map((month) => ({
    month,
    new: 0,
    occasional: 0,
    regular: 0,
    returned: 0,
  }));
  const mixFrom = firstDayOfMonth(period.months[0]!);
  const slotOfDay = daySlots(period);
  const thankedOn = firstThanksInYear(thanks, period, timeZone);
  let visited = 0;
  let twoWay = 0;
  let backAfterThanks = 0;

  for (const customer of customers) {
    const days = visitDaysUpTo(customer.visitTimes, today, timeZone);
    const count = days.length;
    if (count === 0) continue;
    const last = days[count - 1]!;

    let inYear = 0;
    for (let i = count - 1; i >= 0 && days[i]! >= yearStart; i--) inYear++;
    if (inYear >= 1) visited++;
    if (inYear >= 2) twoWay++;

    const thankedDay = thankedOn.get(customer.id);
    if (thankedDay !== undefined && last > thankedDay) backAfterThanks++;

    const first = days[0]!;
    const cohort = monthSlot(period, monthOfDay(first));
    if (cohort >= 0) {
      const row = cohorts[cohort]!;
      row.firstVisits++;
      const second = days[1];
      if (second !== undefined && second - first <= SECOND_VISIT_DAYS) row.returned++;
      else if (today - first <= SECOND_VISIT_DAYS) row.waiting++;
    }

    for (let i = count - 1; i >= 0 && days[i]! >= mixFrom; i--) {
      // Only a month's first visit day counts: the stage the visitor came in with that month.
      const slot = slotOfDay(days[i]!);
      if (i > 0 && slotOfDay(days[i - 1]!) === slot) continue;
      if (slot >= 0) visitorMix[slot]![visitorStageOn(days, i, rules)]++;
    }
  }

  for (const row of cohorts) {
    const known = row.firstVisits - row.waiting;
    if (known > 0) row.rate = row.returned / known;
  }
  const figures: TwoWayFigures = { visited, twoWay, thanked: thankedOn.size, backAfterThanks };
  if (visited > 0) figures.repeatRate = twoWay / visited;
  return { twoWay: figures, cohorts, visitorMix };
}
