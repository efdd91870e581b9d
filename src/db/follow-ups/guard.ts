/**
 * The temperature guard, read where the queue is shown: which open follow-ups wait, and why
 * (src/lib/follow-up-ladder.ts holds the rules). The occasion stays queued: once the reason
 * passes (the minimum days are over, the customer reaches the stage, the owner lowers the caution
 * level), it is due again without anyone re-creating it.
 *
 * The last contact is the latest Contact entry on the customer's timeline (what "Done" on a
 * follow-up writes), read over the minimum days only.
 */
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
import type { Customer, FollowUp, Id, Visit } from '../../model/types';

/** A contact entry (what "Done" on a follow-up writes) that still stands. */
function isContact(visit: Visit): boolean {
  return !visit.deletedAt && visit.kind === 'contact';
}

/**
 * The latest contact since `since` of each of these customers. A queue of thousands (the owner's
 * insights ask about every open follow-up of the year) reads the window's timeline once, by `at`:
 * a query per customer costs a round trip each. A short queue over a long window asks per
 * customer, over `[customerId+at]`, all at once.
 */
async function lastContacts(
  customerIds: ReadonlySet<Id>,
  since: number,
  now: number,
): Promise<Map<Id, number>> {
  const latest = new Map<Id, number>();
  const note = (visit: Visit) => {
    if (!isContact(visit) || !customerIds.has(visit.customerId)) return;
    const before = latest.get(visit.customerId);
    if (before === undefined || visit.at > before) latest.set(visit.customerId, visit.at);
  };
  if (customerIds.size === 0) return latest;
  const inWindow = await db.visits.where('at').between(since, now, true, true).count();
  if (inWindow <= customerIds.size * WINDOW_ROWS_PER_CUSTOMER) {
    (await db.visits.where('at').between(since, now, true, true).toArray()).forEach(note);
  } else {
    const timelines = await Promise.all(
      [...customerIds].map((id) =>
        db.visits.where('[customerId+at]').between([id, since], [id, now], true, true).toArray(),
      ),
    );
    timelines.flat().forEach(note);
  }
  return latest;
}

/** Reading this many of the window's rows per customer asked about costs about one query each. */
const WINDOW_ROWS_PER_CUSTOMER = 20;

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
  people: ReadonlyMap<Id, Pick<Customer, 'id' | 'visitTimes' | 'caution'>>,
  now: number,
): Promise<Map<Id, HoldReason>> {
  const { rules, stageRules } = await guardSettings();
  // No minimum days: the last contact does not matter, so none is read.
  const since =
    rules.minDaysBetweenContacts > 0 ? addDays(now, -rules.minDaysBetweenContacts) : undefined;
  const asked = new Set<Id>();
  for (const followUp of followUps) if (people.has(followUp.customerId)) asked.add(followUp.customerId);
  const contacts =
    since === undefined ? new Map<Id, number>() : await lastContacts(asked, since, now);
  const held = new Map<Id, HoldReason>();
  for (const followUp of followUps) {
    const customer = people.get(followUp.customerId);
    if (!customer) continue;
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
