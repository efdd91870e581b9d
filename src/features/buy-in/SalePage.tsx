/**
 * Recording a sale of goods the shop's rules want recorded when sold (第16条: art, watches and
 * jewellery, cars, motorcycles…), the same way as a buy-in: items with their features, and the
 * buyer's name and address when the rules ask.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { useTranslation } from '../../i18n';
import { useNavigate } from 'react-router';
import { useToast } from '../../components/Toasts';
import { recordSale } from '../../db/ledger/ledger';
import { DEFAULT_LEDGER_SETTINGS, ledgerSettings } from '../../db/ledger/queries';
import type { Customer } from '../../model/types';
import { useCounter } from '../../hooks/useCounter';
import { useDraft } from '../../hooks/useDraft';
import { formatYen } from '../../lib/format';
import { saleRuleFor, validateSale } from '../../lib/ledger-input';
import {
  emptyItem,
  recordDraftFor,
  toItemInput,
  toRecordInput,
  type ItemDraft,
  type RecordDraft,
} from './drafts';
import { CardLedgerForm, ForCardCustomer } from './ForCardCustomer';
import { ItemsEditor } from './ItemsEditor';
import { PartySection } from './LedgerFormShell';
import { RecordFields } from './RecordFields';
import { RuleNotice } from './RuleNotice';
import { useLedgerForm } from './useLedgerSubmit';

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
    const result = validateSale(
      draft.items.map(toItemInput),
      toRecordInput(draft.record, false),
      settings.saleRules,
    );
    return result.ok ? [] : result.errors;
  }, [draft, settings.saleRules]);
  const save = useCallback(async () => {
    await recordSale(
      customer.id,
      draft.items.map(toItemInput),
      toRecordInput(draft.record, false),
      counter.ctx,
    );
    clear();
    toast({ message: t('sale.saved') });
    navigate(`/customers/${customer.id}`, { replace: true });
  }, [customer.id, draft, counter.ctx, clear, toast, t, navigate]);
  const { formRef, errors, failure, errorFor, saving, submit } = useLedgerForm<'sale'>(
    validate,
    save,
  );

  return (
    <CardLedgerForm
      customer={customer}
      items={draft.items}
      clearDraft={clear}
      headingId="sale-heading"
      heading={t('sale.heading')}
      intro={<p className="muted">{t('sale.intro')}</p>}
      formRef={formRef}
      invalidCount={errors.length}
      failure={failure}
      actions={
        <button
          type="button"
          className="button button--primary"
          disabled={saving}
          onClick={() => void submit('sale')}
        >
          {t('sale.record')}
        </button>
      }
    >
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
      <PartySection headingId="buyer-heading" heading={t('sale.buyer')}>
        <RuleNotice kind="sale" labelledBy="buyer-heading" outcome={outcome} />
        <RecordFields
          kind="sale"
          record={draft.record}
          update={(patch) => update((d) => ({ ...d, record: { ...d.record, ...patch } }))}
          errorFor={errorFor}
          staff={counter.staff}
        />
      </PartySection>
    </CardLedgerForm>
  );
}
