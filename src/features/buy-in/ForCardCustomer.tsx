/**
 * The buy-in screens opened from a card (/customers/:id/appraisal, /customers/:id/sale): the
 * card's customer once read, or what a link to a card that is gone shows; and their shared frame,
 * whose heading leads back to the card and whose Cancel lets the draft go.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CautionBanner } from '../../components/CautionBanner';
import { CustomerNotFound } from '../../components/CustomerNotFound';
import { discardDraftPhoto } from '../../db/ledger/ledger';
import { getCustomer } from '../../db/queries';
import type { Customer } from '../../model/types';
import { useTranslation } from '../../i18n';
import type { ItemDraft } from './drafts';
import { LedgerFormShell, type LedgerFormShellProps } from './LedgerFormShell';

export function ForCardCustomer({ children }: { children: (customer: Customer) => ReactNode }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const customer = useLiveQuery(() => getCustomer(id), [id], null);
  if (customer === null) return <p className="muted">{t('app.loading')}</p>;
  if (!customer || customer.deletedAt) return <CustomerNotFound />;
  return children(customer);
}

type CardLedgerFormProps = Omit<LedgerFormShellProps, 'about' | 'cancel'> & {
  customer: Customer;
  /** The items typed so far: photos taken for them go when the form is cancelled. */
  items: readonly ItemDraft[];
  clearDraft: () => void;
};

/**
 * A ledger form about the card's customer: their name leads back to the card, and their caution
 * flag (with its level: 買取お断り refuses buy-ins) is the first thing under the heading.
 */
export function CardLedgerForm({ customer, items, clearDraft, ...shell }: CardLedgerFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const cancel = async () => {
    for (const item of items) if (item.photoId) await discardDraftPhoto(item.photoId);
    clearDraft();
    navigate(`/customers/${customer.id}`);
  };
  return (
    <LedgerFormShell
      banner={customer.caution && <CautionBanner caution={customer.caution} />}
      {...shell}
      about={
        <p className="form-header__who">
          <Link to={`/customers/${customer.id}`}>{customer.name}</Link>
        </p>
      }
      cancel={
        <button type="button" className="button button--ghost" onClick={() => void cancel()}>
          {t('appraisal.cancel')}
        </button>
      }
    />
  );
}
