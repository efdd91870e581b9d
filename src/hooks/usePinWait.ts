/**
 * How long this device must wait before the next PIN may be tried, read from the database (so a
 * reload shows the same wait) and counted down every second while it runs.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { pinAttempts } from '../db/staff/pin-attempts';
import { NO_ATTEMPTS, triesBeforeWait, waitLeft } from '../lib/pin-attempts';

export interface PinWait {
  /** Milliseconds until the next PIN may be tried; 0 when one may be tried now. */
  waitMs: number;
  /** Wrong PINs still free before the first wait. */
  triesBeforeWait: number;
}

export function usePinWait(): PinWait {
  const [tick, setTick] = useState(0);
  // The time is read with the count, so the countdown and a new wrong PIN share one clock reading.
  const read = useLiveQuery(
    async () => ({ attempts: await pinAttempts(), at: Date.now() }),
    [tick],
  );
  const attempts = read?.attempts ?? NO_ATTEMPTS;
  const waitMs = read ? waitLeft(attempts, read.at) : 0;
  const waiting = waitMs > 0;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [waiting]);
  return { waitMs, triesBeforeWait: triesBeforeWait(attempts) };
}
