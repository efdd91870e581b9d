import { useSyncExternalStore } from 'react';
import { useTranslation } from '../i18n';
import { databaseEvents, isDatabaseClosedForUpgrade } from '../db/db';

function subscribe(listener: () => void) {
  databaseEvents.addEventListener('closed-for-upgrade', listener);
  return () => databaseEvents.removeEventListener('closed-for-upgrade', listener);
}

/** Another tab upgraded the database: this one let go and must reload (drafts survive it). */
export function DatabaseClosedBanner() {
  const { t } = useTranslation();
  const closed = useSyncExternalStore(subscribe, isDatabaseClosedForUpgrade, () => false);
  if (!closed) return null;
  return (
    <div className="update-banner update-banner--warning" role="alert">
      <div>
        <strong>{t('errors.upgradeTitle')}</strong>
        <p className="small">{t('errors.upgradeBody')}</p>
      </div>
      <button type="button" className="button button--primary" onClick={() => location.reload()}>
        {t('errors.reload')}
      </button>
    </div>
  );
}
