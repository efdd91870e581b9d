/** When sync cannot go on by itself, what happened and what to do, on every screen. */
import { useTranslation } from '../../i18n';
import { Link, useLocation } from 'react-router';
import { useSyncStatus } from './useSyncStatus';

export function SyncProblemAlert() {
  const { t } = useTranslation();
  const location = useLocation();
  const { phase, problem, reason, serverUrl } = useSyncStatus();
  if (phase !== 'error' || !problem) return null;
  const why = problem === 'unreachable' && (reason === 'timeout' || reason === 'gateway') ? t(`sync.reason.${reason}`) : '';
  return (
    <div className="update-banner update-banner--warning" role="alert">
      <p className="small">
        {t(`sync.problem.${problem}`, { server: serverUrl ?? '' })}
        {why && ` ${why}`}
      </p>
      {location.pathname !== '/settings' && location.pathname !== '/settings/sync' && (
        <Link className="button" to="/settings/sync">
          {t('sync.openSync')}
        </Link>
      )}
    </div>
  );
}
