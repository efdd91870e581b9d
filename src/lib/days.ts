/**
 * Calendar days as the shop lives them. A visit at 23:30 and one at 00:30 are two days at the
 * counter even when they fall on one UTC date, so day arithmetic happens in a time zone: the
 * device's own by default (the shop's tablet sits in the shop), or a named one where a rule must
 * not depend on the device (tests, a server).
 *
 * A day is an integer: days since 1970-01-01 of the calendar date in that zone.
 */

export const DAY_MS = 86_400_000;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar date of a moment, as year, month (1–12) and day, in a zone or the device's. */
export function calendarDate(
  ms: number,
  timeZone?: string,
): { year: number; month: number; day: number } {
  if (!timeZone) {
    // Date's own getters use the device's zone and cost far less than Intl; lists call this a lot.
    const d = new Date(ms);
    return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
  }
  const parts = formatterFor(timeZone).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

export function dayNumber(ms: number, timeZone?: string): number {
  const { year, month, day } = calendarDate(ms, timeZone);
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** The first moment of a day (a day number) in the device's zone: what `dueAt` and range queries use. */
export function startOfDayNumber(day: number): number {
  const d = new Date(day * DAY_MS);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()).getTime();
}

/** Midnight at the start of the moment's day, in the device's zone. */
export function startOfDay(ms: number): number {
  return startOfDayNumber(dayNumber(ms));
}

/** Midnight `days` calendar days later (daylight-saving safe: counts dates, not 24-hour blocks). */
export function addDays(ms: number, days: number): number {
  return startOfDayNumber(dayNumber(ms) + days);
}

/** The day number of a calendar date written YYYY-MM-DD. */
export function dayOfIsoDate(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (d.getUTCMonth() !== Number(m[2]) - 1) return undefined;
  return Math.round(ms / DAY_MS);
}

/** YYYY-MM-DD of a day number: the value an <input type="date"> shows. */
export function isoDateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
