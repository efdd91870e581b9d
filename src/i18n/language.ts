import { readPref } from '../lib/device-prefs';
import type { Language } from './translator';

export const LANGUAGES = ['ja', 'en'] as const satisfies readonly Language[];
export const LANGUAGE_PREF = 'language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language picked in Settings on this device, else the device's own, else English. */
export function detectLanguage(
  preferred: string | undefined = readPref(LANGUAGE_PREF),
  browser: readonly string[] = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'ja'],
): Language {
  if (isLanguage(preferred)) return preferred;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}
