// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { dayOfIsoDate, isoDateOfDay } from './days';
import {
  birthdayDueDay,
  birthdayMonthDay,
  monthDayRanges,
  nextBirthdayDay,
  thankYouDueDay,
} from './follow-up-rules';

const day = (iso: string) => dayOfIsoDate(iso)!;

describe('follow-up dates', () => {
  it('makes a thank-you due the day after the visit', () => {
    expect(isoDateOfDay(thankYouDueDay(day('2026-12-31')))).toBe('2027-01-01');
  });

  it('reads the month and day of a birthday with or without a year', () => {
    expect(birthdayMonthDay('1978-05-17')).toBe('05-17');
    expect(birthdayMonthDay('--11-03')).toBe('11-03');
    expect(birthdayMonthDay('')).toBeUndefined();
    expect(birthdayMonthDay(undefined)).toBeUndefined();
  });

  it('finds the next birthday, this year or next', () => {
    expect(isoDateOfDay(nextBirthdayDay('05-17', day('2026-05-10')))).toBe('2026-05-17');
    expect(isoDateOfDay(nextBirthdayDay('05-17', day('2026-05-17')))).toBe('2026-05-17');
    expect(isoDateOfDay(nextBirthdayDay('05-17', day('2026-05-18')))).toBe('2027-05-17');
  });

  it('keeps a 29 February birthday on the 28th in other years', () => {
    expect(isoDateOfDay(nextBirthdayDay('02-29', day('2026-02-01')))).toBe('2026-02-28');
    expect(isoDateOfDay(nextBirthdayDay('02-29', day('2028-02-01')))).toBe('2028-02-29');
  });

  it('covers the birthday week across the new year with two index ranges', () => {
    expect(monthDayRanges(day('2026-12-28'), 7)).toEqual([
      ['12-28', '12-31'],
      ['01-01', '01-03'],
    ]);
    expect(monthDayRanges(day('2026-05-10'), 7)).toEqual([['05-10', '05-16']]);
  });

  it('does not skip leap-day birthdays in a year without 29 February', () => {
    expect(monthDayRanges(day('2026-02-22'), 7)).toEqual([['02-22', '02-29']]);
  });

  it('is due at the start of the birthday week, never in the past', () => {
    expect(isoDateOfDay(birthdayDueDay(day('2026-05-17'), day('2026-05-09')))).toBe('2026-05-11');
    expect(isoDateOfDay(birthdayDueDay(day('2026-05-17'), day('2026-05-15')))).toBe('2026-05-15');
  });
});
