// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { dayOfIsoDate } from '../days';
import { firstDayOfMonth, insightsPeriod, monthKey, monthOfDay, monthSlot } from './calendar';

const dayOf = (iso: string) => dayOfIsoDate(iso)!;

describe('the period the insights cover', () => {
  it('is the last 12 months for counts and the 12 calendar months up to this one for charts', () => {
    const period = insightsPeriod(dayOf('2026-01-15'));
    expect(period.yearStart).toBe(dayOf('2025-01-16'));
    expect(period.months.map(monthKey)).toEqual([
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
    ]);
    expect(period.firstDay).toBe(dayOf('2025-01-16'));
  });

  it('starts a year back on 1 March when today is 29 February', () => {
    const period = insightsPeriod(dayOf('2028-02-29'));
    expect(period.yearStart).toBe(dayOf('2027-03-02'));
  });

  it('puts months across a new year in order, and days outside the months nowhere', () => {
    const period = insightsPeriod(dayOf('2026-01-15'));
    expect(monthSlot(period, monthOfDay(dayOf('2025-12-31')))).toBe(10);
    expect(monthSlot(period, monthOfDay(dayOf('2026-01-01')))).toBe(11);
    expect(monthSlot(period, monthOfDay(dayOf('2025-01-31')))).toBe(-1);
    expect(monthSlot(period, monthOfDay(dayOf('2026-02-01')))).toBe(-1);
    expect(firstDayOfMonth(monthOfDay(dayOf('2026-01-15')))).toBe(dayOf('2026-01-01'));
  });
});
