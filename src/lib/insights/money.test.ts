// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../days';
import { insightsPeriod, monthKey } from './calendar';
import {
  moneyByMonth,
  moneySeries,
  seriesAmount,
  type LedgerAmounts,
  type TimelineAmount,
} from './money';

const TOKYO = 'Asia/Tokyo';
const at = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 3);
const period = insightsPeriod(dayNumber(at(2026, 6, 15), TOKYO));

describe('buy-in and sale totals by month and category', () => {
  const timeline: TimelineAmount[] = [
    { kind: 'sale', at: at(2026, 5, 3), amount: 3_000 },
    { kind: 'buy-in', at: at(2026, 5, 4), amount: 1_000 },
    { kind: 'sale', at: at(2025, 6, 30), amount: 99_999 }, // before the chart's first month
    { kind: 'sale', at: at(2026, 7, 1), amount: 88_888 }, // dated after today
  ];
  const ledger: LedgerAmounts[] = [
    {
      kind: 'buy-in',
      at: at(2026, 5, 10),
      items: [
        { category: 'art', price: 20_000 },
        { category: 'clothing', price: 5_000 },
      ],
    },
    { kind: 'buy-in', at: at(2026, 6, 1), items: [{ category: 'art', price: 12_000 }] },
    { kind: 'sale', at: at(2026, 6, 2), items: [{ category: 'watch-jewellery', price: 40_000 }] },
  ];

  it('adds the ledger line by line under its category and counter amounts as not itemised, each in its month', () => {
    const buyIns = moneyByMonth('buy-in', timeline, ledger, period, TOKYO);
    const byMonth = Object.fromEntries(buyIns.months.map((row) => [monthKey(row.month), row]));
    expect(byMonth['2026-05']).toEqual({
      month: byMonth['2026-05']!.month,
      total: 26_000,
      byCategory: { art: 20_000, clothing: 5_000 },
      unitemised: 1_000,
    });
    expect(byMonth['2026-06']!.byCategory).toEqual({ art: 12_000 });
    expect(buyIns.categories).toEqual([
      { category: 'art', amount: 32_000 },
      { category: 'clothing', amount: 5_000 },
    ]);
    expect(buyIns.total).toBe(38_000);
    expect(buyIns.unitemised).toBe(1_000);
  });

  it('keeps sales apart from buy-ins and leaves out amounts outside the months or after today', () => {
    const sales = moneyByMonth('sale', timeline, ledger, period, TOKYO);
    expect(sales.total).toBe(43_000);
    expect(sales.categories).toEqual([{ category: 'watch-jewellery', amount: 40_000 }]);
  });

  it('counts a damaged amount (a fraction, negative, not a number) as nothing instead of spoiling the total', () => {
    const sales = moneyByMonth(
      'sale',
      [
        { kind: 'sale', at: at(2026, 5, 3), amount: Number.NaN },
        { kind: 'sale', at: at(2026, 5, 3), amount: -500 },
        { kind: 'sale', at: at(2026, 5, 3), amount: 10.5 },
        { kind: 'sale', at: at(2026, 5, 3), amount: 700 },
      ],
      [
        {
          kind: 'sale',
          at: at(2026, 5, 3),
          items: [{ category: 'books', price: Number.POSITIVE_INFINITY }],
        },
      ],
      period,
      TOKYO,
    );
    expect(sales.total).toBe(700);
    expect(sales.categories).toEqual([]);
  });
});

describe('the parts a chart shows', () => {
  it('names the largest categories, puts the rest together and adds the not-itemised amounts', () => {
    const ledger: LedgerAmounts[] = [
      {
        kind: 'sale',
        at: at(2026, 6, 1),
        items: [
          { category: 'art', price: 500 },
          { category: 'books', price: 400 },
          { category: 'camera', price: 300 },
          { category: 'tools', price: 200 },
        ],
      },
    ];
    const figures = moneyByMonth(
      'sale',
      [{ kind: 'sale', at: at(2026, 6, 1), amount: 50 }],
      ledger,
      period,
      TOKYO,
    );
    const series = moneySeries(figures, 2);
    expect(series).toEqual([
      { kind: 'category', category: 'art' },
      { kind: 'category', category: 'books' },
      { kind: 'other-categories', categories: ['camera', 'tools'] },
      { kind: 'unitemised' },
    ]);
    const june = figures.months[figures.months.length - 1]!;
    expect(series.map((s) => seriesAmount(june, s))).toEqual([500, 400, 500, 50]);
  });

  it('names one more category rather than a lone "other"', () => {
    const ledger: LedgerAmounts[] = [
      {
        kind: 'sale',
        at: at(2026, 6, 1),
        items: [
          { category: 'art', price: 5 },
          { category: 'books', price: 4 },
        ],
      },
    ];
    const series = moneySeries(moneyByMonth('sale', [], ledger, period, TOKYO), 1);
    expect(series).toEqual([
      { kind: 'category', category: 'art' },
      { kind: 'category', category: 'books' },
    ]);
  });
});
