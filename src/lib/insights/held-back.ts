/**
 * "Held back" follow-ups: the temperature guard (src/lib/follow-up-ladder.ts: contact too soon
 * after the last one, too early for the customer's stage, a caution level that stops contact)
 * leaves a follow-up `status: 'open'` and is read where the queue is shown, not stored. The data
 * layer asks the guard (db/follow-ups/guard.ts) for the open follow-ups already due and hands its
 * reason in as `heldBack`; everything else reads a follow-up's outcome through `followUpOutcome`.
 */
import type { FollowUp } from '../../model/types';

/** The statuses whose follow-ups the insights read (held back is an open one the guard holds). */
export const STATUSES_READ: readonly FollowUp['status'][] = ['open', 'done', 'dismissed'];

/** A follow-up as stored, with the guard's field where the guard set it. */
export type FollowUpAsStored = Pick<FollowUp, 'status'> & { heldBack?: unknown };

export const FOLLOW_UP_OUTCOMES = ['done', 'skipped', 'open', 'held-back'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

export function isHeldBack(row: FollowUpAsStored): boolean {
  return row.status === 'open' && row.heldBack != null;
}

/** Done, skipped (dismissed), held back by the guard, or still open. */
export function followUpOutcome(row: FollowUpAsStored): FollowUpOutcome {
  if (row.status === 'done') return 'done';
  if (row.status === 'dismissed') return 'skipped';
  return isHeldBack(row) ? 'held-back' : 'open';
}
