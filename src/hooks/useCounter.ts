/**
 * Who is at this device's counter. Every write carries their id, so the timeline can say who
 * served the customer. The choice is per device; the staff list is shared.
 *
 * The one place roles are checked for the UI. Until the owner sets PINs, anyone may pick anyone
 * in "At the counter" (a fresh ledger works with no PIN at all). Once any staff member has a PIN,
 * only the person who entered their PIN is at the counter: switching asks for the new person's
 * PIN, and a locked counter (idle, reloaded, handed back from self-entry) has nobody at it.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, createElement, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { allStaff } from '../db/first-screen-reads';
import { activeStaff, pinsInUse } from '../db/staff/first-screen-staff';
import type { Staff } from '../model/types';
import type { WriteContext } from '../db/write-context';
import { lockCounter, unlockCounter, useCounterLock } from '../lib/counter-lock';
import { usePref, writePref } from '../lib/device-prefs';

const COUNTER_PREF = 'counterStaffId';

export interface Counter {
  staff: Staff[];
  current: Staff | undefined;
  ctx: WriteContext;
  /** Whether the person at the counter may do owner-only things (settings, export, deletion…). */
  isOwner: boolean;
  /** Whether PINs are set: switching and unlocking then need one. */
  pinsRequired: boolean;
  /** PINs are set and nobody has unlocked the counter. */
  locked: boolean;
  /** Staff list not loaded yet. */
  loading: boolean;
  /** Without PINs: switches at once. With PINs: use `unlock` instead. */
  choose: (staffId: string) => void;
  /**
   * Checks the PIN and, if right, puts that person at the counter. While this device must wait
   * after wrong PINs it refuses without checking (usePinWait says how long).
   */
  unlock: (staffId: string, pin: string) => Promise<boolean>;
  lock: () => void;
  /** Every staff row including removed ones, to name the author of old entries. */
  nameOf: (staffId: string | undefined) => string | undefined;
}

/** Reads the staff list once for the whole app; every screen shares it through context. */
function useCounterState(): Counter {
  const all = useLiveQuery(allStaff, [], undefined);
  const chosen = usePref(COUNTER_PREF);
  const { unlockedStaffId } = useCounterLock();
  const staff = useMemo(() => activeStaff(all ?? []), [all]);
  const pinsRequired = pinsInUse(staff);
  const current = pinsRequired
    ? staff.find((s) => s.id === unlockedStaffId)
    : (staff.find((s) => s.id === chosen) ?? staff[0]);
  const choose = useCallback((staffId: string) => writePref(COUNTER_PREF, staffId), []);
  const unlock = useCallback(async (staffId: string, pin: string) => {
    // Loaded when a PIN is first entered: a ledger without PINs never needs the attempt count.
    const { tryStaffPin } = await import('../db/staff/pin-attempts');
    if (!(await tryStaffPin(staffId, pin)).ok) return false;
    writePref(COUNTER_PREF, staffId);
    unlockCounter(staffId);
    return true;
  }, []);
  const names = useMemo(() => new Map((all ?? []).map((s) => [s.id, s.name])), [all]);
  const nameOf = useCallback((id: string | undefined) => (id ? names.get(id) : undefined), [names]);
  const ctx = useMemo(() => ({ staffId: current?.id }), [current?.id]);
  return {
    staff,
    current,
    ctx,
    isOwner: current?.role === 'owner',
    pinsRequired,
    locked: pinsRequired && !current,
    loading: all === undefined,
    choose,
    unlock,
    lock: lockCounter,
    nameOf,
  };
}

const CounterContext = createContext<Counter | null>(null);

export function CounterProvider({ children }: { children: ReactNode }) {
  return createElement(CounterContext.Provider, { value: useCounterState() }, children);
}

export function useCounter(): Counter {
  const counter = useContext(CounterContext);
  if (!counter) throw new Error('useCounter needs a CounterProvider above it');
  return counter;
}
