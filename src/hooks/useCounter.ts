/**
 * Who is at this device's counter. Every write carries their id, so the timeline can say who
 * served the customer. The choice is per device; the staff list is shared.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, createElement, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { allStaff } from '../db/queries';
import { activeStaff } from '../db/staff';
import type { Staff } from '../db/types';
import type { WriteContext } from '../db/write-context';
import { usePref, writePref } from '../lib/device-prefs';

const COUNTER_PREF = 'counterStaffId';

export interface Counter {
  staff: Staff[];
  current: Staff | undefined;
  ctx: WriteContext;
  /**
   * Whether the person at the counter may do owner-only things. The one place roles are checked:
   * PIN-verified roles will replace the staff list's role here.
   */
  isOwner: boolean;
  choose: (staffId: string) => void;
  /** Every staff row including removed ones, to name the author of old entries. */
  nameOf: (staffId: string | undefined) => string | undefined;
}

/** Reads the staff list once for the whole app; every screen shares it through context. */
function useCounterState(): Counter {
  const all = useLiveQuery(allStaff, [], undefined);
  const chosen = usePref(COUNTER_PREF);
  const staff = useMemo(() => activeStaff(all ?? []), [all]);
  const current = staff.find((s) => s.id === chosen) ?? staff[0];
  const choose = useCallback((staffId: string) => writePref(COUNTER_PREF, staffId), []);
  const names = useMemo(() => new Map((all ?? []).map((s) => [s.id, s.name])), [all]);
  const nameOf = useCallback((id: string | undefined) => (id ? names.get(id) : undefined), [names]);
  const ctx = useMemo(() => ({ staffId: current?.id }), [current?.id]);
  return { staff, current, ctx, isOwner: current?.role === 'owner', choose, nameOf };
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
