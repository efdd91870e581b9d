/**
 * Preferences of this device only (its language, who is at its counter): small, never synced,
 * kept in localStorage so they are there synchronously at start-up, before the database opens.
 */
import { useSyncExternalStore } from 'react';

const PREFIX = 'daifuku.';
const listeners = new Set<() => void>();

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Storage can be blocked (private modes, policies): the app still works without preferences.
    return undefined;
  }
}

export function readPref(key: string): string | undefined {
  return storage()?.getItem(PREFIX + key) ?? undefined;
}

export function writePref(key: string, value: string | undefined): void {
  const s = storage();
  try {
    if (value === undefined) s?.removeItem(PREFIX + key);
    else s?.setItem(PREFIX + key, value);
  } catch {
    // A full storage must not break the counter; the preference just does not stick.
  }
  for (const listener of listeners) listener();
}

/** The keys (without the app's prefix) of this device's preferences that start with `prefix`. */
export function prefKeysStartingWith(prefix: string): string[] {
  const s = storage();
  if (!s) return [];
  const keys: string[] = [];
  try {
    for (let i = 0; i < s.length; i++) {
      const key = s.key(i);
      if (key?.startsWith(PREFIX + prefix)) keys.push(key.slice(PREFIX.length));
    }
  } catch {
    // Blocked storage lists nothing.
  }
  return keys;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key?.startsWith(PREFIX)) listener();
  };
  globalThis.addEventListener?.('storage', onStorage);
  return () => {
    listeners.delete(listener);
    globalThis.removeEventListener?.('storage', onStorage);
  };
}

export function usePref(key: string): string | undefined {
  return useSyncExternalStore(
    subscribe,
    () => readPref(key),
    () => undefined,
  );
}
