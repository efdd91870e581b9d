import { describe, expect, it } from 'vitest';
import {
  afterWrongPin,
  FIRST_WAIT_MS,
  FREE_ATTEMPTS,
  LONGEST_WAIT_MS,
  NO_ATTEMPTS,
  parsePinAttempts,
  triesBeforeWait,
  waitAfter,
  waitInWords,
  waitLeft,
  type PinAttempts,
} from './pin-attempts';

const NOON = Date.UTC(2025, 5, 2, 3);
const MINUTE = 60_000;

function wrongPins(count: number, at = NOON): PinAttempts {
  let attempts = NO_ATTEMPTS;
  for (let i = 0; i < count; i++) attempts = afterWrongPin(attempts, at);
  return attempts;
}

describe('the wait after wrong PINs', () => {
  it('costs nothing for the first few slips of the finger', () => {
    expect(FREE_ATTEMPTS).toBe(5);
    for (let failures = 0; failures < FREE_ATTEMPTS; failures++) {
      expect(waitAfter(failures), `${failures} wrong`).toBe(0);
      expect(waitLeft(wrongPins(failures), NOON)).toBe(0);
    }
    expect(triesBeforeWait(wrongPins(3))).toBe(2);
  });

  it('then doubles with every wrong PIN, from 30 seconds up to an hour', () => {
    expect([5, 6, 7, 8, 9, 10, 11, 12, 13, 1000].map(waitAfter)).toEqual([
      30_000,
      MINUTE,
      2 * MINUTE,
      4 * MINUTE,
      8 * MINUTE,
      16 * MINUTE,
      32 * MINUTE,
      LONGEST_WAIT_MS,
      LONGEST_WAIT_MS,
      LONGEST_WAIT_MS,
    ]);
    expect(FIRST_WAIT_MS).toBe(30_000);
    expect(triesBeforeWait(wrongPins(7))).toBe(0);
  });

  it('makes guessing every 4-digit PIN at the counter take more than a year', () => {
    let total = 0;
    for (let failures = 1; failures <= 10_000; failures++) total += waitAfter(failures);
    expect(total).toBeGreaterThan(365 * 24 * 60 * MINUTE);
  });

  it('counts down from the last wrong PIN', () => {
    const attempts = wrongPins(6);
    expect(waitLeft(attempts, NOON)).toBe(MINUTE);
    expect(waitLeft(attempts, NOON + 45_000)).toBe(15_000);
    expect(waitLeft(attempts, NOON + MINUTE)).toBe(0);
  });

  it('never leaves the counter stuck when the device clock is set back', () => {
    expect(waitLeft(wrongPins(12), NOON - 24 * 60 * MINUTE)).toBe(0);
  });

  it('reads a malformed stored count as no wrong PINs rather than locking everyone out', () => {
    for (const stored of [
      undefined,
      null,
      'five',
      { failures: -1, lastFailureAt: NOON },
      { failures: 2.5, lastFailureAt: NOON },
      { failures: 3 },
    ]) {
      expect(parsePinAttempts(stored), JSON.stringify(stored)).toEqual(NO_ATTEMPTS);
    }
    expect(parsePinAttempts({ failures: 6, lastFailureAt: NOON })).toEqual({
      failures: 6,
      lastFailureAt: NOON,
    });
  });

  it('is said in seconds under a minute, else in whole minutes rounded up', () => {
    expect(waitInWords(30_000)).toEqual({ unit: 'seconds', count: 30 });
    expect(waitInWords(400)).toEqual({ unit: 'seconds', count: 1 });
    expect(waitInWords(59_001)).toEqual({ unit: 'minutes', count: 1 });
    expect(waitInWords(61_000)).toEqual({ unit: 'minutes', count: 2 });
    expect(waitInWords(LONGEST_WAIT_MS)).toEqual({ unit: 'minutes', count: 60 });
  });
});
