// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../days';
import { DEFAULT_STAGE_RULES } from '../stages';
import { insightsPeriod, monthKey } from './calendar';
import {
  relationshipInsights,
  visitDaysUpTo,
  visitorStageOn,
  type CustomerHistory,
} from './relationships';

const TOKYO = 'Asia/Tokyo';
/** Noon in Tokyo on a calendar date. */
const at = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 3);
const day = (y: number, m: number, d: number) => dayNumber(at(y, m, d), TOKYO);
/** The owner looks after closing on 15 June 2026. */
const period = insightsPeriod(day(2026, 6, 15));
const rules = DEFAULT_STAGE_RULES;

function insights(
  customers: CustomerHistory[],
  thanks: { customerId: string; closedAt: number }[] = [],
) {
  return relationshipInsights(customers, thanks, period, rules, TOKYO);
}

describe('two-way relationships over the last 12 months', () => {
  it('counts the customers who came on two or more days as two-way, and the repeat rate among all who came', () => {
    const { twoWay } = insights([
      { id: 'sato', visitTimes: [at(2026, 1, 10), at(2026, 3, 1)] },
      { id: 'suzuki', visitTimes: [at(2026, 2, 1)] },
      // Twice on one day is one visit day.
      { id: 'tanaka', visitTimes: [at(2026, 4, 2), at(2026, 4, 2) + 3_600_000] },
      // Came often, but only once in the last 12 months.
      { id: 'ito', visitTimes: [at(2024, 1, 1), at(2025, 6, 10), at(2025, 6, 20)] },
      // Not since last year's same date: counted nowhere.
      { id: 'kato', visitTimes: [at(2025, 6, 15)] },
    ]);
    expect(twoWay.visited).toBe(4);
    expect(twoWay.twoWay).toBe(1);
    expect(twoWay.repeatRate).toBeCloseTo(1 / 4);
  });

  it('leaves the repeat rate out when nobody came, rather than dividing by nothing', () => {
    const { twoWay } = insights([]);
    expect(twoWay).toEqual({ visited: 0, twoWay: 0, thanked: 0, backAfterThanks: 0 });
    expect(twoWay.repeatRate).toBeUndefined();
  });

  it('does not count a visit dated after today (a typo) yet', () => {
    const { twoWay } = insights([{ id: 'sato', visitTimes: [at(2026, 6, 1), at(2026, 7, 1)] }]);
    expect(twoWay.visited).toBe(1);
    expect(twoWay.twoWay).toBe(0);
  });

  it('counts who came back on a later day than their thank-you, and everyone thanked, even those never back', () => {
    const { twoWay } = insights(
      [
        { id: 'sato', visitTimes: [at(2026, 1, 10), at(2026, 3, 1)] },
        { id: 'suzuki', visitTimes: [at(2026, 2, 1)] },
        // Thanked on the day of the second visit: that visit came before the thanks.
        { id: 'tanaka', visitTimes: [at(2026, 4, 1), at(2026, 4, 20)] },
      ],
      [
        { customerId: 'sato', closedAt: at(2026, 1, 11) },
        { customerId: 'sato', closedAt: at(2026, 3, 2) },
        { customerId: 'suzuki', closedAt: at(2026, 2, 2) },
        { customerId: 'tanaka', closedAt: at(2026, 4, 20) },
        // Thanked, and not seen in the period at all.
        { customerId: 'watanabe', closedAt: at(2026, 5, 1) },
        // Thanked before the last 12 months: not this year's figure.
        { customerId: 'yamada', closedAt: at(2025, 5, 1) },
      ],
    );
    expect(twoWay.thanked).toBe(4);
    expect(twoWay.backAfterThanks).toBe(1);
  });
});

