import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n';
import { lastBackupAt } from '../../db/backup/status';
import { persistenceState, requestPersistentStorage, storageUse, type PersistenceState, type StorageUse } from '../../db/persistence';
import { formatBytes, formatDateTime } from '../../lib/format';

/** Whether the browser promised to keep the ledger, how much room is left, and the last backup. */
export function StorageStatus() {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<PersistenceState | undefined>();
  const [use, setUse] = useState<StorageUse | undefined>();
  const last = useLiveQuery(lastBackupAt, []);

  useEffect(() => {
    let current = true;
    void Promise.all([persistenceState(), storageUse()]).then(([persistence, usage]) => {
      if (!current) return;
      setState(persistence);
      setUse(usage);
    });
    return () => {
      current = false;
    };
  }, []);

  return (
    <section className="panel" aria-labelledby="storage-heading">
      <h2 id="storage-heading">{t('settings.storage')}</h2>
      <p className={`status status--${state ?? 'checking'}`}>{t(`settings.persistence.${state ?? 'checking'}`)}</p>
      {use && (
        <p className="muted small">
          {t('settings.usage', { used: formatBytes(use.usedBytes, i18n.language), quota: formatBytes(use.quotaBytes, i18n.language) })}
        </p>
      )}
      <p className="small">
        {last ? t('safety.storage.lastBackup', { date: formatDateTime(last, i18n.language) }) : t('safety.storage.noBackup')}
      </p>
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
