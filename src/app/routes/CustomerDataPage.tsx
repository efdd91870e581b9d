/** The printable page of everything held on one customer (owner only, behind OwnerOnly). */
import { CustomerNotFound } from '../../components/CustomerNotFound';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useParams } from 'react-router';
import { FormAlert } from '../../components/FormAlert';
import { collectCustomerData } from '../../db/privacy/personal-data';
import { CustomerDataView } from '../../features/privacy/CustomerDataView';
import { downloadCustomerData } from '../../features/privacy/download-customer-data';
import { useCounter } from '../../hooks/useCounter';

export default function CustomerDataPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const counter = useCounter();
  const data = useLiveQuery(async () => (await collectCustomerData(id)) ?? null, [id]);
  const [failure, setFailure] = useState<unknown>();
  if (data === undefined) return <p className="muted">{t('app.loading')}</p>;
  if (data === null) {
    return <CustomerNotFound />;
  }
  return (
    <section className="page page--data" aria-labelledby="data-heading">
      <h1 id="data-heading">{t('safety.privacy.dataHeading', { name: data.customer.name || '—' })}</h1>
      <div className="actions no-print">
        <Link className="button" to={`/customers/${id}`}>
          {t('safety.privacy.backToCard')}
        </Link>
        <button type="button" className="button" onClick={() => void downloadCustomerData(id, counter.ctx).catch(setFailure)}>
          {t('safety.privacy.downloadJson')}
        </button>
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('safety.privacy.print')}
        </button>
      </div>
      <FormAlert failure={failure} />
      <CustomerDataView data={data} counter={counter} />
    </section>
  );
}
