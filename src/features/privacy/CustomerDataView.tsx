/**
 * Everything the shop holds on one customer, laid out to read and to print (APPI: a customer may
 * ask to see what is held on them). The same data is offered as JSON.
 */
import { useTranslation } from '../../i18n';
import type { CustomerDataExport } from '../../db/privacy/personal-data';
import type { Counter } from '../../hooks/useCounter';
import { formatCalendarDate, formatDate, formatDateTime, formatYen } from '../../lib/format';
import { formatPhone } from '../../lib/phone';

export function CustomerDataView({ data, counter }: { data: CustomerDataExport; counter: Counter }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const c = data.customer;
  const rows: [string, string][] = [
    [t('safety.privacy.fields.name'), c.name],
    [t('safety.privacy.fields.reading'), c.reading],
    [t('safety.privacy.fields.phones'), c.phones.map((p) => formatPhone(p)).join(', ')],
    [t('safety.privacy.fields.email'), c.email],
    [t('safety.privacy.fields.handles'), c.handles.map((h) => `${t(`customer.handleKinds.${h.kind}`)}: ${h.value}`).join(', ')],
    [t('safety.privacy.fields.address'), c.address],
    [t('safety.privacy.fields.birthday'), c.birthday ? formatCalendarDate(c.birthday, lang) : ''],
    [t('safety.privacy.fields.tags'), c.tags.join(', ')],
    [t('safety.privacy.fields.about'), c.about],
    [t('safety.privacy.fields.memberNumber'), c.memberNumber ?? ''],
    [
      t('safety.privacy.fields.visitsBefore'),
      c.visitsBefore
        ? [
            t('customer.visitsBeforeCount', { count: c.visitsBefore.count, source: t(`customer.visitSources.${c.visitsBefore.source}`) }),
            ...[c.visitsBefore.firstAt, c.visitsBefore.lastAt].filter((at): at is number => at !== undefined).map((at) => formatDate(at, lang)),
          ].join(' · ')
        : '',
    ],
    [t('safety.privacy.fields.createdAt'), formatDate(c.createdAt, lang)],
  ];
  return (
    <article className="data-sheet">
      <p className="muted">{t('safety.privacy.dataIntro', { date: formatDateTime(data.exportedAt, lang) })}</p>
      <dl className="details">
        {rows.map(([label, value]) => (
          <div key={label} className="details__row">
            <dt>{label}</dt>
            <dd className="pre-line">{value || '—'}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('safety.privacy.consents')}</h2>
      <ul>
        {data.consents.map((consent) => (
          <li key={consent.id}>
            {t('safety.privacy.consentLine', {
              channel: t(`consent.channel.${consent.channel}`),
              granted: formatDate(consent.grantedAt, lang),
              method: t(`safety.privacy.methods.${consent.method}`),
              version: consent.purposeVersion,
            })}
            {consent.revokedAt && <> · {t('safety.privacy.consentRevoked', { date: formatDate(consent.revokedAt, lang) })}</>}
            <blockquote className="small muted">{consent.purposeText}</blockquote>
          </li>
        ))}
        {c.healthConsent && (
          <li>
            {t('safety.privacy.healthGranted', { date: formatDate(c.healthConsent.grantedAt, lang) })}
            {c.healthConsent.revokedAt && <> · {t('safety.privacy.consentRevoked', { date: formatDate(c.healthConsent.revokedAt, lang) })}</>}
            <blockquote className="small muted">{c.healthConsent.purposeText}</blockquote>
          </li>
        )}
      </ul>
      <h2>{t('safety.privacy.visits')}</h2>
      <ul>
        {data.visits.map((v) => (
          <li key={v.id}>
            {formatDateTime(v.at, lang)} · {t(`visit.kinds.${v.kind}`)}
            {v.amount !== undefined && <> · {formatYen(v.amount, lang)}</>}
            {v.note && <p className="pre-line">{v.note}</p>}
          </li>
        ))}
      </ul>
      <h2>{t('safety.privacy.auditLog')}</h2>
      <ul>
        {data.auditLog.map((a) => (
          <li key={a.id}>
            {formatDateTime(a.at, lang)} ·{' '}
            {t('safety.audit.entry', { action: t(`safety.audit.actions.${a.action}`), staff: counter.nameOf(a.staffId) ?? t('safety.audit.someone') })}
          </li>
        ))}
      </ul>
    </article>
  );
}
