import { CustomerNotFound } from '../../components/CustomerNotFound';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { useTranslation } from '../../i18n';
import { useNavigate, useParams } from 'react-router';
import { DraftRestoredNotice } from '../../components/DraftRestoredNotice';
import { FormAlert } from '../../components/FormAlert';
import { updateCustomer } from '../../db/customers/customers';
import { consentsOf, getCustomer } from '../../db/queries';
import type { Consent, Customer } from '../../model/types';
import { useCounter } from '../../hooks/useCounter';
import { useDraft } from '../../hooks/useDraft';
import { useFieldErrors } from '../../hooks/useFieldErrors';
import { useShopSettings } from '../../hooks/useShopSettings';
import { useSubmit } from '../../hooks/useSubmit';
import { ConsentFieldset } from './ConsentFieldset';
import { consentGrantFor, draftFromCustomer, toCustomerInput, type CustomerDraft } from './customer-draft';
import { customerDraftErrors } from './customer-validation';
import { CustomerFields } from './CustomerFields';

export default function EditCustomerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const loaded = useLiveQuery(
    async () => {
      const customer = await getCustomer(id);
      const referrer = customer?.referredBy ? await getCustomer(customer.referredBy) : undefined;
      return { customer, referrer, consents: customer ? (await consentsOf(id)).active : [] };
    },
    [id],
  );
  if (!loaded) return <p className="muted">{t('app.loading')}</p>;
  if (!loaded.customer || loaded.customer.deletedAt) {
    return <CustomerNotFound />;
  }
  // Keyed by id so the form starts from the stored card once, then belongs to the person typing.
  return <EditCustomerForm key={id} customer={loaded.customer} consents={loaded.consents} referrer={loaded.referrer} />;
}

interface FormProps {
  customer: Customer;
  consents: Consent[];
  referrer: Customer | undefined;
}

function EditCustomerForm({ customer, consents, referrer }: FormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { ctx } = useCounter();
  const settings = useShopSettings();
  // Typed changes outlive a reload (an accepted update, a crash): the draft keeps only what differs
  // from the stored card, laid over the card as it is when the form opens again.
  const [draft, update, clear, restored] = useDraft<CustomerDraft>(
    `edit-customer:${customer.id}`,
    draftFromCustomer(customer, consents, referrer),
  );

  const validate = useCallback(() => customerDraftErrors(draft), [draft]);
  const save = useCallback(async () => {
    await updateCustomer(customer.id, toCustomerInput(draft), consentGrantFor(draft, settings), ctx);
    clear();
    navigate(`/customers/${customer.id}`, { replace: true });
  }, [customer.id, draft, settings, ctx, clear, navigate]);
  const { formRef, errors, saving, failure, onSubmit } = useSubmit({ validate, save });
  const errorFor = useFieldErrors(errors);

  return (
    <section className="page">
      <h1>{t('customer.editHeading', { name: customer.name })}</h1>
      {restored && <DraftRestoredNotice onDiscard={() => clear()} />}
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <CustomerFields draft={draft} update={update} errorFor={errorFor} variant="full" customerId={customer.id} />
        <ConsentFieldset draft={draft} update={update} purposeText={settings.purposeText} error={errorFor('channels')} />
        <FormAlert invalidCount={errors.length} failure={failure} />
        <div className="actions actions--sticky">
          <button
            type="button"
            className="button"
            onClick={() => {
              clear();
              navigate(-1);
            }}
          >
            {t('customer.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={saving}>
            {t('customer.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
