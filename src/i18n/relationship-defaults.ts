/**
 * The relationship settings a shop starts with. Message templates exist in both languages from
 * the start (a Japanese shop still writes to an English-speaking customer), so their default
 * wording lives in one small file holding both, not in the per-language translations (only the
 * language in use is loaded).
 */
import type { ShopSettings } from '../model/types';
import { DEFAULT_FOLLOW_UP_RULES, followUpRulesOf } from '../lib/follow-up-ladder';
import {
  TEMPLATE_KINDS,
  type MessageLanguage,
  type MessageTemplates,
  type TemplateKind,
} from '../lib/message-templates';
import { DEFAULT_STAGE_RULES } from '../lib/stages';
import defaults from './template-defaults.json';

export function defaultMessageTemplates(): MessageTemplates {
  const bodies = Object.fromEntries(
    TEMPLATE_KINDS.map((kind) => [
      kind,
      { ja: defaults.ja.templates[kind], en: defaults.en.templates[kind] },
    ]),
  ) as MessageTemplates['bodies'];
  return {
    bodies,
    optOut: { ja: defaults.ja.optOut, en: defaults.en.optOut },
  };
}

export function relationshipSettingDefaults(): Pick<
  ShopSettings,
  'stageRules' | 'messageTemplates' | 'followUpRules'
> {
  return {
    stageRules: { ...DEFAULT_STAGE_RULES },
    messageTemplates: defaultMessageTemplates(),
    followUpRules: followUpRulesOf(DEFAULT_FOLLOW_UP_RULES),
  };
}

/** A mail's subject in the message's language (which may differ from the screen's). */
export function mailSubject(kind: TemplateKind, language: MessageLanguage, shop: string): string {
  return defaults[language].mailSubject[kind].replace(/\{\{\s*shop\s*\}\}/g, shop);
}

/**
 * The words a message uses where it would name an item it does not know (a purchase noted by hand
 * rather than recorded item by item): "enjoying your purchase", "お品物はいかがでしょうか".
 */
export function itemFallback(kind: TemplateKind, language: MessageLanguage): string {
  const words: Record<string, string> = defaults[language].itemFallback;
  return words[kind] ?? words.default!;
}
