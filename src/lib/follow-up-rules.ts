/**
 * When the app suggests a follow-up by itself. Follow-ups are a to-do list for people, kept apart
 * from promotions: a thank-you after a first purchase or buy-in, a greeting in the birthday week
 * (only for customers who agreed to be contacted), and a nudge when a regular has lapsed.
 *
 * Days are calendar day numbers (see days.ts).
 */
import { isoDateOfDay } from './days';

/** A thank-you is suggested for a first purchase or buy-in recorded within this many days. */
export const THANK_YOU_LOOKBACK_DAYS = 7;
/** A birthday greeting appears this many days before the birthday (the birthday week). */
export const BIRTHDAY_LEAD_DAYS = 6;
/** Nudges are suggested for regulars who lapsed within this many days, not for the long-gone. */
export const LAPSED_LOOKBACK_DAYS = 30;

export const THANK_YOU_VISIT_KINDS: ReadonlySet<string> = new Set(['purchase', 'buy-in']);

/** Due the day after the visit. */
export function thankYouDueDay(visitDay: number): number {
  return visitDay + 1;
}

/** "05-17" for a birthday stored as 1978-05-17 or --05-17: what the birthday index holds. */
export function birthdayMonthDay(birthday: string | undefined): string | undefined {
  const m = /^(?:\d{4}|-)-(\d{2})-(\d{2})$/.exec(birthday ?? '');
  return m ? `${m[1]}-${m[2]}` : undefined;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The day of a month-day in a given year; 29 February is kept on the 28th in other years. */
function dayOfMonthDayIn(year: number, monthDay: string): number {
  const [month, day] = monthDay.split('-').map(Number) as [number, number];
  const d = month === 2 && day === 29 && !isLeapYear(year) ? 28 : day;
  return Math.round(Date.UTC(year, month - 1, d) / 86_400_000);
}

/** The next birthday on or after `fromDay`. */
export function nextBirthdayDay(monthDay: string, fromDay: number): number {
  const year = Number(isoDateOfDay(fromDay).slice(0, 4));
  const thisYear = dayOfMonthDayIn(year, monthDay);
  return thisYear >= fromDay ? thisYear : dayOfMonthDayIn(year + 1, monthDay);
}

/**
 * The month-day ranges (inclusive) covering `count` days from `fromDay`, split at the new year so
 * each is one index range: 28 Dec for 7 days → ["12-28", "12-31"] and ["01-01", "01-03"].
 * 29 February is included whenever 28 February is, so leap-day birthdays are never skipped.
 */
export function monthDayRanges(fromDay: number, count: number): [string, string][] {
  const ranges: [string, string][] = [];
  let start: string | undefined;
  let previous: string | undefined;
  for (let day = fromDay; day < fromDay + count; day++) {
    const md = isoDateOfDay(day).slice(5);
    if (start === undefined) start = md;
    else if (md < previous!) {
      ranges.push([start, previous!]);
      start = md;
    }
    previous = md;
  }
  if (start !== undefined) ranges.push([start, previous!]);
  return ranges.map(([a, b]) => [a, b === '02-28' ? '02-29' : b]);
}

/** The birthday greeting is due at the start of the birthday week, or today if that has passed. */
export function birthdayDueDay(birthdayDay: number, today: number): number {
  return Math.max(today, birthdayDay - BIRTHDAY_LEAD_DAYS);
}
