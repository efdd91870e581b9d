/** Words for a follow-up: when it is due and the message it suggests. */
import type { FollowUp, ShopSettings } from '../../model/types';
import { dayNumber } from '../../lib/days';
import { itemFallback } from '../../i18n/relationship-defaults';
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
  const template = settings.messageTemplates.bodies[kind][language];
  return fillTemplate(template, {
    name: customerName,
    shop: settings.shopName,
    item: followUp.subject || itemFallback(kind, language),
  });
}
