/** Words for a follow-up: when it is due and the message it suggests. */
import type { FollowUp, ShopSettings } from '../../model/types';
import { dayNumber } from '../../lib/days';
import { fillTemplate, type MessageLanguage } from '../../lib/message-templates';

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

export function suggestedMessage(
  followUp: Pick<FollowUp, 'kind'>,
  customerName: string,
  settings: Pick<ShopSettings, 'messageTemplates' | 'shopName'>,
  language: MessageLanguage,
): string {
  const template = settings.messageTemplates.bodies[followUp.kind][language];
  return fillTemplate(template, { name: customerName, shop: settings.shopName });
}
