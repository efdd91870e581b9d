/**
 * Recording a sale of goods the shop's rules want recorded when sold (第16条: art, watches and
 * jewellery, cars, motorcycles…), the same way as a buy-in: items with their features, and the
 * buyer's name and address when the rules ask.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useNavigate } from 'react-router';
import { useToast } from '../../components/Toasts';
import { discardDraftPhoto, recordSale } from '../../db/ledger/ledger';
import { DEFAULT_LEDGER_SETTINGS, ledgerSettings } from '../../db/ledger/queries';
import type { Customer } from '../../model/types';
import { useCounter } from '../../hooks/useCounter';
import { useDraft } from '../../hooks/useDraft';
import { formatYen } from '../../lib/format';
import { saleRuleFor, validateSale } from '../../lib/ledger-input';
import { emptyItem, recordDraftFor, toItemInput, toRecordInput, type ItemDraft, type RecordDraft } from './drafts';
import { ForCardCustomer } from './ForCardCustomer';
import { ItemsEditor } from './ItemsEditor';
import { LedgerFormAlert } from './LedgerFormAlert';
import { RecordFields } from './RecordFields';
import { RuleNotice } from './RuleNotice';
import { useLedgerErrors, useLedgerSubmit } from './useLedgerSubmit';

interface SaleDraft {
  items: ItemDraft[];
  record: RecordDraft;
}

export default function SalePage() {
  return <ForCardCustomer>{(customer) => <SaleForm customer={customer} />}</ForCardCustomer>;
}

function SaleForm({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const toast = useToast();
  const counter = useCounter();
  const settings = useLiveQuery(ledgerSettings, [], DEFAULT_LEDGER_SETTINGS);
  const [draft, update, clear] = useDraft<SaleDraft>(`sale:${customer.id}`, {
    items: [emptyItem()],
    record: recordDraftFor(customer, ''),
  });
  const outcome = saleRuleFor(draft.items.map(toItemInput), settings.saleRules);

  const validate = useCallback(() => {
    const result = validateSale(draft.items.map(toItemInput), toRecordInput(draft.record, false), settings.saleRules);
    return result.ok ? [] : result.errors;
  }, [draft, settings.saleRules]);
  const save = useCallback(async () => {
    await recordSale(customer.id, draft.items.map(toItemInput), toRecordInput(draft.record, false), counter.ctx);
    clear();
    toast({ message: t('sale.saved') });
    navigate(`/customers/${customer.id}`, { replace: true });
  }, [customer.id, draft, counter.ctx, clear, toast, t, navigate]);
  const { formRef, errors, saving, failure, submit } = useLedgerSubmit<'sale'>(validate, save);
  const errorFor = useLedgerErrors(errors);

  const cancel = async () => {
    for (const item of draft.items) if (item.photoId) await discardDraftPhoto(item.photoId);
    clear();
    navigate(`/customers/${customer.id}`);
  };

  return (
    <section className="page page--ledger-form" aria-labelledby="sale-heading">
      <header className="form-header">
        <div>
          <h1 id="sale-heading">{t('sale.heading')}</h1>
          <p className="form-header__who">
            <Link to={`/customers/${customer.id}`}>{customer.name}</Link>
          </p>
        </div>
        <button type="button" className="button button--ghost" onClick={() => void cancel()}>
          {t('appraisal.cancel')}
        </button>
      </header>
      <p className="muted">{t('sale.intro')}</p>
      <form ref={formRef} className="form" noValidate onSubmit={(e) => e.preventDefault()}>
        <ItemsEditor
          items={draft.items}
          change={(next) => update((d) => ({ ...d, items: next(d.items) }))}
          errorFor={errorFor}
          ctx={counter.ctx}
          showAccept={false}
        >
          <p className="items__totals">
            <strong>{formatYen(outcome.total, i18n.language)}</strong>
          </p>
        </ItemsEditor>
        <section className="fieldset id-check" aria-labelledby="buyer-heading">
          <h2 id="buyer-heading">{t('sale.buyer')}</h2>
          <RuleNotice kind="sale" labelledBy="buyer-heading" outcome={outcome} />
          <RecordFields
            kind="sale"
            record={draft.record}
            update={(patch) => update((d) => ({ ...d, record: { ...d.record, ...patch } }))}
            errorFor={errorFor}
            staff={counter.staff}
          />
        </section>
        <LedgerFormAlert invalidCount={errors.length} failure={failure} />
        <div className="actions actions--sticky">
          <button type="button" className="button button--primary" disabled={saving} onClick={() => void submit('sale')}>
            {t('sale.record')}
          </button>
        </div>
      </form>
    </section>
  );
}
