/** When sync cannot go on by itself, what happened and what to do, on every screen. */
import { useTranslation } from '../../i18n';
import { Link, useLocation } from 'react-router';
import { useSyncStatus } from '../../hooks/useSyncStatus';

export function SyncProblemAlert() {
  const { t } = useTranslation();
  const location = useLocation();
  const { phase, problem, serverUrl } = useSyncStatus();
  if (phase !== 'error' || !problem) return null;
  return (
    <div className="update-banner update-banner--warning" role="alert">
      <p className="small">{t(`sync.problem.${problem}`, { server: serverUrl ?? '' })}</p>
      {location.pathname !== '/settings' && (
        <Link className="button" to="/settings#sync">
          {t('sync.openSync')}
        </Link>
      )}
    </div>
  );
}
