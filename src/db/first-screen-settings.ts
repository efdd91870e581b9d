/**
 * What the first screen needs of the shop's settings: the defaults written at a first start and
 * the settings read from their rows. A module of its own: one in the first screen's chunk carries
 * every export any screen uses from it, and the settings editor's writes (with their checks) are
 * no part of the first screen.
 */
import { db } from './db';
import { guardWrite } from './errors';
import type { SettingKey, SettingRow, ShopSettings } from '../model/types';

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
