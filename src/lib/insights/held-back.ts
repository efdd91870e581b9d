/**
 * THE ADAPTER for "held back" follow-ups: the one place the insights learn that the temperature
 * guard (contact too soon after the last one, or too early for the customer's stage) held a
 * follow-up back. Everything else reads a follow-up's outcome through `followUpOutcome`.
 *
 * Assumed until the guard's branch lands (wire it here at merge, nowhere else):
 * - a held-back follow-up stays `status: 'open'` and carries a `heldBack` field (an object saying
 *   why, set by the guard; absent or null when it is not held back);
 * - if the guard uses a status of its own instead, name it in HELD_BACK_STATUSES (the data layer
 *   then also reads that status's range of the `[status+dueAt]` index) and `heldBack` goes unused.
 */
import type { FollowUp } from '../../model/types';

/** Statuses that mean "held back", if the guard adds one. */
export const HELD_BACK_STATUSES: readonly string[] = [];

/** The statuses whose follow-ups the insights read. */
export const STATUSES_READ: readonly string[] = [
  'open',
  'done',
  'dismissed',
  ...HELD_BACK_STATUSES,
];

/** A follow-up as stored, with the guard's field where the guard set it. */
export type FollowUpAsStored = Pick<FollowUp, 'status'> & { heldBack?: unknown };

export const FOLLOW_UP_OUTCOMES = ['done', 'skipped', 'open', 'held-back'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

export function isHeldBack(row: FollowUpAsStored): boolean {
  return HELD_BACK_STATUSES.includes(row.status) || (row.status === 'open' && row.heldBack != null);
}

/** Done, skipped (dismissed), held back by the guard, or still open. */
export function followUpOutcome(row: FollowUpAsStored): FollowUpOutcome {
  if (row.status === 'done') return 'done';
  if (row.status === 'dismissed') return 'skipped';
  return isHeldBack(row) ? 'held-back' : 'open';
}
