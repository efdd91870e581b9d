/**
 * How many follow-ups are due, on the navigation's "Follow-ups". Hidden from assistive technology
 * so the link keeps its plain name; the Follow-ups screen says the same in words.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { countFollowUpsDue } from '../db/follow-ups/count';
import { useNow } from '../hooks/useNow';
import { addDays } from '../lib/days';

export function FollowUpsDueBadge() {
  const now = useNow();
  const count = useLiveQuery(() => countFollowUpsDue(addDays(now, 1)), [now]);
  if (!count) return null;
  return (
    <span className="nav__badge" aria-hidden="true">
      {count > 99 ? '99+' : count}
    </span>
  );
}
