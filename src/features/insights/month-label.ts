import { DAY_MS } from '../../lib/days';
import { firstDayOfMonth, type Month } from '../../lib/insights/calendar';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "Jun 2026" / "2026年6月": a calendar month as the language writes it. */
export function monthLabel(month: Month, language: string): string {
  let formatter = formatters.get(language);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language, {
      year: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
    formatters.set(language, formatter);
  }
  return formatter.format(firstDayOfMonth(month) * DAY_MS);
}

const percent = new Map<string, Intl.NumberFormat>();

/** A rate as a whole percentage, or a dash when there is none. */
export function formatRate(rate: number | undefined, language: string, none: string): string {
  if (rate === undefined) return none;
  let formatter = percent.get(language);
  if (!formatter) {
    formatter = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
    percent.set(language, formatter);
  }
  return formatter.format(rate);
}
