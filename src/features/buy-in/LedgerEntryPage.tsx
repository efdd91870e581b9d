/** One ledger record in full, with its photos and its place in a correction chain. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from '../../i18n';
import { Link, useParams } from 'react-router';
import { ledgerEntryView } from '../../db/ledger/queries';
import type { LedgerEntry } from '../../model/ledger-types';
import { getCustomer } from '../../db/queries';
import { useCounter } from '../../hooks/useCounter';
import { ledgerEntryPath, recordPath } from '../../lib/record-paths';
import { numberOf, useLedgerText } from './ledger-text';
import { RecordItemsTable } from './RecordItemsTable';
import { EraYear } from '../../components/EraYear';

export default function LedgerEntryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const view = useLiveQuery(() => ledgerEntryView(id), [id], null);
  if (view === null) return <p className="muted">{t('app.loading')}</p>;
  if (!view) {
    return (
      <section className="page">
        <p>{t('ledger.notFound')}</p>
        <Link to="/ledger">{t('ledger.allRecords')}</Link>
      </section>
    );
  }
  return <EntryRecord entry={view.entry} corrects={view.corrects} correctedBy={view.correctedBy} />;
}

function EntryRecord({ entry, corrects, correctedBy }: { entry: LedgerEntry; corrects?: LedgerEntry; correctedBy?: LedgerEntry }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const counter = useCounter();
  const text = useLedgerText();
  const customer = useLiveQuery(() => getCustomer(entry.customerId), [entry.customerId]);
  const party = entry.counterparty;
  const no = numberOf(entry.id);
  return (
    <article className="page page--entry" aria-labelledby="entry-heading">
      <header className="form-header">
        <div>
          <h1 id="entry-heading">{t(`ledger.entryHeading.${entry.kind}`, { no })}</h1>
          <p className="muted small">
            {t('ledger.writtenBy', { date: text.date(entry.createdAt), staff: text.staff(entry.staffId) || t('visit.unknownStaff') })}
          </p>
        </div>
        <div className="row row--wrap no-print">
          <button type="button" className="button" onClick={() => window.print()}>
            {t('ledger.print')}
          </button>
          {counter.isOwner && !correctedBy && (
            <Link className="button" to={`${ledgerEntryPath(entry.id)}/correct`}>
              {t('ledger.correct')}
            </Link>
          )}
          <Link className="button button--ghost" to="/ledger">
            {t('ledger.allRecords')}
          </Link>
        </div>
      </header>

      {correctedBy && (
        <p className="notice notice--warning">
          <Link to={ledgerEntryPath(correctedBy.id)}>{t('ledger.correctedByLink', { no: numberOf(correctedBy.id) })}</Link>
          {correctedBy.correctionReason && ` — ${correctedBy.correctionReason}`}
        </p>
      )}
      {corrects && (
        <p className="notice">
          <Link to={ledgerEntryPath(corrects.id)}>{t('ledger.correctsLink', { no: numberOf(corrects.id) })}</Link>
          {entry.correctionReason && ` — ${entry.correctionReason}`}
        </p>
      )}

      <dl className="details record-details">
        <div className="details__row">
          <dt>{t('ledger.columns.date')}</dt>
          <dd>
            {text.date(entry.transactedAt)}
            {text.eraBesideDates && <EraYear date={entry.transactedAt} />}
          </dd>
        </div>
        <div className="details__row">
          <dt>{t('ledger.columns.kind')}</dt>
          <dd>{text.kind(entry)}</dd>
        </div>
        <div className="details__row">
          <dt>{t('ledger.rule')}</dt>
          <dd>
            {entry.rule.required ? t('ledger.ruleRequired') : t('ledger.notRequired')}
            {entry.rule.categories.length > 0 && ` (${entry.rule.categories.map(text.category).join(language === 'ja' ? '・' : ', ')})`}
          </dd>
        </div>
      </dl>

      <RecordItemsTable items={entry.items} priceLabel={t('ledger.columns.price')} total={entry.total} showTotal={entry.items.length > 1} />

      <dl className="details record-details">
        <div className="details__row">
          <dt>{t('ledger.columns.address')}</dt>
          <dd className="pre-line">{party?.address ?? <span className="muted">{t('ledger.notRecorded')}</span>}</dd>
        </div>
        <div className="details__row">
          <dt>{t('ledger.columns.name')}</dt>
          <dd>{party?.name}</dd>
        </div>
        <div className="details__row">
          <dt>{t('ledger.columns.occupation')}</dt>
          <dd>{party?.occupation}</dd>
        </div>
        <div className="details__row">
          <dt>{t('ledger.columns.age')}</dt>
          <dd>{party?.age}</dd>
        </div>
        {entry.kind === 'buy-in' && (
          <>
            <div className="details__row">
              <dt>{t('kobutsu.idCheck')}</dt>
              <dd>{text.idCheck(entry.idCheck)}</dd>
            </div>
            <div className="details__row">
              <dt>{t('kobutsu.checkedBy')}</dt>
              <dd>{text.staff(entry.idCheck?.checkedBy)}</dd>
            </div>
          </>
        )}
        {entry.guardian && (
          <div className="details__row">
            <dt>{t('kobutsu.guardian.legend')}</dt>
            <dd>
              {entry.guardian.name} ({t(`kobutsu.guardian.methods.${entry.guardian.method}`)})
            </dd>
          </div>
        )}
      </dl>
      <p className="row row--wrap no-print">
        {customer && !customer.deletedAt && <Link to={`/customers/${customer.id}`}>{customer.name}</Link>}
        {entry.appraisalId && (
          <Link to={recordPath({ type: 'appraisal', id: entry.appraisalId })}>{t('records.openAppraisal')}</Link>
        )}
      </p>
    </article>
  );
}
