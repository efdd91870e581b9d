/**
 * The translations, one file per area so each feature owns its words. Every file exists in both
 * languages with the same keys (src/i18n/resources.test.ts checks).
 */
import enCore from './en/core.json';
import enRelationships from './en/relationships.json';
import jaCore from './ja/core.json';
import jaRelationships from './ja/relationships.json';

export const en = { ...enCore, ...enRelationships };
export const ja: typeof en = { ...jaCore, ...jaRelationships };
