/**
 * The stretch of time the owner's insights look at, in calendar days of the shop (see days.ts):
 * "the last 12 months" for counts (the day after the same date a year ago through today), and the
 * 12 calendar months up to and including this one for the monthly charts (this month so far).
 *
 * A month is one integer, year × 12 + month index (0–11), so months compare and subtract like
 * numbers across a new year.
 */
import { DAY_MS } from '../days';

export type Month = number;

export const INSIGHT_MONTHS = 12;

/** The month a calendar day (a day number) falls in. */
export function monthOfDay(day: number): Month {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The first day (a day number) of a month. */
export function firstDayOfMonth(month: Month): number {
  return Math.round(Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY_MS);
}

/** The calendar year and month (1–12) of a month, for labels. */
export function yearMonthOf(month: Month): { year: number; month: number } {
  return { year: Math.floor(month / 12), month: (month % 12) + 1 };
}

/** "2026-03": a stable key for a month (tables, tests). */
export function monthKey(month: Month): string {
  const { year, month: m } = yearMonthOf(month);
  return `${year}-${String(m).padStart(2, '0')}`;
}

export interface InsightsPeriod {
  /** Today's day number. */
  today: number;
  /** The first day of "the last 12 months": the day after the same date a year ago. */
  yearStart: number;
  /** The calendar months of the charts, oldest first; the last is today's month. */
  months: Month[];
  /** The earliest day any figure reads: where the range queries start. */
  firstDay: number;
}

/** The period the insights cover, seen from `today` (a day number). */
export function insightsPeriod(today: number, count = INSIGHT_MONTHS): InsightsPeriod {
  const d = new Date(today * DAY_MS);
  // Date.UTC rolls 29 February of a year without one over to 1 March: a year back is then 365 days.
  const sameDateLastYear = Math.round(
    Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate()) / DAY_MS,
  );
  const yearStart = sameDateLastYear + 1;
  const current = monthOfDay(today);
  const months = Array.from({ length: count }, (_, i) => current - count + 1 + i);
  return { today, yearStart, months, firstDay: Math.min(yearStart, firstDayOfMonth(months[0]!)) };
}

/**
 * Where a month falls among the period's months (0 for the oldest), or -1 outside them. Months
 * are consecutive, so this is a subtraction.
 */
export function monthSlot(period: InsightsPeriod, month: Month): number {
  const slot = month - period.months[0]!;
  return slot >= 0 && slot < period.months.length ? slot : -1;
}
