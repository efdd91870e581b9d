/**
 * The translations, one file per area so each feature owns its words. Every file exists in both
 * languages with the same keys (src/i18n/resources.test.ts checks).
 */
import enCore from './en/core.json';
import enSafety from './en/safety.json';
import jaCore from './ja/core.json';
import jaSafety from './ja/safety.json';

export const en = { ...enCore, ...enSafety };
export const ja: typeof en = { ...jaCore, ...jaSafety };
