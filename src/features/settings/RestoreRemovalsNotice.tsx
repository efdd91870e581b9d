/**
 * After a "replace" on a device that syncs: the entries it marked deleted, on every device, and
 * the way to bring them back. Shown on every device of the shop (the restore's audit entry syncs).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { bringBackRestoreRemovals, undoableRestores } from '../../db/backup/restore-undo';
import type { Counter } from '../../hooks/useCounter';
import { useTranslation } from '../../i18n';
import { formatDateTime } from '../../lib/format';

export function RestoreRemovalsNotice({ counter }: { counter: Counter }) {
  const { t, i18n } = useTranslation();
  const restores = useLiveQuery(undoableRestores, [], []);
  const [working, setWorking] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<string | undefined>();
  const latest = restores[0];

  const bringBack = async (restoreId: string) => {
    setWorking(true);
    setFailure(undefined);
    try {
      const count = await bringBackRestoreRemovals(restoreId, counter.ctx);
      setDone(t('safety.backup.undo.done', { count }));
    } catch (error) {
      setFailure(error);
    } finally {
      setWorking(false);
    }
  };

  if (!latest && !done) return null;
  return (
    <div className="notice" role="region" aria-labelledby="restore-removals-heading">
      <h3 id="restore-removals-heading">{t('safety.backup.undo.heading')}</h3>
      {latest && (
        <>
          <p>{t('safety.backup.undo.body', { date: formatDateTime(latest.at, i18n.language), count: latest.markedDeleted })}</p>
          <FormAlert failure={failure} />
          <div className="actions">
            <button type="button" className="button" disabled={working} onClick={() => void bringBack(latest.id)}>
              {t('safety.backup.undo.action')}
            </button>
          </div>
        </>
      )}
      {done && (
        <p className="status status--granted" role="status">
          {done}
        </p>
      )}
    </div>
  );
}
