/**
 * Quick capture at the counter: the essentials of a new customer, their consent and the sale
 * happening now, saved together in one transaction. The rest of the card can wait.
 */
import { useCallback } from 'react';
import { useTranslation } from '../../i18n';
import { useNavigate } from 'react-router';
import { DuplicateNotice } from '../../components/DuplicateNotice';
import { FormAlert } from '../../components/FormAlert';
import { captureCustomerWithVisit } from '../../db/customers/customers';
import { ConsentFieldset } from '../../features/customers/ConsentFieldset';
import { consentGrantFor, EMPTY_CUSTOMER_DRAFT, toCustomerInput, type CustomerDraft } from '../../features/customers/customer-draft';
import { customerDraftErrors } from '../../features/customers/customer-validation';
import { CustomerFields } from '../../features/customers/CustomerFields';
import { emptyVisitDraft, toVisitInput, visitDraftErrors, type VisitDraft } from '../../features/visits/visit-draft';
import { VisitFields } from '../../features/visits/VisitFields';
import { useCounter } from '../../hooks/useCounter';
import { useDraft } from '../../hooks/useDraft';
import { useFieldErrors } from '../../hooks/useFieldErrors';
import { useLikelyDuplicates } from '../../hooks/useLikelyDuplicates';
import { startSelfEntry } from '../../lib/counter-lock';
import { useShopSettings } from '../../hooks/useShopSettings';
import { useSubmit } from '../../hooks/useSubmit';

type CaptureDraft = CustomerDraft & { visit: VisitDraft };

const EMPTY_CAPTURE: CaptureDraft = { ...EMPTY_CUSTOMER_DRAFT, visit: emptyVisitDraft('purchase') };

export default function QuickCapturePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { ctx } = useCounter();
  const settings = useShopSettings();
  const [draft, update, clear] = useDraft<CaptureDraft>('capture', EMPTY_CAPTURE);
  const duplicates = useLikelyDuplicates(draft);
  const updateVisit = useCallback(
    (patch: Partial<VisitDraft>) => update((d) => ({ ...d, visit: { ...d.visit, ...patch } })),
    [update],
  );

  const validate = useCallback(
    () => [
      ...customerDraftErrors(draft),
      ...visitDraftErrors(draft.visit).map((e) => ({ ...e, field: `visit.${e.field}` })),
    ],
    [draft],
  );
  const save = useCallback(async () => {
    const grant = draft.mayContact ? consentGrantFor(draft, settings) : undefined;
    const { customerId } = await captureCustomerWithVisit(toCustomerInput(draft), grant, toVisitInput(draft.visit), ctx);
    clear();
    navigate(`/customers/${customerId}`);
  }, [draft, settings, ctx, clear, navigate]);
  const { formRef, errors, saving, failure, onSubmit } = useSubmit({ validate, save });
  const errorFor = useFieldErrors(errors);
  const visitErrorFor = useCallback((field: string) => errorFor(`visit.${field}`), [errorFor]);

  return (
    <section className="page">
      <h1>{t('capture.heading')}</h1>
      <p className="muted">{t('capture.intro')}</p>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <fieldset className="fieldset">
          <legend>{t('capture.customer')}</legend>
          <CustomerFields draft={draft} update={update} errorFor={errorFor} variant="essentials" autoFocusName />
          <DuplicateNotice candidates={duplicates} />
        </fieldset>
        <ConsentFieldset draft={draft} update={update} purposeText={settings.purposeText} error={errorFor('channels')} />
        <fieldset className="fieldset">
          <legend>{t('capture.purchase')}</legend>
          <VisitFields
            draft={draft.visit}
            update={updateVisit}
            errorFor={visitErrorFor}
            quickNotes={settings.quickNotes}
            showDate={false}
          />
        </fieldset>
        <FormAlert invalidCount={errors.length} failure={failure} />
        <div className="actions actions--sticky">
          <button type="button" className="button" onClick={() => clear()}>
            {t('customer.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={saving}>
            {t('capture.save')}
          </button>
        </div>
      </form>
      <section className="panel self-entry-start">
        <p className="muted small">{t('safety.selfEntry.startHint')}</p>
        <button type="button" className="button" onClick={() => startSelfEntry(ctx.staffId)}>
          {t('safety.selfEntry.start')}
        </button>
      </section>
    </section>
  );
}
