/**
 * The buy-in screens opened from a card (/customers/:id/appraisal, /customers/:id/sale): the
 * card's customer once read, or what a link to a card that is gone shows.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { CustomerNotFound } from '../../components/CustomerNotFound';
import { getCustomer } from '../../db/queries';
import type { Customer } from '../../model/types';
import { useTranslation } from '../../i18n';

export function ForCardCustomer({ children }: { children: (customer: Customer) => ReactNode }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const customer = useLiveQuery(() => getCustomer(id), [id], null);
  if (customer === null) return <p className="muted">{t('app.loading')}</p>;
  if (!customer || customer.deletedAt) return <CustomerNotFound />;
  return children(customer);
}
