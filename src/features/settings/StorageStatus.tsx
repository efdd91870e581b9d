import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { persistenceState, requestPersistentStorage, storageUse, type PersistenceState, type StorageUse } from '../../db/persistence';
import { formatBytes } from '../../lib/format';

/** Whether the browser promised to keep the ledger, and how much room is left. */
export function StorageStatus() {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<PersistenceState | undefined>();
  const [use, setUse] = useState<StorageUse | undefined>();

  const refresh = useCallback(async () => {
    setState(await persistenceState());
    setUse(await storageUse());
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <section className="panel" aria-labelledby="storage-heading">
      <h2 id="storage-heading">{t('settings.storage')}</h2>
      <p className={`status status--${state ?? 'checking'}`}>{t(`settings.persistence.${state ?? 'checking'}`)}</p>
      {use && (
        <p className="muted small">
          {t('settings.usage', { used: formatBytes(use.usedBytes, i18n.language), quota: formatBytes(use.quotaBytes, i18n.language) })}
        </p>
      )}
      {state === 'denied' && (
        <button
          type="button"
          className="button"
          onClick={async () => {
            setState(await requestPersistentStorage());
          }}
        >
          {t('settings.askPersistence')}
        </button>
      )}
    </section>
  );
}
