/** A saved appraisal: what was offered for what, and what the customer answered. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from '../../i18n';
import { Link, useParams } from 'react-router';
import { appraisalById } from '../../db/ledger/queries';
import { getCustomer } from '../../db/queries';
import { formatDateTime } from '../../lib/format';
import { ledgerEntryPath } from '../../lib/record-paths';
import { useLedgerText } from './ledger-text';
import { RecordItemsTable } from './RecordItemsTable';

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
      <RecordItemsTable
        items={appraisal.items}
        priceLabel={t('appraisal.offeredColumn')}
        total={appraisal.offeredTotal}
        showTotal
        extra={{
          label: t('appraisal.answerColumn'),
          cell: (item) => (item.accepted ? t('appraisal.itemAccepted') : t('appraisal.itemDeclined')),
        }}
      />
      <p className="row row--wrap">
        {customer && !customer.deletedAt && <Link to={`/customers/${customer.id}`}>{customer.name}</Link>}
        {appraisal.ledgerEntryId && <Link to={ledgerEntryPath(appraisal.ledgerEntryId)}>{t('appraisal.openBuyIn')}</Link>}
      </p>
    </article>
  );
}
