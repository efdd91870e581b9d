/** Says so when start-up rolled back a restore that a closed tab left half done. */
import { useSyncExternalStore } from 'react';
import { useTranslation } from '../i18n';

let recovered = false;
const listeners = new Set<() => void>();

export function noteRestoreRolledBack(): void {
  recovered = true;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function RestoreRecoveredBanner() {
  const { t } = useTranslation();
  const shown = useSyncExternalStore(subscribe, () => recovered, () => false);
  if (!shown) return null;
  return (
    <div className="update-banner update-banner--warning" role="alert">
      <p className="small">{t('safety.backup.recovered')}</p>
      <button
        type="button"
        className="button button--ghost"
        onClick={() => {
          recovered = false;
          for (const listener of listeners) listener();
        }}
      >
        {t('dismiss')}
      </button>
    </div>
  );
}
