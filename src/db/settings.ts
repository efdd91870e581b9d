/** The shop's settings, one row per setting so each can be changed (and later synced) on its own. */
import { db } from './db';
import { guardWrite, InputError } from './errors';
import { requireOwner } from './staff/roles';
import type { SettingKey, SettingRow, ShopSettings } from '../model/types';
import type { WriteContext } from './write-context';

export const QUICK_NOTE_MAX = 40;

/** Long enough not to lock mid-conversation, short enough that a counter left alone locks. */
export const DEFAULT_LOCK_AFTER_MINUTES = 5;

export function settingsFromRows(rows: readonly SettingRow[], defaults: ShopSettings): ShopSettings {
  const settings: ShopSettings = { ...defaults, quickNotes: [...defaults.quickNotes] };
  for (const row of rows) {
    (settings as unknown as Record<string, unknown>)[row.key] = row.value;
  }
  // The follow-up rules and message templates take their defaults where they are used
  // (followUpRulesOf, templatesWithDefaults): code the first screen need not load.
  return settings;
}

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

/**
 * Writes the defaults (in the language the shop first used) for anything not yet set, so a
 * consent's purpose text is always a stored, versioned text and not a translation that may change.
 */
export async function ensureShopDefaults(defaults: ShopSettings): Promise<void> {
  // Only a ledger missing a setting writes (checked again inside the write): a write transaction
  // at every start would hold up the first screen's reads.
  const present = new Set(await db.settings.toCollection().primaryKeys());
  if ((Object.keys(defaults) as SettingKey[]).every((key) => present.has(key))) return;
  const now = Date.now();
  await guardWrite(() =>
    db.transaction('rw', db.settings, async () => {
      const existing = new Set(await db.settings.toCollection().primaryKeys());
      const missing = (Object.keys(defaults) as SettingKey[])
        .filter((key) => !existing.has(key))
        .map((key) => ({ key, value: defaults[key], updatedAt: now }) as SettingRow);
      if (missing.length) await db.settings.bulkAdd(missing);
    }),
  );
}
