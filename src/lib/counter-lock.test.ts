import { describe, expect, it } from 'vitest';
import { counterLockState, endSelfEntry, isIdle, lockCounter, noteActivity, startSelfEntry, unlockCounter } from './counter-lock';
import { hashPin, isValidPin, pinMatches } from './pin';

describe('the counter lock', () => {
  it('locks after the owner-set idle time, and never when set to 0', () => {
    const start = Date.UTC(2026, 5, 1, 1, 0);
    unlockCounter('staff-1');
    noteActivity(start);
    expect(isIdle(5, start + 4 * 60_000)).toBe(false);
    expect(isIdle(5, start + 5 * 60_000)).toBe(true);
    expect(isIdle(0, start + 24 * 60 * 60_000)).toBe(false);
    lockCounter();
    expect(counterLockState().unlockedStaffId).toBeUndefined();
  });

  it('self-entry locks the counter and survives a reload until staff end it', () => {
    unlockCounter('staff-1');
    startSelfEntry('staff-1');
    expect(counterLockState()).toMatchObject({ selfEntry: 'staff-1', unlockedStaffId: undefined });
    expect(localStorage.getItem('daifuku.selfEntry')).toBe('staff-1');
    endSelfEntry();
    expect(counterLockState().selfEntry).toBeUndefined();
    expect(localStorage.getItem('daifuku.selfEntry')).toBeNull();
  });
});

describe('PINs', () => {
  it('accept 4 to 6 digits only', () => {
    expect(['1234', '123456'].every(isValidPin)).toBe(true);
    expect(['123', '1234567', '12a4', '', '１２３４'].some(isValidPin)).toBe(false);
  });

  it('match only the PIN they were made from, with a fresh salt each time', async () => {
    const a = await hashPin('2468', 1000);
    const b = await hashPin('2468', 1000);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await pinMatches('2468', a)).toBe(true);
    expect(await pinMatches('2469', a)).toBe(false);
    expect(await pinMatches('abcd', a)).toBe(false);
  });
});
