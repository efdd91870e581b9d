/**
 * Phone numbers are stored as E.164 so the same number typed as "090-1234-5678", "09012345678"
 * or "+81 90 1234 5678" is one number for search, duplicates and sync.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export const DEFAULT_COUNTRY: CountryCode = 'JP';

export type PhoneParse = { ok: true; e164: string } | { ok: false };

export function parsePhone(input: string, country: CountryCode = DEFAULT_COUNTRY): PhoneParse {
  const text = input.normalize('NFKC').trim();
  const parsed = parsePhoneNumberFromString(text, country);
  if (!parsed || !parsed.isValid()) return { ok: false };
  return { ok: true, e164: parsed.number };
}

/** Numbers formatted lately: a card renders its phones several times as it opens (parsing one with
 * the full metadata takes about a millisecond on a tablet), and staff open the same regulars. */
const formatted = new Map<string, string>();
const FORMATTED_KEPT = 500;

/** Domestic numbers in the shop's usual format (090-1234-5678), foreign ones internationally. */
export function formatPhone(e164: string, country: CountryCode = DEFAULT_COUNTRY): string {
  const key = `${country} ${e164}`;
  const known = formatted.get(key);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(e164);
  const text = !parsed ? e164 : parsed.country === country ? parsed.formatNational() : parsed.formatInternational();
  if (formatted.size >= FORMATTED_KEPT) formatted.delete(formatted.keys().next().value!);
  formatted.set(key, text);
  return text;
}
