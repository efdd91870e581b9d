/**
 * The translations, one file per area so each feature owns its words, and per area split in two:
 * `<area>.json` holds what the first screen shows, `<area>-screens.json` what the other screens
 * show. Only the language in use is loaded; the first screen's strings come before it renders,
 * the rest with the first lazily loaded screen (screenStrings). Keys are typed over both.
 */
import type shell from './en/index';
import type screens from './en/screens';

export type Resources = typeof shell & typeof screens;

export async function loadResources(language: 'ja' | 'en'): Promise<typeof shell> {
  return language === 'ja' ? (await import('./ja/index')).default : (await import('./en/index')).default;
}

export async function loadScreenResources(language: 'ja' | 'en'): Promise<typeof screens> {
  return language === 'ja' ? (await import('./ja/screens')).default : (await import('./en/screens')).default;
}
