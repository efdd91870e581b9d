/**
 * The translations, one file per area so each feature owns its words, gathered per language in
 * en/index.ts and ja/index.ts. Only the language in use is loaded: each is its own chunk, so the
 * first screen never carries the other language's strings.
 */
import type en from './en/index';

export type Resources = typeof en;

export async function loadResources(language: 'ja' | 'en'): Promise<Resources> {
  return language === 'ja' ? (await import('./ja/index')).default : (await import('./en/index')).default;
}
