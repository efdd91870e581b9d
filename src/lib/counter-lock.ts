/**
 * Who has unlocked this device's counter with their PIN, and whether it is turned to a customer.
 *
 * The unlocked staff member is kept in memory only: a reload, a crash or a new tab starts locked,
 * so a PIN is never bypassed by reopening the app. Self-entry mode is kept in localStorage
 * instead, so reloading the page in the customer's hands does not reveal the ledger.
 * Nothing here matters until PINs are set (src/hooks/useCounter.ts decides that).
 */
import { useSyncExternalStore } from 'react';
import { readPref, writePref } from './device-prefs';
import { removeDraft } from './draft-keys';

const SELF_ENTRY_PREF = 'selfEntry';
/** The self-entry form's draft: one customer's details, never shown to the next. */
export const SELF_ENTRY_DRAFT = 'self-entry';

interface LockState {
  unlockedStaffId: string | undefined;
  lastActivityAt: number;
  /** In self-entry mode: the staff member who handed the tablet over ('' when unknown). */
  selfEntry: string | undefined;
}

let state: LockState = { unlockedStaffId: undefined, lastActivityAt: Date.now(), selfEntry: readPref(SELF_ENTRY_PREF) };
const listeners = new Set<() => void>();

function set(patch: Partial<LockState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

export function counterLockState(): LockState {
  return state;
}

export function subscribeCounterLock(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useCounterLock(): LockState {
  return useSyncExternalStore(subscribeCounterLock, counterLockState, counterLockState);
}

export function unlockCounter(staffId: string): void {
  set({ unlockedStaffId: staffId, lastActivityAt: Date.now() });
}

export function lockCounter(): void {
  set({ unlockedStaffId: undefined });
}

/** Activity does not notify listeners: it only moves the idle clock. */
export function noteActivity(now = Date.now()): void {
  state = { ...state, lastActivityAt: now };
}

export function isIdle(lockAfterMinutes: number, now = Date.now()): boolean {
  return lockAfterMinutes > 0 && now - state.lastActivityAt >= lockAfterMinutes * 60_000;
}

export function startSelfEntry(staffId: string | undefined): void {
  removeDraft(SELF_ENTRY_DRAFT);
  writePref(SELF_ENTRY_PREF, staffId ?? '');
  set({ selfEntry: staffId ?? '', unlockedStaffId: undefined });
}

export function endSelfEntry(): void {
  removeDraft(SELF_ENTRY_DRAFT);
  writePref(SELF_ENTRY_PREF, undefined);
  set({ selfEntry: undefined });
}

/** Tests start each case with a fresh counter. */
export function resetCounterLock(): void {
  writePref(SELF_ENTRY_PREF, undefined);
  state = { unlockedStaffId: undefined, lastActivityAt: Date.now(), selfEntry: undefined };
  for (const listener of listeners) listener();
}
