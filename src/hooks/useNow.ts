import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every minute: stages and due days change as the day goes on, and a
 * screen left open overnight at the counter should not keep yesterday's.
 */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
