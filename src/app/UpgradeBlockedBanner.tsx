import { useSyncExternalStore } from 'react';
import { useTranslation } from '../i18n';
import { databaseEvents, isUpgradeBlocked } from '../db/db';

function subscribe(listener: () => void) {
  databaseEvents.addEventListener('upgrade-blocked', listener);
  return () => databaseEvents.removeEventListener('upgrade-blocked', listener);
}

/** This tab's upgrade waits for an older Daifuku open elsewhere: say which window to close. */
export function UpgradeBlockedBanner() {
  const { t } = useTranslation();
  const blocked = useSyncExternalStore(subscribe, isUpgradeBlocked, () => false);
  if (!blocked) return null;
  return (
    <div className="update-banner update-banner--warning" role="alert">
      <div>
        <strong>{t('safety.blocked.title')}</strong>
        <p className="small">{t('safety.blocked.body')}</p>
      </div>
    </div>
  );
}
