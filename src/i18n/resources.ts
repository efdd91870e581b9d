/**
 * The translations, one file per area so each feature owns its words. Every file exists in both
 * languages with the same keys (src/i18n/resources.test.ts checks).
 */
import enCore from './en/core.json';
import enSync from './en/sync.json';
import jaCore from './ja/core.json';
import jaSync from './ja/sync.json';

export const en = { ...enCore, ...enSync };
export const ja: typeof en = { ...jaCore, ...jaSync };
