/**
 * Wrong PINs entered on this device, kept in its own `meta` table (never synced, never in a
 * backup) so a reload, a new tab or a restart does not reset the count. The rule for the wait is
 * src/lib/pin-attempts.ts; the counter asks here through tryStaffPin (src/db/staff.ts).
 */
import {
  NO_ATTEMPTS,
  afterWrongPin,
  parsePinAttempts,
  type PinAttempts,
} from '../lib/pin-attempts';
import { db } from './db';
import { guardWrite } from './errors';

const PIN_ATTEMPTS_KEY = 'pinAttempts';

/** This device's count of wrong PINs (for useLiveQuery: the lock screen shows the wait). */
export async function pinAttempts(): Promise<PinAttempts> {
  return parsePinAttempts((await db.meta.get(PIN_ATTEMPTS_KEY))?.value);
}

/** Counts one PIN tried: a wrong one adds to the count, a right one clears it. */
export async function recordPinTried(right: boolean, now = Date.now()): Promise<PinAttempts> {
  return guardWrite(() =>
    db.transaction('rw', db.meta, async () => {
      if (right) {
        await db.meta.delete(PIN_ATTEMPTS_KEY);
        return NO_ATTEMPTS;
      }
      // Read again inside the transaction: another tab may have counted one meanwhile.
      const next = afterWrongPin(
        parsePinAttempts((await db.meta.get(PIN_ATTEMPTS_KEY))?.value),
        now,
      );
      await db.meta.put({ key: PIN_ATTEMPTS_KEY, value: next });
      return next;
    }),
  );
}
