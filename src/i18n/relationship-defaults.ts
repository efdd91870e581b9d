/**
 * The relationship settings a shop starts with. Message templates exist in both languages from
 * the start (a Japanese shop still writes to an English-speaking customer), so they are read from
 * both translation files rather than through the current language.
 */
import type { ShopSettings } from '../db/types';
import { TEMPLATE_KINDS, type MessageTemplates } from '../lib/message-templates';
import { DEFAULT_STAGE_RULES } from '../lib/stages';
import { en, ja } from './resources';

export function defaultMessageTemplates(): MessageTemplates {
  const bodies = Object.fromEntries(
    TEMPLATE_KINDS.map((kind) => [
      kind,
      { ja: ja.relationshipDefaults.templates[kind], en: en.relationshipDefaults.templates[kind] },
    ]),
  ) as MessageTemplates['bodies'];
  return {
    bodies,
    optOut: { ja: ja.relationshipDefaults.optOut, en: en.relationshipDefaults.optOut },
  };
}

export function relationshipSettingDefaults(): Pick<
  ShopSettings,
  'stageRules' | 'messageTemplates'
> {
  return { stageRules: { ...DEFAULT_STAGE_RULES }, messageTemplates: defaultMessageTemplates() };
}
