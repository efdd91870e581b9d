/** Words for a follow-up: when it is due and the message it suggests. */
import type { FollowUp, ShopSettings } from '../../model/types';
import { dayNumber } from '../../lib/days';
import type { TFunction } from '../../i18n';
import type { HoldReason } from '../../lib/follow-up-ladder';
import { formatDate } from '../../lib/format';
import { itemFallback, templatesWithDefaults } from '../../i18n/message-template-defaults';
import { fillTemplate, type MessageLanguage, type TemplateKind } from '../../lib/message-templates';

export type DueLabel =
  | { key: 'dueToday' }
  | { key: 'dueTomorrow' }
  | { key: 'overdue'; days: number }
  | { key: 'dueOn' };

export function dueLabel(dueAt: number, now: number): DueLabel {
  const days = dayNumber(dueAt) - dayNumber(now);
  if (days < 0) return { key: 'overdue', days: -days };
  if (days === 0) return { key: 'dueToday' };
  if (days === 1) return { key: 'dueTomorrow' };
  return { key: 'dueOn' };
}

/** The owner's template a follow-up's message starts from: its own, or the kind's. */
export function templateOf(followUp: Pick<FollowUp, 'kind' | 'template'>): TemplateKind {
  return followUp.template ?? followUp.kind;
}

export function suggestedMessage(
  followUp: Pick<FollowUp, 'kind' | 'template' | 'subject'>,
  customerName: string,
  settings: Pick<ShopSettings, 'messageTemplates' | 'shopName'>,
  language: MessageLanguage,
): string {
  const kind = templateOf(followUp);
  const template = templatesWithDefaults(settings.messageTemplates).bodies[kind][language];
  return fillTemplate(template, {
    name: customerName,
    shop: settings.shopName,
    item: followUp.subject || itemFallback(kind, language),
  });
}

/** Why the temperature guard holds a follow-up back, in words the person at the counter can weigh. */
export function heldText(held: HoldReason, language: string, t: TFunction): string {
  switch (held.reason) {
    case 'stopped':
      return t('followUps.held.stopped', { level: t(`caution.levels.${held.level}`) });
    case 'too-soon':
      return t('followUps.held.too-soon', {
        date: formatDate(held.lastContactAt, language),
        until: formatDate(held.until, language),
      });
    case 'too-early':
      return t('followUps.held.too-early', {
        stage: t(`stage.${held.stage}`),
        needed: t(`stage.${held.needed}`),
      });
  }
}