describe('first → second visit within 90 days, by month of the first visit', () => {
  it('counts a second visit within 90 days as converted, later ones as not, and those still inside their 90 days as waiting', () => {
    const { cohorts } = insights([
      { id: 'a', visitTimes: [at(2026, 1, 10), at(2026, 4, 10)] }, // 90 days: converted
      { id: 'b', visitTimes: [at(2026, 1, 20), at(2026, 4, 21)] }, // 91 days: not
      { id: 'c', visitTimes: [at(2026, 1, 25)] }, // never back
      { id: 'd', visitTimes: [at(2026, 6, 1)] }, // first visit two weeks ago: waiting
      { id: 'e', visitTimes: [at(2026, 6, 2), at(2026, 6, 9)] }, // already back
      { id: 'f', visitTimes: [at(2024, 3, 1), at(2026, 1, 5)] }, // first visit before the period
    ]);
    const byMonth = Object.fromEntries(cohorts.map((row) => [monthKey(row.month), row]));
    expect(cohorts.map((row) => monthKey(row.month))).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(byMonth['2026-01']).toMatchObject({ firstVisits: 3, returned: 1, waiting: 0 });
    expect(byMonth['2026-01']!.rate).toBeCloseTo(1 / 3);
    expect(byMonth['2026-06']).toMatchObject({ firstVisits: 2, returned: 1, waiting: 1, rate: 1 });
    expect(byMonth['2026-03']).toMatchObject({ firstVisits: 0, returned: 0, waiting: 0 });
    expect(byMonth['2026-03']!.rate).toBeUndefined();
  });
});

describe('stage mix: where each month’s visitors stood when they came', () => {
  it('sorts each visitor once a month into new, occasional, regular or back after a lapse', () => {
    const { visitorMix } = insights([
      // New in March, occasional in April, regular in May.
      { id: 'sato', visitTimes: [at(2026, 3, 1), at(2026, 4, 1), at(2026, 5, 1)] },
      // New in March, twice that month: counted once.
      { id: 'suzuki', visitTimes: [at(2026, 3, 5), at(2026, 3, 20)] },
      // A regular of 2024 who lapsed and came back in April 2026.
      { id: 'ito', visitTimes: [at(2024, 1, 1), at(2024, 2, 1), at(2024, 3, 1), at(2026, 4, 15)] },
    ]);
    const byMonth = Object.fromEntries(
      visitorMix.map(({ month, ...mix }) => [monthKey(month), mix]),
    );
    expect(byMonth['2026-03']).toEqual({ new: 2, occasional: 0, regular: 0, returned: 0 });
    expect(byMonth['2026-04']).toEqual({ new: 0, occasional: 1, regular: 0, returned: 1 });
    expect(byMonth['2026-05']).toEqual({ new: 0, occasional: 0, regular: 1, returned: 0 });
    expect(byMonth['2026-02']).toEqual({ new: 0, occasional: 0, regular: 0, returned: 0 });
  });

  it('gives the stage on the visit day with that visit counted', () => {
    const days = [day(2026, 1, 1), day(2026, 2, 1), day(2026, 3, 1)];
    expect(visitorStageOn(days, 0, rules)).toBe('new');
    expect(visitorStageOn(days, 1, rules)).toBe('occasional');
    expect(visitorStageOn(days, 2, rules)).toBe('regular');
  });
});

describe('visit days', () => {
  it('reads times out of order (a row from an older version) as sorted days', () => {
    const days = visitDaysUpTo(
      [at(2026, 3, 1), at(2026, 1, 1), at(2026, 3, 1) + 1000],
      day(2026, 6, 15),
      TOKYO,
    );
    expect(days).toEqual([day(2026, 1, 1), day(2026, 3, 1)]);
  });

  it('counts calendar days in the shop’s zone: 23:30 and 00:30 are two days at the counter', () => {
    const lateEvening = Date.UTC(2026, 2, 1, 14, 30); // 23:30 in Tokyo
    const afterMidnight = Date.UTC(2026, 2, 1, 15, 30); // 00:30 the next day
    expect(visitDaysUpTo([lateEvening, afterMidnight], day(2026, 6, 15), TOKYO)).toHaveLength(2);
  });
});
