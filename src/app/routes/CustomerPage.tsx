/** A customer's card: their details (customers feature) above their timeline (visits feature). */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { consentsOf, getCustomer } from '../../db/queries';
import { CustomerDetails } from '../../features/customers/CustomerDetails';
import { CardDuplicates } from '../../features/privacy/CardDuplicates';
import { CustomerPrivacyPanel } from '../../features/privacy/CustomerPrivacyPanel';
import { Timeline } from '../../features/visits/Timeline';
import { useCounter } from '../../hooks/useCounter';
import { useShopSettings } from '../../hooks/useShopSettings';

export default function CustomerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const counter = useCounter();
  const settings = useShopSettings();
  const loaded = useLiveQuery(
    async () => {
      const customer = await getCustomer(id);
      return { customer, consents: customer ? (await consentsOf(id)).active : [] };
    },
    [id],
  );
  if (!loaded) return <p className="muted">{t('app.loading')}</p>;
  const { customer, consents } = loaded;
  if (!customer || customer.deletedAt) {
    return (
      <section className="page">
        <p>{t('customer.notFound')}</p>
        <Link to="/">{t('customer.backToList')}</Link>
      </section>
    );
  }
  return (
    <div className="page page--card">
      <CardDuplicates customer={customer} counter={counter} />
      <CustomerDetails customer={customer} consents={consents} counter={counter} />
      <Timeline
        customerId={customer.id}
        counter={counter}
        quickNotes={settings.quickNotes}
        healthAllowed={Boolean(customer.healthConsent && !customer.healthConsent.revokedAt)}
      />
      <CustomerPrivacyPanel customer={customer} consents={consents} counter={counter} />
    </div>
  );
}
