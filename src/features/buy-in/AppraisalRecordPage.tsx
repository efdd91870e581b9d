/** A saved appraisal: what was offered for what, and what the customer answered. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from '../../i18n';
import { Link, useParams } from 'react-router';
import { appraisalById } from '../../db/ledger-queries';
import { getCustomer } from '../../db/queries';
import { formatDateTime, formatYen } from '../../lib/format';
import { ledgerEntryPath } from '../../lib/record-paths';
import { useLedgerText } from './ledger-text';
import { PhotoThumb } from './PhotoThumb';

export default function AppraisalRecordPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const text = useLedgerText();
  const appraisal = useLiveQuery(() => appraisalById(id), [id], null);
  const customer = useLiveQuery(async () => (appraisal ? getCustomer(appraisal.customerId) : undefined), [appraisal]);
  if (appraisal === null) return <p className="muted">{t('app.loading')}</p>;
  if (!appraisal) {
    return (
      <section className="page">
        <p>{t('appraisal.notFound')}</p>
        <Link to="/">{t('customer.backToList')}</Link>
      </section>
    );
  }
  return (
    <article className="page page--entry" aria-labelledby="appraisal-record-heading">
      <header className="form-header">
        <div>
          <h1 id="appraisal-record-heading">{t('appraisal.recordHeading')}</h1>
          <p className="muted small">
            {formatDateTime(appraisal.at, language)} · {t('appraisal.byStaff', { staff: text.staff(appraisal.staffId) || t('visit.unknownStaff') })}
          </p>
        </div>
        <p className="row row--wrap">
          <span className={`badge badge--${appraisal.outcome}`}>{t(`appraisal.outcome.${appraisal.outcome}`)}</span>
        </p>
      </header>
      <table className="record-items">
        <thead>
          <tr>
            <th scope="col">{t('ledger.columns.item')}</th>
            <th scope="col">{t('ledger.columns.quantity')}</th>
            <th scope="col">{t('ledger.columns.features')}</th>
            <th scope="col">{t('appraisal.offeredColumn')}</th>
            <th scope="col">{t('appraisal.answerColumn')}</th>
            <th scope="col">{t('ledger.photos')}</th>
          </tr>
        </thead>
        <tbody>
          {appraisal.items.map((item, i) => (
            <tr key={i}>
              <td>
                <span className="ledger-table__category">{text.category(item.category)}</span> {item.description}
              </td>
              <td>{item.quantity}</td>
              <td className="pre-line">{item.features}</td>
              <td className="ledger-table__price">{formatYen(item.price, language)}</td>
              <td>{item.accepted ? t('appraisal.itemAccepted') : t('appraisal.itemDeclined')}</td>
              <td>{item.photoId && <PhotoThumb photoId={item.photoId} alt={t('appraisal.photoOf', { item: item.description })} />}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3} />
            <td className="ledger-table__price">
              <strong>{formatYen(appraisal.offeredTotal, language)}</strong>
            </td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
      <p className="row row--wrap">
        {customer && !customer.deletedAt && <Link to={`/customers/${customer.id}`}>{customer.name}</Link>}
        {appraisal.ledgerEntryId && <Link to={ledgerEntryPath(appraisal.ledgerEntryId)}>{t('appraisal.openBuyIn')}</Link>}
      </p>
    </article>
  );
}
