/**
 * First things at start-up: give a fresh ledger its owner and shop defaults (in the language the
 * shop first used), and ask the browser to keep the data.
 */
import { db } from '../db/db';
import { requestPersistentStorage } from '../db/persistence';
import { readConnection } from '../db/sync-state';
import { ensureShopDefaults } from '../db/settings';
import { ensureFirstStaff } from '../db/staff';
import { i18n } from '../i18n';

export async function bootstrap(): Promise<void> {
  const t = i18n.t.bind(i18n);
  // A device that joined a shop takes the shop's staff and settings from sync: defaults written
  // here would be new edits, and would overwrite the shop's on every device.
  const connection = await readConnection(db).catch(() => undefined);
  if (!connection || connection.owner) {
    await ensureFirstStaff(t('defaults.ownerName'));
    await ensureShopDefaults({
      shopName: t('defaults.shopName'),
      shopAddress: '',
      purposeText: t('defaults.purposeText'),
      purposeVersion: 1,
      quickNotes: t('defaults.quickNotes', { returnObjects: true }) as string[],
    });
  }
  // Not awaited by the UI: the answer shows in Settings.
  void requestPersistentStorage().catch(() => 'unsupported');
}
