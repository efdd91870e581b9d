/**
 * The owner's relationship settings: stage thresholds, the follow-up ladder and message templates. Both are shop
 * settings rows like the others; saving them is owner-only and checked here as well as in the UI.
 */
import { charCount } from '../../lib/char-count';
import {
  MESSAGE_LANGUAGES,
  TEMPLATE_KINDS,
  TEMPLATE_MAX,
  unknownPlaceholders,
  type MessageTemplates,
} from '../../lib/message-templates';
import { invalidStageRules, lapseStart, type StageRules } from '../../lib/stages';
import {
  followUpRulesOf,
  invalidFollowUpRules,
  type FollowUpRules,
} from '../../lib/follow-up-ladder';
import type { FieldError } from '../../lib/customer-input';
import { db } from '../db';
import { guardWrite, InputError } from '../errors';
import { requireOwner } from '../staff/roles';
import type { SettingRow } from '../../model/types';
import type { WriteContext } from '../write-context';

/** Customers per transaction when lapse days are recomputed: large transactions can crash tabs. */
const RECOMPUTE_BATCH = 2000;

export async function saveStageRules(rules: StageRules, ctx: WriteContext): Promise<void> {
  const invalid = invalidStageRules(rules);
  if (invalid.length) throw new InputError(invalid.map((field) => ({ field, code: 'invalid' })));
  await guardWrite(() =>
    db.transaction('rw', db.settings, db.staff, async () => {
      await requireOwner(ctx, 'stage rules');
      await db.settings.put({
        key: 'stageRules',
        value: { ...rules },
        updatedAt: Date.now(),
        updatedBy: ctx.staffId,
      } as SettingRow);
    }),
  );
  await recomputeLapseDates(rules);
}

/**
 * The follow-up ladder's steps and the temperature guard's minimum days (src/lib/follow-up-ladder.ts).
 * Owner-only; out-of-range values are refused by field, as the settings screen shows them.
 */
export async function saveFollowUpRules(rules: FollowUpRules, ctx: WriteContext): Promise<void> {
  const invalid = invalidFollowUpRules(rules);
  if (invalid.length) throw new InputError(invalid.map((field) => ({ field, code: 'invalid' })));
  await guardWrite(() =>
    db.transaction('rw', db.settings, db.staff, async () => {
      await requireOwner(ctx, 'follow-up rules');
      await db.settings.put({
        key: 'followUpRules',
        value: followUpRulesOf(rules),
        updatedAt: Date.now(),
        updatedBy: ctx.staffId,
      } as SettingRow);
    }),
  );
}

/**
 * The lapse day on every card follows the rules it was computed with; after a change every card
 * with visits gets the new one. Derived data only, so it runs in batches: an interruption leaves
 * some cards with the old day until the next save, never a broken card.
 */
export async function recomputeLapseDates(rules: StageRules): Promise<void> {
  const ids = await db.customers.toCollection().primaryKeys();
  for (let i = 0; i < ids.length; i += RECOMPUTE_BATCH) {
    const batch = ids.slice(i, i + RECOMPUTE_BATCH);
    await guardWrite(() =>
      db.transaction('rw', db.customers, async () => {
        for (const customer of await db.customers.bulkGet(batch)) {
          if (!customer || customer.deletedAt) continue;
          const lapseAt = lapseStart(customer.visitTimes ?? [], rules, customer.visitsBefore);
          if (lapseAt !== customer.lapseAt) await db.customers.update(customer.id, { lapseAt });
        }
      }),
    );
  }
}

/** Everything wrong with a set of templates, as field errors ("bodies.thank-you.ja", "optOut.en"). */
export function templateErrors(templates: MessageTemplates): FieldError[] {
  const errors: FieldError[] = [];
  for (const kind of TEMPLATE_KINDS) {
    for (const language of MESSAGE_LANGUAGES) {
      const text = templates.bodies[kind][language];
      const field = `bodies.${kind}.${language}`;
      if (!text.trim()) errors.push({ field, code: 'required' });
      else if (charCount(text) > TEMPLATE_MAX)
        errors.push({ field, code: 'tooLong', max: TEMPLATE_MAX });
      else if (unknownPlaceholders(text).length) errors.push({ field, code: 'unknownPlaceholder' });
    }
  }
  for (const language of MESSAGE_LANGUAGES) {
    // The anti-spam email law asks every mail to say how to stop receiving messages.
    if (!templates.optOut[language].trim())
      errors.push({ field: `optOut.${language}`, code: 'required' });
  }
  return errors;
}

export async function saveMessageTemplates(
  templates: MessageTemplates,
  ctx: WriteContext,
): Promise<void> {
  const errors = templateErrors(templates);
  if (errors.length) throw new InputError(errors);
  await guardWrite(() =>
    db.transaction('rw', db.settings, db.staff, async () => {
      await requireOwner(ctx, 'message templates');
      await db.settings.put({
        key: 'messageTemplates',
        value: templates,
        updatedAt: Date.now(),
        updatedBy: ctx.staffId,
      } as SettingRow);
    }),
  );
}
