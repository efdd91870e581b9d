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

/**
 * Sentences one after another: Japanese puts nothing between them (after 。), English a space.
 * Those left out (false) take no room; an empty string stands for one already on screen before
 * them (a bold first sentence), so the rest start with the gap.
 */
export function joinSentences(language: string, sentences: readonly (string | false | undefined)[]): string {
  const kept = sentences.filter((s): s is string => typeof s === 'string');
  if (kept.length === 1 && kept[0] === '') return '';
  return kept.join(language === 'ja' ? '' : ' ');
}
