// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { dayNumber } from './days';
import {
  DEFAULT_STAGE_RULES,
  invalidStageRules,
  lapseDay,
  lapseStart,
  medianGap,
  stageOf,
  stageTimes,
  visitDays,
  visitStage,
  wasEverRegular,
  type StageRules,
} from './stages';

const TOKYO = 'Asia/Tokyo';
const rules = DEFAULT_STAGE_RULES;
/** Noon in Tokyo on 15 June 2026: the evening review's "today". */
const now = Date.UTC(2026, 5, 15, 3, 0);
/** Noon in Tokyo, `n` days before `now`. */
const daysAgo = (n: number) => now - n * 86_400_000;
const stage = (times: number[], extra: Partial<StageRules> = {}) =>
  visitStage(times, { now, rules: { ...rules, ...extra }, timeZone: TOKYO });

describe('counting visits as days at the counter', () => {
  it('counts a purchase and a note on the same day as one visit', () => {
    const morning = Date.UTC(2026, 5, 1, 1, 0);
    const evening = Date.UTC(2026, 5, 1, 10, 0);
    expect(visitDays([evening, morning, morning], TOKYO)).toHaveLength(1);
    expect(stage([morning, evening])).toBe('first-time');
  });

  it('splits days at midnight in the shop’s time zone, not in UTC', () => {
    // 23:30 and 00:30 in Tokyo: one UTC date (14:30 and 15:30 UTC), two days in the shop.
    const lateNight = Date.UTC(2026, 5, 1, 14, 30);
    const afterMidnight = Date.UTC(2026, 5, 1, 15, 30);
    expect(visitDays([lateNight, afterMidnight], TOKYO)).toHaveLength(2);
    expect(visitDays([lateNight, afterMidnight], 'UTC')).toHaveLength(1);
    // 08:00 and 10:00 in Tokyo fall on two UTC dates but are one day in the shop.
    const early = Date.UTC(2026, 5, 1, 23, 0);
    const morning = Date.UTC(2026, 5, 2, 1, 0);
    expect(visitDays([early, morning], TOKYO)).toHaveLength(1);
    expect(visitDays([early, morning], 'UTC')).toHaveLength(2);
  });

  it('gives the same stage to the same visits whichever time zone the shop is in', () => {
    const weekly = [21, 14, 7].map(daysAgo);
    for (const timeZone of [TOKYO, 'UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      expect(visitStage(weekly, { now, rules, timeZone }), timeZone).toBe('regular');
    }
  });

  it('does not count a visit dated in the future yet', () => {
    expect(stage([daysAgo(3), daysAgo(-2)])).toBe('first-time');
    expect(stage([daysAgo(-1)])).toBe('none');
  });
});

describe('the stage of a customer', () => {
  it('says "No visits yet" before the first visit', () => {
    expect(stage([])).toBe('none');
  });

  it('calls one visit "First-time", however long ago it was', () => {
    expect(stage([daysAgo(0)])).toBe('first-time');
    expect(stage([daysAgo(2000)])).toBe('first-time');
  });

  it('calls a few visits without rhythm "Occasional"', () => {
    expect(stage([daysAgo(100), daysAgo(10)])).toBe('occasional');
    // Three visits, but spread over more than 180 days.
    expect(stage([daysAgo(400), daysAgo(200), daysAgo(10)])).toBe('occasional');
  });

  it('calls three visits within the last 180 days "Regular"', () => {
    expect(stage([daysAgo(170), daysAgo(90), daysAgo(5)])).toBe('regular');
    expect(stage([daysAgo(179), daysAgo(100), daysAgo(1)]), 'the window includes today').toBe(
      'regular',
    );
    expect(stage([daysAgo(180), daysAgo(100), daysAgo(1)]), 'day 180 ago is outside').toBe(
      'occasional',
    );
  });

  it('counts a visit recorded today for a past date on the day it happened', () => {
    // Copied from the paper ledger today: the visits happened last year, so they are not recent.
    expect(stage([daysAgo(400), daysAgo(390), daysAgo(380)])).toBe('lapsed');
    expect(stage([daysAgo(400), daysAgo(390)])).toBe('occasional');
  });

  it('calls a regular "Lapsed" once the silence is well beyond their own rhythm', () => {
    // Every 20 days, then silence: lapsed after more than 3 × 20 = 60 days and at least 60 days.
    const monthly = [140, 120, 100, 80].map((n) => n);
    expect(stage(monthly.map((n) => daysAgo(n - 20)))).toBe('regular'); // last visit 60 days ago
    expect(stage(monthly.map((n) => daysAgo(n - 19)))).toBe('lapsed'); // 61 days ago
  });

  it('waits at least 60 days before calling a frequent regular lapsed', () => {
    // Weekly visitors: 3 × 7 = 21 days would be too hasty; the 60-day floor applies.
    const weekly = (lastAgo: number) => [lastAgo + 14, lastAgo + 7, lastAgo].map(daysAgo);
    expect(stage(weekly(59))).toBe('regular');
    expect(stage(weekly(60))).toBe('lapsed');
  });

  it('measures lapse by each customer’s own interval', () => {
    // Comes every 50 days; 100 days of silence is normal for them (3 × 50 = 150).
    const slow = [daysAgo(200), daysAgo(150), daysAgo(100)];
    expect(stage(slow)).not.toBe('lapsed');
    expect(stage([daysAgo(251), daysAgo(201), daysAgo(151)])).toBe('lapsed');
  });

  it('copes with very irregular customers by using the median gap', () => {
    // Gaps of 2, 3, 150 and 5 days: the median (4) describes them better than the mean (40).
    const days = [0, 2, 5, 155, 160];
    const times = days.map((d) => daysAgo(300 - d));
    expect(medianGap(visitDays(times, TOKYO))).toBe(4);
    // Last visit 140 days ago: beyond both 3 × 4 days and 60 days.
    expect(stage(times)).toBe('lapsed');
    // The same rhythm, last visit 50 days ago: not lapsed yet, and not 3 visits within 180 days.
    expect(stage(days.map((d) => daysAgo(210 - d)))).toBe('occasional');
  });

  it('welcomes a lapsed regular back as a regular when they return', () => {
    const returned = [daysAgo(300), daysAgo(290), daysAgo(280), daysAgo(0)];
    expect(stage(returned)).toBe('occasional');
    expect(stage([...returned, daysAgo(1), daysAgo(2)])).toBe('regular');
  });

  it('follows the owner’s thresholds', () => {
    const visits = [daysAgo(50), daysAgo(10)];
    expect(stage(visits)).toBe('occasional');
    expect(stage(visits, { regularMinVisits: 2 })).toBe('regular');
    expect(stage([daysAgo(300), daysAgo(200), daysAgo(100)], { regularWindowDays: 365 })).toBe(
      'regular',
    );
    const weekly = [daysAgo(84), daysAgo(77), daysAgo(70)];
    expect(stage(weekly)).toBe('lapsed');
    expect(stage(weekly, { lapseMinDays: 90 })).toBe('regular');
    // 70 days of silence against a 7-day rhythm: lapsed above 9 × 7 + 1 = 64 days, not at 10 × 7 + 1.
    expect(stage(weekly, { lapseMinDays: 30, lapseFactor: 9 })).toBe('lapsed');
    expect(stage(weekly, { lapseMinDays: 30, lapseFactor: 10 })).toBe('regular');
  });

  it('shows "Referrer" alongside the visit stage', () => {
    expect(stageOf([daysAgo(3)], { now, rules, timeZone: TOKYO, referredCount: 2 })).toEqual({
      visit: 'first-time',
      referrer: true,
    });
    expect(stageOf([], { now, rules, timeZone: TOKYO, referredCount: 0 })).toEqual({
      visit: 'none',
      referrer: false,
    });
    expect(stageOf([], { now, rules, timeZone: TOKYO })).toEqual({
      visit: 'none',
      referrer: false,
    });
  });
});

describe('the day a regular turns lapsed', () => {
  it('is the last visit plus the longer of 60 days and just over 3 × the median gap', () => {
    const days = [100, 110, 120];
    expect(lapseDay(days, rules)).toBe(180);
    expect(lapseDay([100, 130, 160], rules)).toBe(160 + 91);
    expect(lapseDay([100, 130, 145, 150], rules)).toBe(150 + 60); // median 15 → 46 < 60
  });

  it('does not exist for someone who was never a regular', () => {
    expect(lapseDay([], rules)).toBeUndefined();
    expect(lapseDay([100], rules)).toBeUndefined();
    expect(lapseDay([100, 300, 500], rules)).toBeUndefined();
    // 180 days counted inclusively: day 100 to day 279.
    expect(wasEverRegular([100, 200, 279], rules)).toBe(true);
    expect(wasEverRegular([100, 200, 280], rules)).toBe(false);
  });

  it('agrees with the stage on which day it happens', () => {
    // Median gap 5 days, so the 60-day floor decides: the last visit was exactly 60 days ago.
    const times = [daysAgo(70), daysAgo(65), daysAgo(60)];
    const day = lapseDay(visitDays(times, TOKYO), rules)!;
    const today = dayNumber(now, TOKYO);
    expect(day - today).toBe(0);
    expect(stage(times)).toBe('lapsed');
    expect(visitStage(times, { now: daysAgo(1), rules, timeZone: TOKYO })).toBe('regular');
  });
});

describe('the owner’s thresholds', () => {
  it('accept the defaults and refuse nonsense', () => {
    expect(invalidStageRules(rules)).toEqual([]);
    expect(
      invalidStageRules({
        regularMinVisits: 1,
        regularWindowDays: 2.5,
        lapseFactor: Number.NaN,
        lapseMinDays: 0,
      }),
    ).toEqual(['regularMinVisits', 'regularWindowDays', 'lapseFactor', 'lapseMinDays']);
    expect(invalidStageRules({ ...rules, lapseFactor: 2.5 })).toEqual([]);
  });
});

describe('visits a POS counted before the card was imported', () => {
  const withEarlier = (times: number[], earlier: Parameters<typeof stageTimes>[1]) =>
    visitStage(times, { now, rules, timeZone: TOKYO, earlier });

  it('calls an imported regular "Regular", not new: 24 visits over the last five months', () => {
    expect(withEarlier([], { count: 24, firstAt: daysAgo(150), lastAt: daysAgo(5) })).toBe('regular');
  });

  it('places the visits known only by count evenly between the first and the last, and nowhere else', () => {
    const times = stageTimes([], { count: 5, firstAt: daysAgo(40), lastAt: daysAgo(0) });
    expect(times).toEqual([daysAgo(40), daysAgo(30), daysAgo(20), daysAgo(10), daysAgo(0)]);
    // The timeline's own visits come along, in order.
    expect(stageTimes([daysAgo(35)], { count: 2, firstAt: daysAgo(40), lastAt: daysAgo(0) })).toEqual([daysAgo(40), daysAgo(35), daysAgo(0)]);
  });

  it('spreads them from the day the customer registered there when the first visit is not known', () => {
    expect(stageTimes([], { count: 3, lastAt: daysAgo(0), since: daysAgo(90) })).toEqual([daysAgo(60), daysAgo(30), daysAgo(0)]);
    expect(withEarlier([], { count: 12, lastAt: daysAgo(3), since: daysAgo(170) })).toBe('regular');
  });

  it('still counts them when only the count and the last visit are known: occasional, not first-time', () => {
    expect(stageTimes([], { count: 30, lastAt: daysAgo(3) })).toEqual([daysAgo(3)]);
    expect(withEarlier([], { count: 30, lastAt: daysAgo(3) })).toBe('occasional');
    expect(withEarlier([], { count: 2 })).toBe('occasional');
  });

  it('is first-time for one visit and no visits yet for none', () => {
    expect(withEarlier([], { count: 1, firstAt: daysAgo(10), lastAt: daysAgo(10) })).toBe('first-time');
    expect(withEarlier([], { count: 0 })).toBe('none');
    // A visit at the counter after an import of one: the second visit.
    expect(withEarlier([daysAgo(1)], { count: 1, lastAt: daysAgo(40) })).toBe('occasional');
  });

  it('calls a long-time regular who stopped coming "Lapsed", by the rhythm their count gives', () => {
    // 40 visits over 400 days (about every 10 days), the last 100 days ago.
    const earlier = { count: 40, firstAt: daysAgo(500), lastAt: daysAgo(100) };
    expect(withEarlier([], earlier)).toBe('lapsed');
    expect(lapseStart([], rules, earlier)).toBeDefined();
    // Back at the counter: a regular again, as any lapsed regular who returns.
    expect(withEarlier([daysAgo(1)], earlier)).toBe('regular');
  });

  it('leaves every stage without earlier visits exactly as before', () => {
    for (const times of [[], [daysAgo(3)], [daysAgo(300), daysAgo(20)], [daysAgo(100), daysAgo(50), daysAgo(10)]]) {
      expect(withEarlier(times, undefined)).toBe(stage(times));
      expect(stageTimes(times, undefined)).toEqual(times);
    }
  });
});
