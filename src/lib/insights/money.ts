/**
 * What the shop paid out for buy-ins and took in sales, month by month and by kind of goods.
 *
 * Two sources, never counted twice: the 古物台帳 (buy-in ledger) itemises its records by category,
 * so a recorded buy-in or sale counts there, line by line (a corrected record as corrected); every
 * other amount on a timeline (a purchase or buy-in noted at the counter with a price) has no
 * category and counts as "not itemised".
 */
import { dayNumber } from '../days';
import type { ItemCategory } from '../kobutsu-rules';
import { wholeYen } from '../yen';
import { monthOfDay, monthSlot, type InsightsPeriod, type Month } from './calendar';

export type MoneyKind = 'buy-in' | 'sale';

/** An amount noted on a timeline entry that does not stand for a ledger record. */
export interface TimelineAmount {
  kind: MoneyKind;
  at: number;
  amount: number;
}

/** A ledger record nothing has corrected: what the ledger currently says happened. */
export interface LedgerAmounts {
  kind: MoneyKind;
  at: number;
  items: readonly { category: ItemCategory; price: number }[];
}

export interface MoneyMonth {
  month: Month;
  total: number;
  byCategory: Partial<Record<ItemCategory, number>>;
  unitemised: number;
}

export interface MoneyFigures {
  months: MoneyMonth[];
  /** The period's months together, by category, largest first. */
  categories: { category: ItemCategory; amount: number }[];
  unitemised: number;
  total: number;
}

export function moneyByMonth(
  kind: MoneyKind,
  timeline: readonly TimelineAmount[],
  ledger: readonly LedgerAmounts[],
  period: InsightsPeriod,
  timeZone?: string,
): MoneyFigures {
  const months: MoneyMonth[] = period.months.map((month) => ({
    month,
    total: 0,
    byCategory: {},
    unitemised: 0,
  }));
  const slotOf = (at: number) => {
    const day = dayNumber(at, timeZone);
    return day > period.today ? -1 : monthSlot(period, monthOfDay(day));
  };
  for (const entry of timeline) {
    if (entry.kind !== kind) continue;
    const slot = slotOf(entry.at);
    if (slot < 0) continue;
    const amount = wholeYen(entry.amount);
    months[slot]!.unitemised += amount;
    months[slot]!.total += amount;
  }
  for (const record of ledger) {
    if (record.kind !== kind) continue;
    const slot = slotOf(record.at);
    if (slot < 0) continue;
    const row = months[slot]!;
    for (const item of record.items) {
      const amount = wholeYen(item.price);
      row.byCategory[item.category] = (row.byCategory[item.category] ?? 0) + amount;
      row.total += amount;
    }
  }
  const byCategory = new Map<ItemCategory, number>();
  for (const row of months) {
    for (const [category, amount] of Object.entries(row.byCategory) as [ItemCategory, number][]) {
      byCategory.set(category, (byCategory.get(category) ?? 0) + amount);
    }
  }
  const categories = [...byCategory]
    .filter(([, amount]) => amount > 0)
    .map(([category, amount]) => ({ category, amount }))
    .sort((a, b) => b.amount - a.amount || a.category.localeCompare(b.category));
  return {
    months,
    categories,
    unitemised: months.reduce((sum, row) => sum + row.unitemised, 0),
    total: months.reduce((sum, row) => sum + row.total, 0),
  };
}

/** A part of a month's total as a chart draws it: one category, the rest of them, or not itemised. */
export type MoneySeries =
  | { kind: 'category'; category: ItemCategory }
  | { kind: 'other-categories'; categories: ItemCategory[] }
  | { kind: 'unitemised' };

/**
 * The parts a chart shows, so a phone's chart stays readable: the largest categories by name,
 * the others together, and the amounts with no category. Only parts with money in them.
 */
export function moneySeries(figures: MoneyFigures, named = 4): MoneySeries[] {
  const series: MoneySeries[] = [];
  const shown = figures.categories.length <= named + 1 ? figures.categories.length : named;
  for (const { category } of figures.categories.slice(0, shown))
    series.push({ kind: 'category', category });
  const rest = figures.categories.slice(shown).map((c) => c.category);
  if (rest.length > 0) series.push({ kind: 'other-categories', categories: rest });
  if (figures.unitemised > 0) series.push({ kind: 'unitemised' });
  return series;
}

/** The amount of one part in one month. */
export function seriesAmount(row: MoneyMonth, series: MoneySeries): number {
  if (series.kind === 'unitemised') return row.unitemised;
  if (series.kind === 'category') return row.byCategory[series.category] ?? 0;
  return series.categories.reduce((sum, category) => sum + (row.byCategory[category] ?? 0), 0);
}
