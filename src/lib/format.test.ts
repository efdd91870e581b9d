/**
 * Dates on the customer list are written without Intl (its first formatter is slow to make at a
 * cold start), and must read exactly as Intl writes them in both of the app's languages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate } from './format';

const FROM = Date.UTC(1900, 0, 1);
const TO = Date.UTC(2100, 0, 1);

describe('formatDate', () => {
  it.each(['ja', 'en'])('writes %s dates exactly as Intl does', (language) => {
    const intl = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
    fc.assert(
      fc.property(fc.integer({ min: FROM, max: TO }), (ms) => {
        expect(formatDate(ms, language)).toBe(intl.format(ms));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the last visit as staff expect it', () => {
    const noon = new Date(2026, 11, 6, 12).getTime();
    expect(formatDate(noon, 'ja')).toBe('2026/12/06');
    expect(formatDate(noon, 'en')).toBe('Dec 6, 2026');
  });

  it('leaves other languages and dates outside four-digit years to Intl', () => {
    const noon = new Date(2026, 11, 6, 12).getTime();
    expect(formatDate(noon, 'de')).toBe(new Intl.DateTimeFormat('de', { dateStyle: 'medium' }).format(noon));
    const ancient = new Date(0).setFullYear(800);
    expect(formatDate(ancient, 'en')).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(ancient));
  });
});
