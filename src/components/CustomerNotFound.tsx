import { Link } from 'react-router';
import { useTranslation } from '../i18n';

/** What a customer's screens show for a card that is not there (deleted, merged, a stale link). */
export function CustomerNotFound() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <p>{t('customer.notFound')}</p>
      <Link to="/">{t('customer.backToList')}</Link>
    </section>
  );
}
