/**
 * A customer's card: their details (customers feature), what the shop bought from them (buy-in
 * feature) and their timeline (visits feature).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { consentsOf, getCustomer } from '../../db/queries';
import { BuyInPanel } from '../../features/buy-in/BuyInPanel';
import { useRetentionNotice } from '../../features/buy-in/useRetentionNotice';
import { CustomerDetails } from '../../features/customers/CustomerDetails';
import { Timeline } from '../../features/visits/Timeline';
import { useCounter } from '../../hooks/useCounter';
import { useShopSettings } from '../../hooks/useShopSettings';

export default function CustomerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const counter = useCounter();
  const settings = useShopSettings();
  const deletionNotice = useRetentionNotice(id);
  const loaded = useLiveQuery(
    async () => {
      const customer = await getCustomer(id);
      return { customer, consents: customer ? (await consentsOf(id)).active : [] };
    },
    [id],
  );
  if (loaded && (!loaded.customer || loaded.customer.deletedAt)) {
    return (
      <section className="page">
        <p>{t('customer.notFound')}</p>
        <Link to="/">{t('customer.backToList')}</Link>
      </section>
    );
  }
  // The timeline starts loading together with the card rather than after it.
  return (
    <div className="page page--card">
      {loaded?.customer ? (
        <CustomerDetails
          customer={loaded.customer}
          consents={loaded.consents}
          counter={counter}
          deletionNotice={deletionNotice}
        />
      ) : (
        <section className="card" aria-busy="true">
          <p className="muted">{t('app.loading')}</p>
        </section>
      )}
      <BuyInPanel customerId={id} />
      <Timeline customerId={id} counter={counter} quickNotes={settings.quickNotes} />
    </div>
  );
}
