/** A gentle reminder on the home screen when the ledger has gone a week without a backup. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n';
import { Link } from 'react-router';
import { backupFacts } from '../db/backup/status';
import { backupReminderDue, type BackupFacts } from '../lib/backup-reminder';
import { readPref, writePref } from '../lib/device-prefs';

/**
 * The facts as this device last read them, kept so the reminder is on screen from the first
 * frame: shown only once the database answered, it pushed the search box down just as staff
 * reached for it.
 */
export const BACKUP_FACTS_PREF = 'backupFacts';

export function BackupReminder() {
  const { t } = useTranslation();
  const [remembered] = useState(rememberedFacts);
  const read = useLiveQuery(backupFacts, []);
  const facts = read ?? remembered;
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => {
    if (!read) return;
    const text = JSON.stringify(read);
    if (readPref(BACKUP_FACTS_PREF) !== text) writePref(BACKUP_FACTS_PREF, text);
  }, [read]);
  if (!facts || dismissed || !backupReminderDue(facts)) return null;
  return (
    <aside className="reminder" aria-label={t('safety.storage.backUpNow')}>
      <p className="small">{facts.lastBackupAt ? t('safety.storage.reminder') : t('safety.storage.reminderNever')}</p>
      <div className="actions">
        <button type="button" className="button button--ghost" onClick={() => setDismissed(true)}>
          {t('safety.storage.later')}
        </button>
        <Link className="button" to="/settings/backup">
          {t('safety.storage.backUpNow')}
        </Link>
      </div>
    </aside>
  );
}

/** What an earlier start read, if it is there and well formed (storage is the device's, not ours to trust). */
function rememberedFacts(): BackupFacts | undefined {
  const text = readPref(BACKUP_FACTS_PREF);
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const time = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
    if (
      typeof value === 'object' &&
      value !== null &&
      time(value.lastBackupAt) &&
      time(value.ledgerStartedAt) &&
      typeof value.hasCustomers === 'boolean' &&
      typeof value.syncOn === 'boolean'
    ) {
      return {
        lastBackupAt: value.lastBackupAt as number | undefined,
        ledgerStartedAt: value.ledgerStartedAt as number | undefined,
        hasCustomers: value.hasCustomers,
        syncOn: value.syncOn,
      };
    }
  } catch {
    // Not JSON: read afresh below.
  }
  return undefined;
}
