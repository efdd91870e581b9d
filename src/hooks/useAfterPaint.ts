import { useEffect, useState } from 'react';

/**
 * True from the frame after `ready` first became true and was painted. A screen shows what is
 * needed at a glance first (a card's name, caution, timeline) and mounts its secondary panels,
 * each with its own reads, just after: the first paint does not wait for them.
 */
export function useAfterPaint(ready: boolean): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    if (!ready || after) return;
    let timer: number | undefined;
    // The frame callback runs before that frame paints; the task it queues runs after.
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setAfter(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [ready, after]);
  return after;
}
