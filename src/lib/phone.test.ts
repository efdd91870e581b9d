import { describe, expect, it } from 'vitest';
import { formatPhone, parsePhone } from './phone';
import { digitsOnly, nationalDigits } from './phone-digits';

describe('reading a phone number the way staff type it', () => {
  it('accepts a mobile number with hyphens', () => {
    expect(parsePhone('090-1234-5678')).toEqual({ ok: true, e164: '+819012345678' });
  });

  it('accepts a Tokyo landline without hyphens', () => {
    expect(parsePhone('0312345678')).toEqual({ ok: true, e164: '+81312345678' });
  });

  it('accepts full-width digits and hyphens from a Japanese keyboard', () => {
    expect(parsePhone('０９０－１２３４－５６７８')).toEqual({ ok: true, e164: '+819012345678' });
  });

  it('accepts a number with spaces around it and in it', () => {
    expect(parsePhone('  090 1234 5678 ')).toEqual({ ok: true, e164: '+819012345678' });
  });

  it('accepts a Japanese number written internationally as the same number', () => {
    expect(parsePhone('+81 90 1234 5678')).toEqual({ ok: true, e164: '+819012345678' });
  });

  it('accepts a foreign visitor’s number in international form', () => {
    expect(parsePhone('+1 415 555 2671')).toEqual({ ok: true, e164: '+14155552671' });
  });

  it('reads a number without a country code as the shop’s country unless told otherwise', () => {
    expect(parsePhone('(415) 555-2671', 'US')).toEqual({ ok: true, e164: '+14155552671' });
    expect(parsePhone('(415) 555-2671')).toEqual({ ok: false });
  });

  it('refuses a mobile number one digit short, the usual typo', () => {
    expect(parsePhone('090-1234-567')).toEqual({ ok: false });
  });

  it('refuses a number one digit too long', () => {
    expect(parsePhone('090-1234-56789')).toEqual({ ok: false });
  });

  it('refuses too few digits, letters and nothing', () => {
    expect(parsePhone('12345')).toEqual({ ok: false });
    expect(parsePhone('abc')).toEqual({ ok: false });
    expect(parsePhone('090-abcd-5678')).toEqual({ ok: false });
    expect(parsePhone('')).toEqual({ ok: false });
  });
});

describe('showing a stored number', () => {
  it('shows a domestic number in the shop’s usual national format', () => {
    expect(formatPhone('+819012345678')).toBe('090-1234-5678');
    expect(formatPhone('+81312345678')).toBe('03-1234-5678');
  });

  it('shows a foreign number internationally', () => {
    expect(formatPhone('+14155552671')).toBe('+1 415 555 2671');
  });

  it('shows a Japanese number internationally to a shop abroad', () => {
    expect(formatPhone('+819012345678', 'US')).toBe('+81 90 1234 5678');
  });

  it('shows something it cannot read exactly as stored', () => {
    expect(formatPhone('not a number')).toBe('not a number');
  });

  it('round-trips: what parsePhone stores, formatPhone shows as staff typed it', () => {
    for (const typed of ['090-1234-5678', '03-1234-5678', '06-6123-4567']) {
      const parsed = parsePhone(typed);
      expect(parsed.ok, typed).toBe(true);
      if (parsed.ok) expect(formatPhone(parsed.e164)).toBe(typed);
    }
  });
});

describe('digit forms for search', () => {
  it('keeps only the digits, folding full-width ones', () => {
    expect(digitsOnly('+81 (90) 1234-5678')).toBe('819012345678');
    expect(digitsOnly('０９０－１２')).toBe('09012');
  });

  it('writes a Japanese number with its leading zero, a foreign one as its international digits', () => {
    expect(nationalDigits('+819012345678')).toBe('09012345678');
    expect(nationalDigits('+14155552671')).toBe('14155552671');
  });
});
