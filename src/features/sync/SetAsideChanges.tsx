/**
 * Settings → Sync: the changes this device set aside rather than apply (or, for its own, send),
 * with why, so the owner knows something is waiting and what would bring it in. Shown only when
 * there are any. Everything else kept syncing meanwhile.
 */
import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { useSetAsideSummary } from './useSetAsideSummary';
import { formatDateTime } from '../../lib/format';
import { syncActions } from '../../sync/runtime';
import type { SetAsideReason, SetAsideRow } from '../../model/types';

const KNOWN_TABLES = [
  'customers',
  'visits',
  'consents',
  'followUps',
  'cautionHistory',
  'staff',
  'settings',
  'audit',
  'suppressions',
  'appraisals',
  'ledgerEntries',
  'photos',
] as const;
type KnownTable = (typeof KNOWN_TABLES)[number];

function isKnownTable(table: string): table is KnownTable {
  return (KNOWN_TABLES as readonly string[]).includes(table);
}

export function SetAsideChanges() {
  const { t, i18n } = useTranslation();
  const summary = useSetAsideSummary();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string>();
  if (!summary || summary.total === 0) return null;

  const what = (row: SetAsideRow) =>
    isKnownTable(row.table)
      ? t(`sync.setAside.table.${row.table}`)
      : t('sync.setAside.table.other', { table: row.table });

  const tryAgain = async () => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const applied = await syncActions.retrySetAside();
      setOutcome(t('sync.setAside.retried', { count: applied }));
    } catch {
      setOutcome(t('sync.setAside.retryFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="subpanel" aria-labelledby="sync-set-aside-heading">
      <h3 id="sync-set-aside-heading">{t('sync.setAside.heading')}</h3>
      <p>{t('sync.setAside.intro', { count: summary.total })}</p>
      <ul className="set-aside__reasons">
        {(Object.entries(summary.byReason) as [SetAsideReason, number][]).map(([reason, count]) => (
          <li key={reason}>
            <strong>{t('sync.setAside.count', { count })}</strong>{' '}
            {t(`sync.setAside.reason.${reason}`)}
          </li>
        ))}
      </ul>
      <h4>{t('sync.setAside.latest')}</h4>
      <ul className="set-aside__list" aria-label={t('sync.setAside.latest')}>
        {summary.latest.map((row) => (
          <li key={row.key} className="small">
            {[
              what(row),
              formatDateTime(row.at, i18n.language),
              t(`sync.setAside.short.${row.reason}`),
              row.fields?.length
                ? t('sync.setAside.fields', { fields: row.fields.join(', ') })
                : undefined,
            ]
              .filter(Boolean)
              .join(' · ')}
          </li>
        ))}
      </ul>
      <div className="actions actions--start">
        <button type="button" className="button" disabled={busy} onClick={() => void tryAgain()}>
          {t('sync.setAside.tryAgain')}
        </button>
      </div>
      {outcome && (
        <p className="small" role="status">
          {outcome}
        </p>
      )}
    </section>
  );
}
