/**
 * Always in the header while this device syncs: "Synced", "Syncing…", "Offline — N changes
 * waiting" (the last attempt failed and the device has no network), "Can't reach the sync server —
 * N changes waiting" (it has a network but the server did not answer), or "Not synced" when
 * something needs the person (SyncProblemAlert says what).
 */
import { useTranslation } from '../../i18n';
import { useSyncStatus } from './useSyncStatus';

export function SyncIndicator() {
  const { t } = useTranslation();
  const { phase, problem, pending } = useSyncStatus();
  if (phase === 'off') return null;
  let tone: 'ok' | 'busy' | 'offline' | 'problem';
  let text: string;
  if (phase === 'offline') {
    tone = 'offline';
    text = t('sync.status.offline', { count: pending });
  } else if (phase === 'error' && problem === 'unreachable') {
    tone = 'offline';
    text = t('sync.status.unreachable', { count: pending });
  } else if (phase === 'error') {
    tone = 'problem';
    text = t('sync.status.paused', { count: pending });
  } else if (phase === 'syncing' || pending > 0) {
    tone = 'busy';
    text = t('sync.status.syncing');
  } else {
    tone = 'ok';
    text = t('sync.status.synced');
  }
  return (
    <p role="status" className={`sync-indicator sync-indicator--${tone}`}>
      <span className="sync-indicator__dot" aria-hidden="true" />
      <span className="sync-indicator__text">{text}</span>
    </p>
  );
}
