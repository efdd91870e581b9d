/**
 * The message templates a shop starts with. They exist in both languages from the start (a
 * Japanese shop still writes to an English-speaking customer), so their default wording lives in
 * one small file holding both, not in the per-language translations. Only the screens that write
 * messages (follow-ups, Settings → Messages) import it: the first screen never needs it.
 */
import {
  TEMPLATE_KINDS,
  withEveryTemplate,
  type MessageLanguage,
  type MessageTemplates,
  type TemplateKind,
} from '../lib/message-templates';
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

/**
 * The templates to write with: what the owner saved, and the default wording for anything not
 * saved (a shop that never edited them, or a kind added since they were saved or synced).
 */
export function templatesWithDefaults(saved: MessageTemplates | undefined): MessageTemplates {
  const defaults = defaultMessageTemplates();
  return saved ? withEveryTemplate(saved, defaults) : defaults;
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
