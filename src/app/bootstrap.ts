/**
 * First things at start-up: finish or roll back an interrupted restore, give a fresh ledger its
 * owner and shop defaults (in the language the shop first used), ask the browser to keep the
 * data, bring follow-up suggestions up to date, and drop form drafts nobody came back to.
 */
import { db } from '../db/db';
import { requestPersistentStorage } from '../db/persistence';
import { restoreLeftWork } from '../db/backup/status';
import { DEFAULT_LOCK_AFTER_MINUTES, ensureShopDefaults } from '../db/first-screen-settings';
import { readConnection } from '../db/sync/state';
import { ensureFirstStaff } from '../db/staff/first-screen-staff';
import { i18n, startI18n } from '../i18n';
import { afterFirstAnswer } from '../lib/first-answer';
import { whenIdle } from '../lib/when-idle';
import { relationshipSettingDefaults } from '../i18n/relationship-defaults';
import { noteRestoreRolledBack } from './RestoreRecoveredBanner';

export async function bootstrap(): Promise<void> {
  // The defaults are written in the shop's language: its strings must be there first.
  await startI18n();
  const t = i18n.t.bind(i18n);
  // Before anything else reads the ledger: a restore cut short by a closed tab is rolled back.
  // The restore code loads only when there is something to recover.
  if (await restoreLeftWork()) {
    const { recoverInterruptedRestore } = await import('../db/backup/restore');
    if ((await recoverInterruptedRestore()) === 'rolled-back') noteRestoreRolledBack();
  }
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
      ...relationshipSettingDefaults(),
      lockAfterMinutes: DEFAULT_LOCK_AFTER_MINUTES,
    });
  }
  // Drafts hold personal data outside the ledger: those untouched for a week go. Off the first
  // screen's path: a form opening an old draft drops it itself.
  afterFirstAnswer(() =>
    whenIdle(
      () =>
        void import('../lib/drafts')
          .then(({ sweepDrafts }) => sweepDrafts())
          .catch((error: unknown) => console.error('Daifuku drafts', error)),
      10_000,
      2_000,
    ),
  );
  // Not awaited by the UI: the answer shows in Settings.
  void requestPersistentStorage().catch(() => 'unsupported');
  // Today's thank-yous, birthdays and lapse nudges, ready when someone opens Follow-ups (which
  // brings them up to date itself as well). After the first search's answer: their code and their
  // read-write transaction would hold up the few rows that answer needs.
  afterFirstAnswer(
    () =>
      void import('../db/follow-ups/follow-ups')
        .then(({ suggestFollowUps }) => suggestFollowUps())
        .catch((error: unknown) => console.error('Daifuku follow-up suggestions', error)),
  );
}
