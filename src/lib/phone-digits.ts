/** Digit forms of a stored E.164 number, without the weight of a phone-number library. */

export function digitsOnly(input: string): string {
  return input.normalize('NFKC').replace(/\D/g, '');
}

/** "+819012345678" → "09012345678": how Japanese staff type and read a number. */
export function nationalDigits(e164: string): string {
  const digits = digitsOnly(e164);
  return e164.startsWith('+81') ? `0${digits.slice(2)}` : digits;
}
