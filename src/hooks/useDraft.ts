/**
 * Form state that survives a reload, a crash or an accepted update: every change is kept in
 * localStorage under the form's key until the form is saved or cancelled (`clear`). Only what
 * differs from `initial` is stored, so an edit form restored later shows the stored record as it
 * is now with the typed changes over it. How long drafts live and what never goes into one:
 * src/lib/drafts.ts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { changesFrom, readDraft, removeDraft, withChanges, writeDraft } from '../lib/drafts';

function load<T extends object>(key: string, initial: T): { value: T; restored: boolean } {
  const changes = readDraft(key);
  return { value: withChanges(initial, changes), restored: changes !== undefined };
}

/**
 * Returns the form's value, `update` (a patch or a function of the current value), `clear` (on
 * save or cancel: forgets the draft and starts again from `initial`, or from `next`) and whether
 * the form opened with changes typed earlier (for a "changes restored" notice).
 */
export function useDraft<T extends object>(key: string, initial: T) {
  const [state, setState] = useState(() => load(key, initial));
  const initialRef = useRef(initial);
  const keyRef = useRef(key);

  // A different key (another customer's note) starts from that key's own draft.
  useEffect(() => {
    if (keyRef.current !== key) {
      keyRef.current = key;
      setState(load(key, initialRef.current));
    }
  }, [key]);

  const update = useCallback((patch: Partial<T> | ((current: T) => T)) => {
    setState((current) => {
      const next =
        typeof patch === 'function' ? patch(current.value) : { ...current.value, ...patch };
      writeDraft(keyRef.current, changesFrom(initialRef.current, next));
      return { ...current, value: next };
    });
  }, []);

  const clear = useCallback((next: T = initialRef.current) => {
    removeDraft(keyRef.current);
    setState({ value: next, restored: false });
  }, []);

  return [state.value, update, clear, state.restored] as const;
}

/**
 * A draft over stored settings: the form shows the stored values with what was typed over them,
 * so fields nobody touched follow changes made elsewhere (another device, through sync), and once
 * saved (`clear`) the form shows the stored values again. Text fields only: a stored edit that is
 * not text, or names no field of `stored`, is ignored.
 */
export function useDraftOver<T extends Record<string, string>>(key: string, stored: T) {
  const [edits, update, clear, restored] = useDraft<Record<string, string>>(key, {});
  const shown: Record<string, string> = { ...stored };
  let edited = false;
  for (const field of Object.keys(stored)) {
    const typed: unknown = edits[field];
    if (typeof typed === 'string') {
      shown[field] = typed;
      edited = true;
    }
  }
  const set = (field: keyof T & string, value: string) =>
    update((current) => {
      const next = { ...current };
      // Typing a field back to what is stored is no edit.
      if (value === stored[field]) delete next[field];
      else next[field] = value;
      return next;
    });
  return { shown: shown as T, set, clear: () => clear(), restored: restored && edited, edited };
}
