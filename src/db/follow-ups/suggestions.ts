/**
 * The follow-ups the app suggests by itself, one per occasion: each carries a key (`autoKey`) that
 * names the occasion, and an occasion already suggested (done, dismissed or still open) is never
 * suggested again, whichever device or moment finds it.
 */
import { db } from '../db';
import { newId } from '../ids';
import type { FollowUp, FollowUpKind, Id } from '../../model/types';
import type { Stamp } from '../write-context';

export type Suggestion = Pick<FollowUp, 'customerId' | 'kind' | 'dueAt' | 'note'> &
  Required<Pick<FollowUp, 'autoKey'>> &
  Partial<Pick<FollowUp, 'visitId' | 'template' | 'subject' | 'record' | 'wantedItemId'>>;

export function autoKeyFor(kind: FollowUpKind, customerId: Id, occasion: string | number): string {
  return `${kind}:${customerId}:${occasion}`;
}

export function newFollowUp(
  stamp: Stamp,
  fields: Pick<FollowUp, 'customerId' | 'kind' | 'dueAt' | 'note'> & Partial<FollowUp>,
): FollowUp {
  return { id: newId(), createdAt: stamp.updatedAt, ...stamp, status: 'open', ...fields };
}

/**
 * Writes the suggestions whose occasion has not been suggested before; returns those written.
 * Inside a transaction with `followUps`.
 */
export async function addFreshSuggestions(
  suggestions: readonly Suggestion[],
  stamp: Stamp,
): Promise<FollowUp[]> {
  const keys = [...new Set(suggestions.map((s) => s.autoKey))];
  if (keys.length === 0) return [];
  const existing = new Set(
    (await db.followUps.where('autoKey').anyOf(keys).toArray()).map((f) => f.autoKey),
  );
  const fresh: FollowUp[] = [];
  for (const suggestion of suggestions) {
    if (existing.has(suggestion.autoKey)) continue;
    existing.add(suggestion.autoKey);
    fresh.push(newFollowUp(stamp, suggestion));
  }
  if (fresh.length) await db.followUps.bulkAdd(fresh);
  return fresh;
}
