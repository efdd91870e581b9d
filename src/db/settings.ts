/** The shop's settings, one row per setting so each can be changed (and later synced) on its own. */
import { db } from './db';
import { guardWrite, InputError } from './errors';
import { requireOwner } from './staff/roles';
import type { SettingKey, SettingRow, ShopSettings } from '../model/types';
import type { WriteContext } from './write-context';

export { DEFAULT_LOCK_AFTER_MINUTES, ensureShopDefaults, settingsFromRows } from './first-screen-settings';

export const QUICK_NOTE_MAX = 40;

/** The longest auto-lock on offer is an hour; a day is the most the data layer accepts. */
const LONGEST_LOCK_MINUTES = 24 * 60;

/**
 * The auto-lock is what keeps a counter left alone from showing the ledger: it is whole minutes,
 * and only an owner may turn it off (0, "Never"). Checked here as well as in the screen, so a
 * stale screen or staff with the settings open cannot leave the counter unlocked for good.
 */
async function checkLockAfter(minutes: unknown, ctx: WriteContext): Promise<void> {
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 0 || minutes > LONGEST_LOCK_MINUTES) {
    throw new InputError([{ field: 'lockAfterMinutes', code: 'invalid' }]);
  }
  if (minutes === 0) await requireOwner(ctx, 'never lock');
}

export async function saveSetting<K extends SettingKey>(
  key: K,
  value: ShopSettings[K],
  ctx: WriteContext,
): Promise<void> {
  await guardWrite(() =>
    db.transaction('rw', db.settings, db.staff, async () => {
      if (key === 'lockAfterMinutes') await checkLockAfter(value, ctx);
      // Spread the stored row: fields a newer app version added on another device stay (sync).
      const existing = await db.settings.get(key);
      await db.settings.put({ ...existing, key, value, updatedAt: Date.now(), updatedBy: ctx.staffId } as SettingRow);
    }),
  );
}

/**
 * A new purpose text gets a new version number, in one transaction, so every consent can point to
 * the exact wording the customer saw.
 */
export async function savePurposeText(text: string, ctx: WriteContext): Promise<void> {
  const now = Date.now();
  await guardWrite(() =>
    db.transaction('rw', db.settings, async () => {
      const current = await db.settings.get('purposeText');
      if (current?.value === text) return;
      const version = await db.settings.get('purposeVersion');
      const next = typeof version?.value === 'number' ? version.value + 1 : 1;
      await db.settings.bulkPut([
        { ...current, key: 'purposeText', value: text, updatedAt: now, updatedBy: ctx.staffId },
        { ...version, key: 'purposeVersion', value: next, updatedAt: now, updatedBy: ctx.staffId },
      ]);
    }),
  );
}
