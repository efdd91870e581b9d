// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../days';
import { insightsPeriod, monthKey } from './calendar';
import { followUpsByMonth } from './follow-ups';
import { followUpOutcome } from './held-back';

const TOKYO = 'Asia/Tokyo';
const at = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 3);
const period = insightsPeriod(dayNumber(at(2026, 6, 15), TOKYO));

describe('follow-ups done, skipped, held back or open', () => {
  it('reads done and dismissed as done and skipped, and an open one as open unless the guard held it back', () => {
    expect(followUpOutcome({ status: 'done' })).toBe('done');
    expect(followUpOutcome({ status: 'dismissed' })).toBe('skipped');
    expect(followUpOutcome({ status: 'open' })).toBe('open');
    expect(followUpOutcome({ status: 'open', heldBack: null })).toBe('open');
    expect(followUpOutcome({ status: 'open', heldBack: { reason: 'too-soon' } })).toBe('held-back');
    // A held-back mark on a closed follow-up is history: what was done counts.
    expect(followUpOutcome({ status: 'done', heldBack: { reason: 'too-soon' } })).toBe('done');
  });

  it('counts them by the month they were due, up to today', () => {
    const figures = followUpsByMonth(
      [
        { dueAt: at(2026, 5, 1), outcome: 'done' },
        { dueAt: at(2026, 5, 20), outcome: 'done' },
        { dueAt: at(2026, 5, 21), outcome: 'skipped' },
        { dueAt: at(2026, 6, 2), outcome: 'held-back' },
        { dueAt: at(2026, 6, 3), outcome: 'open' },
        { dueAt: at(2026, 6, 30), outcome: 'open' }, // not due yet
        { dueAt: at(2025, 5, 1), outcome: 'done' }, // before the months shown
      ],
      period,
      TOKYO,
    );
    const byMonth = Object.fromEntries(
      figures.months.map(({ month, ...counts }) => [monthKey(month), counts]),
    );
    expect(byMonth['2026-05']).toEqual({ done: 2, skipped: 1, open: 0, 'held-back': 0 });
    expect(byMonth['2026-06']).toEqual({ done: 0, skipped: 0, open: 1, 'held-back': 1 });
    expect(figures.totals).toEqual({ done: 2, skipped: 1, open: 1, 'held-back': 1 });
  });
});
