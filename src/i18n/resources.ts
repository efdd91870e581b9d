/**
 * The translations, one file per area so each feature owns its words. Every file exists in both
 * languages with the same keys (src/i18n/resources.test.ts checks).
 *
 * The first screen carries only what it shows. Areas used on later screens (the buy-in ledger's
 * words) load with those screens (src/i18n/areas.ts), which keeps the first screen's JavaScript
 * within its budget; their keys are typed here all the same.
 */
import enBuyInNav from './en/buyin-nav.json';
import enCore from './en/core.json';
import jaBuyInNav from './ja/buyin-nav.json';
import jaCore from './ja/core.json';

export const en = { ...enCore, ...enBuyInNav };
export const ja: typeof en = { ...jaCore, ...jaBuyInNav };

/** Every key, including those of areas loaded later. */
export type Translations = typeof en & typeof import('./en/buyin.json');
