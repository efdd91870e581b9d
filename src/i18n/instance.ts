import { detectLanguage } from './language';
import { Translator } from './translator';

/** The app's one translator. Strings arrive through startI18n / loadArea (index.ts). */
export const i18n = new Translator(detectLanguage());

i18n.subscribe(() => {
  if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;
});
