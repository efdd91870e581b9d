/**
 * The temperature guard, read where the queue is shown: which open follow-ups wait, and why
 * (src/lib/follow-up-ladder.ts holds the rules). The occasion stays queued: once the reason
 * passes (the minimum days are over, the customer reaches the stage, the owner lowers the caution
 * level), it is due again without anyone re-creating it.
 *
 * The last contact is the latest Contact entry on the customer's timeline (what "Done" on a
 * follow-up writes), read through [customerId+at] over the minimum days only.
 */
import { Dexie } from 'dexie';
import { addDays } from '../../lib/days';
import {
  followUpRulesOf,
  holdBack,
  type FollowUpRules,
  type HoldReason,
} from '../../lib/follow-up-ladder';
import { cautionLevelOf } from '../../lib/refusal';
import { DEFAULT_STAGE_RULES, visitStage, type StageRules } from '../../lib/stages';
import { db } from '../db';
import type { Customer, FollowUp, Id } from '../../model/types';

async function lastContactAt(
  customerId: Id,
  since: number,
  now: number,
): Promise<number | undefined> {
  const contacts = await db.visits
    .where('[customerId+at]')
    .between([customerId, since], [customerId, now], true, true)
    .filter((v) => !v.deletedAt && v.kind === 'contact')
    .toArray();
  return contacts.length ? Math.max(...contacts.map((v) => v.at)) : undefined;
}

/** The owner's follow-up rules and stage rules. Inside a transaction with `settings`. */
export async function guardSettings(): Promise<{ rules: FollowUpRules; stageRules: StageRules }> {
  const [rules, stageRules] = await db.settings.bulkGet(['followUpRules', 'stageRules']);
  return {
    rules: followUpRulesOf(rules?.value as Partial<FollowUpRules> | undefined),
    stageRules: (stageRules?.value as StageRules | undefined) ?? DEFAULT_STAGE_RULES,
  };
}

/**
 * Why each of these follow-ups waits (only those that do). Inside a transaction with `visits`
 * and `settings`; `people` holds their customers.
 */
export async function heldBack(
  followUps: readonly FollowUp[],
  people: ReadonlyMap<Id, Customer>,
  now: number,
): Promise<Map<Id, HoldReason>> {
  const { rules, stageRules } = await guardSettings();
  const since =
    rules.minDaysBetweenContacts > 0 ? addDays(now, -rules.minDaysBetweenContacts) : Dexie.maxKey;
  const contacts = new Map<Id, number | undefined>();
  const held = new Map<Id, HoldReason>();
  for (const followUp of followUps) {
    const customer = people.get(followUp.customerId);
    if (!customer) continue;
    if (typeof since === 'number' && !contacts.has(customer.id)) {
      contacts.set(customer.id, await lastContactAt(customer.id, since, now));
    }
    const reason = holdBack(followUp.kind, {
      now,
      rules,
      stage: visitStage(customer.visitTimes ?? [], { now, rules: stageRules }),
      level: cautionLevelOf(customer.caution),
      lastContactAt: contacts.get(customer.id),
    });
    if (reason) held.set(followUp.id, reason);
  }
  return held;
}
