/**
 * Form state that survives a reload, a crash or an accepted update: every change is kept in
 * localStorage under the form's key until the form is saved or cancelled.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { readPref, writePref } from '../lib/device-prefs';

const DRAFT_PREFIX = 'draft:';

function load<T>(key: string, initial: T): T {
  const stored = readPref(DRAFT_PREFIX + key);
  if (!stored) return initial;
  try {
    const parsed: unknown = JSON.parse(stored);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && typeof initial === 'object') {
      return { ...initial, ...parsed };
    }
  } catch {
    // A corrupt draft is dropped rather than breaking the form.
  }
  return initial;
}

export function useDraft<T extends object>(key: string, initial: T) {
  const [value, setValue] = useState<T>(() => load(key, initial));
  const initialRef = useRef(initial);
  const keyRef = useRef(key);

  // A different key (another customer's note) starts from that key's own draft.
  useEffect(() => {
    if (keyRef.current !== key) {
      keyRef.current = key;
      setValue(load(key, initialRef.current));
    }
  }, [key]);

  const update = useCallback(
    (patch: Partial<T> | ((current: T) => T)) => {
      setValue((current) => {
        const next = typeof patch === 'function' ? patch(current) : { ...current, ...patch };
        writePref(DRAFT_PREFIX + keyRef.current, JSON.stringify(next));
        return next;
      });
    },
    [],
  );

  const clear = useCallback((next: T = initialRef.current) => {
    writePref(DRAFT_PREFIX + keyRef.current, undefined);
    setValue(next);
  }, []);

  return [value, update, clear] as const;
}
