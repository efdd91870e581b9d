/**
 * Japanese and English from the start. The language follows the device (navigator.language) until
 * someone picks one in Settings; that choice is kept on this device.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { readPref, writePref } from '../lib/device-prefs';
import { en, ja } from './resources';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const LANGUAGE_PREF = 'language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

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

function applyToDocument(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ja: { translation: ja } },
  lng: detectLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
applyToDocument(i18n.language);
i18n.on('languageChanged', applyToDocument);

export async function chooseLanguage(language: Language): Promise<void> {
  writePref(LANGUAGE_PREF, language);
  await i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'en';
}
