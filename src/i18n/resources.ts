/**
 * The translations, one file per area so each feature owns its words. Every file exists in both
 * languages with the same keys (src/i18n/resources.test.ts checks).
 */
import enBuyIn from './en/buyin.json';
import enCore from './en/core.json';
import jaBuyIn from './ja/buyin.json';
import jaCore from './ja/core.json';

export const en = { ...enCore, ...enBuyIn };
export const ja: typeof en = { ...jaCore, ...jaBuyIn };
