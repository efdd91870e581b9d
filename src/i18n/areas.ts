/**
 * Translations that load with the screens that use them instead of with the first screen. A lazy
 * route awaits its area before it renders, so no screen ever shows a missing key; both languages
 * load together, so switching language needs nothing more.
 */
import { i18n } from './index';

let buyIn: Promise<void> | undefined;

export function loadBuyInTranslations(): Promise<void> {
  buyIn ??= Promise.all([import('./en/buyin.json'), import('./ja/buyin.json')]).then(([en, ja]) => {
    i18n.addResourceBundle('en', 'translation', en.default, true, false);
    i18n.addResourceBundle('ja', 'translation', ja.default, true, false);
  });
  return buyIn;
}

/** A lazy screen's module, once the words it uses are there. */
export async function withBuyInTranslations<T>(screen: Promise<T>): Promise<T> {
  const [module] = await Promise.all([screen, loadBuyInTranslations()]);
  return module;
}
