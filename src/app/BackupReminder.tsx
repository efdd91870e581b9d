/** A gentle reminder on the home screen when the ledger has gone a week without a backup. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from '../i18n';
import { Link } from 'react-router';
import { backupFacts } from '../db/backup/status';
import { backupReminderDue } from '../lib/backup-reminder';

export function BackupReminder() {
  const { t } = useTranslation();
  const facts = useLiveQuery(backupFacts, []);
  const [dismissed, setDismissed] = useState(false);
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
