/**
 * Japanese and English from the start. The language follows the device (navigator.language) until
 * someone picks one in Settings; that choice is kept on this device. Only the language in use is
 * loaded, and screens that load lazily bring their own strings (loadArea).
 */
import { writePref } from '../lib/device-prefs';
import { i18n } from './instance';
import { LANGUAGE_PREF } from './language';
import { loadResources, loadScreenResources } from './resources';
import type { Language } from './translator';

export { i18n } from './instance';
export { detectLanguage, isLanguage, joinSentences, LANGUAGES } from './language';
export { Translation, useTranslation } from './react';
export type { Language, TFunction, TOptions, TranslationKey } from './translator';

/** Areas of strings loaded so far; a language switch brings the same areas in the new language. */
const loadedAreas = new Map<string, (language: Language) => Promise<object>>();

async function ensureLanguage(language: Language): Promise<void> {
  if (!i18n.hasBundle(language)) i18n.addBundle(language, await loadResources(language));
  await Promise.all([...loadedAreas.values()].map(async (load) => i18n.addBundle(language, await load(language))));
}

function setDocumentLanguage(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** Loads the device's language; the app renders after this resolves. */
export async function startI18n(language: Language = i18n.language): Promise<void> {
  await ensureLanguage(language);
  i18n.changeLanguage(language);
  setDocumentLanguage(language);
}

export async function chooseLanguage(language: Language): Promise<void> {
  writePref(LANGUAGE_PREF, language);
  await ensureLanguage(language);
  i18n.changeLanguage(language);
}

/**
 * Strings a lazy screen needs, loaded once in the language in use (and again on a switch).
 * `load` imports the area's file for a language.
 */
export async function loadArea(name: string, load: (language: Language) => Promise<object>): Promise<void> {
  if (!loadedAreas.has(name)) loadedAreas.set(name, load);
  if (!i18n.hasBundle(i18n.language)) return;
  i18n.addBundle(i18n.language, await load(i18n.language));
}

export function currentLanguage(): Language {
  return i18n.language;
}

/** Strings for every screen but the first; lazy screens await this before they render. */
export function loadScreenStrings(): Promise<void> {
  return loadArea('screens', loadScreenResources);
}
