import { useCallback } from 'react';
import { useTranslation } from '../../i18n';
import { useNavigate, useSearchParams } from 'react-router';
import { DuplicateNotice } from '../../components/DuplicateNotice';
import { FormAlert } from '../../components/FormAlert';
import { createCustomer } from '../../db/customers/customers';
import { useCounter } from '../../hooks/useCounter';
import { useDraft } from '../../hooks/useDraft';
import { useFieldErrors } from '../../hooks/useFieldErrors';
import { useLikelyDuplicates } from '../../hooks/useLikelyDuplicates';
import { useShopSettings } from '../../hooks/useShopSettings';
import { useSubmit } from '../../hooks/useSubmit';
import { isHiraganaReading, normalizeText } from '../../lib/kana';
import { ConsentFieldset } from './ConsentFieldset';
import { consentGrantFor, EMPTY_CUSTOMER_DRAFT, toCustomerInput, type CustomerDraft } from './customer-draft';
import { customerDraftErrors } from './customer-validation';
import { CustomerFields } from './CustomerFields';

/** A name typed in the search box that found nobody becomes the new card's name (or reading). */
function draftFromSearch(query: string | null): Partial<CustomerDraft> {
  const typed = query?.trim();
  if (!typed) return {};
  return isHiraganaReading(normalizeText(typed)) ? { reading: typed } : { name: typed };
}

export default function NewCustomerPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { ctx } = useCounter();
  const settings = useShopSettings();
  const [draft, update, clear] = useDraft<CustomerDraft>('new-customer', {
    ...EMPTY_CUSTOMER_DRAFT,
    ...draftFromSearch(params.get('q')),
  });

  const duplicates = useLikelyDuplicates(draft);
  const validate = useCallback(() => customerDraftErrors(draft), [draft]);
  const save = useCallback(async () => {
    const grant = draft.mayContact ? consentGrantFor(draft, settings) : undefined;
    const id = await createCustomer(toCustomerInput(draft), grant, ctx);
    clear();
    navigate(`/customers/${id}`, { replace: true, state: { saved: true } });
  }, [draft, settings, ctx, clear, navigate]);
  const { formRef, errors, saving, failure, onSubmit } = useSubmit({ validate, save });
  const errorFor = useFieldErrors(errors);

  return (
    <section className="page">
      <h1>{t('customer.newHeading')}</h1>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <CustomerFields draft={draft} update={update} errorFor={errorFor} variant="full" autoFocusName />
        <DuplicateNotice candidates={duplicates} />
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
