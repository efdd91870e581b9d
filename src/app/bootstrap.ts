/**
 * First things at start-up: give a fresh ledger its owner and shop defaults (in the language the
 * shop first used), ask the browser to keep the data, and bring follow-up suggestions up to date.
 */
import { requestPersistentStorage } from '../db/persistence';
import { ensureShopDefaults } from '../db/settings';
import { ensureFirstStaff } from '../db/staff';
import { i18n } from '../i18n';
import { relationshipSettingDefaults } from '../i18n/relationship-defaults';

export async function bootstrap(): Promise<void> {
  const t = i18n.t.bind(i18n);
  await ensureFirstStaff(t('defaults.ownerName'));
  await ensureShopDefaults({
    shopName: t('defaults.shopName'),
    shopAddress: '',
    purposeText: t('defaults.purposeText'),
    purposeVersion: 1,
    quickNotes: t('defaults.quickNotes', { returnObjects: true }) as string[],
    ...relationshipSettingDefaults(),
  });
  // Not awaited by the UI: the answer shows in Settings.
  void requestPersistentStorage().catch(() => 'unsupported');
  // Today's thank-yous, birthdays and lapse nudges, ready when someone opens Follow-ups. Loaded
  // on demand: the rules are not needed to draw the search screen.
  void import('../db/follow-ups')
    .then(({ suggestFollowUps }) => suggestFollowUps())
    .catch((error: unknown) => console.error('Daifuku follow-up suggestions', error));
}
