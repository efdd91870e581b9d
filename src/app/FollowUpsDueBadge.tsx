/**
 * How many follow-ups are due, on the navigation's "Follow-ups". Hidden from assistive technology
 * so the link keeps its plain name; the Follow-ups screen says the same in words.
 */
import { countFollowUpsDue } from '../db/follow-ups/count';
import { useAfterFirstAnswer } from '../hooks/useAfterFirstAnswer';
import { useNow } from '../hooks/useNow';
import { useTableRead } from '../hooks/useTableRead';
import { addDays } from '../lib/days';

/**
 * The count reads the due follow-ups' cards (one deleted meanwhile no longer counts): while an
 * import or a sync writes batch after batch of cards, once a second is enough, rather than on
 * every batch in the middle of someone's typing.
 */
const RECOUNT_AT_MOST_EVERY_MS = 1_000;

export function FollowUpsDueBadge() {
  const now = useNow();
  // Counted once start-up's first search is answered (or the start was quiet): reading every due
  // follow-up's card competed with a search typed the moment the tablet was switched on.
  const started = useAfterFirstAnswer();
  const count = useTableRead(
    ['followUps', 'customers'],
    () => (started ? countFollowUpsDue(addDays(now, 1)) : Promise.resolve(undefined)),
    [now, started],
    { atMostEveryMs: RECOUNT_AT_MOST_EVERY_MS },
  );
  if (!count) return null;
  return (
    <span className="nav__badge" aria-hidden="true">
      {count > 99 ? '99+' : count}
    </span>
  );
}
