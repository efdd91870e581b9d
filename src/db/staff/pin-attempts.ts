/**
 * Wrong PINs entered on this device, kept in its own `meta` table (never synced, never in a
 * backup) so a reload, a new tab or a restart does not reset the count, and the counter's PIN
 * check that honours it (tryStaffPin). The rule for the wait is src/lib/pin-attempts.ts. Loaded
 * only once a PIN is asked for: a ledger without PINs never needs it.
 */
import {
  NO_ATTEMPTS,
  afterWrongPin,
  parsePinAttempts,
  waitLeft,
  type PinAttempts,
} from '../../lib/pin-attempts';
import { db } from '../db';
import { guardWrite } from '../errors';
import { verifyStaffPin } from './staff';
import type { Id } from '../../model/types';

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

export type PinTry =
  { ok: true } | { ok: false; /** How long until the next try (0: now). */ waitMs: number };

/**
 * The counter's PIN check, with this device's limit on wrong PINs (src/lib/pin-attempts.ts):
 * while a wait runs the PIN is not even checked; a wrong PIN adds to the count, a right one
 * clears it. A disk too full to keep the count never stops a right PIN from unlocking.
 */
export async function tryStaffPin(id: Id, pin: string, now = Date.now()): Promise<PinTry> {
  const left = waitLeft(await pinAttempts(), now);
  if (left > 0) return { ok: false, waitMs: left };
  const right = await verifyStaffPin(id, pin);
  const attempts = await recordPinTried(right, now).catch(() => undefined);
  if (right) return { ok: true };
  return { ok: false, waitMs: attempts ? waitLeft(attempts, now) : 0 };
}
