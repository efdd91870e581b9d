/**
 * How long the counter makes people wait after wrong PINs. A few typos cost nothing; after that
 * every wrong PIN doubles the wait, up to an hour, so guessing a 4-digit PIN (10,000 of them) at
 * the counter takes over a year of tries instead of an afternoon. A right PIN starts the count
 * again. The count is this device's (all staff together: choosing another name does not reset
 * it) and is kept in its database, so reloading the page does not reset it either
 * (src/db/staff/pin-attempts.ts).
 *
 * The wait runs on the device's clock: a clock set back ends it early (set forward, it would end
 * anyway). Like the PIN itself, this keeps a passer-by out, not someone who controls the device.
 */

/** Wrong PINs that cost nothing: fingers slip. */
export const FREE_ATTEMPTS = 5;
export const FIRST_WAIT_MS = 30_000;
export const LONGEST_WAIT_MS = 60 * 60_000;

export interface PinAttempts {
  /** Wrong PINs since the last right one. */
  failures: number;
  /** When the last wrong PIN was entered (ms since epoch); 0 when there was none. */
  lastFailureAt: number;
}

export const NO_ATTEMPTS: PinAttempts = { failures: 0, lastFailureAt: 0 };

/** The wait that follows the `failures`-th wrong PIN in a row. */
export function waitAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  // Capped before raising 2 to a large power: the count can grow without bound.
  const doublings = Math.min(failures - FREE_ATTEMPTS, 20);
  return Math.min(FIRST_WAIT_MS * 2 ** doublings, LONGEST_WAIT_MS);
}

/** Milliseconds until the next PIN may be tried; 0 when one may be tried now. */
export function waitLeft(attempts: PinAttempts, now: number): number {
  const wait = waitAfter(attempts.failures);
  if (wait === 0 || now < attempts.lastFailureAt) return 0;
  return Math.max(0, attempts.lastFailureAt + wait - now);
}

export function afterWrongPin(attempts: PinAttempts, now: number): PinAttempts {
  return { failures: attempts.failures + 1, lastFailureAt: now };
}

/** Wrong PINs still free before the first wait (0 once waits have begun). */
export function triesBeforeWait(attempts: PinAttempts): number {
  return Math.max(0, FREE_ATTEMPTS - attempts.failures);
}

/** A stored count read back: anything malformed counts as no wrong PINs rather than locking out. */
export function parsePinAttempts(stored: unknown): PinAttempts {
  if (typeof stored !== 'object' || stored === null) return NO_ATTEMPTS;
  const { failures, lastFailureAt } = stored as Record<string, unknown>;
  if (typeof failures !== 'number' || !Number.isSafeInteger(failures) || failures < 0)
    return NO_ATTEMPTS;
  if (typeof lastFailureAt !== 'number' || !Number.isFinite(lastFailureAt)) return NO_ATTEMPTS;
  return { failures, lastFailureAt };
}

/** A wait as people say it: seconds under a minute, else whole minutes rounded up. */
export function waitInWords(ms: number): { unit: 'seconds' | 'minutes'; count: number } {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return { unit: 'seconds', count: Math.max(1, seconds) };
  return { unit: 'minutes', count: Math.ceil(seconds / 60) };
}
