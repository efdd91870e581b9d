/** The audit log for the owner: what happened to personal data, by whom, newest first. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from '../../i18n';
import { auditLog } from '../../db/audit';
import type { Counter } from '../../hooks/useCounter';
import { formatDateTime } from '../../lib/format';

export function AuditLogPanel({ counter }: { counter: Counter }) {
  const { t, i18n } = useTranslation();
  const ownerId = counter.isOwner ? counter.current?.id : undefined;
  const entries = useLiveQuery(() => (ownerId ? auditLog(ownerId, 100) : Promise.resolve([])), [ownerId]);
  return (
    <section className="panel" aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('safety.audit.heading')}</h2>
      <p className="muted small">{t('safety.audit.intro')}</p>
      {entries && entries.length === 0 && <p className="empty">{t('safety.audit.empty')}</p>}
      <ol className="audit-list" aria-labelledby="audit-heading">
        {entries?.map((entry) => (
          <li key={entry.id} className="audit-list__item">
            <time dateTime={new Date(entry.at).toISOString()} className="muted small">
              {formatDateTime(entry.at, i18n.language)}
            </time>
            <span>
              {t('safety.audit.entry', {
                action: t(`safety.audit.actions.${entry.action}`),
                staff: counter.nameOf(entry.staffId) ?? t('safety.audit.someone'),
              })}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
