/**
 * 査定・買取 at the counter: items with the price offered, a photo each, the customer's answer per
 * item, and for what they sell, the ID check the law asks for. The draft survives a reload (photos
 * are already stored); the appraisal and its purchase record are saved in one transaction.
 */
import { useCallback, useMemo } from 'react';
import { useTranslation } from '../../i18n';
import { useNavigate } from 'react-router';
import { useToast } from '../../components/Toasts';
import { TextAreaField } from '../../components/Field';
import { OVERRIDE_REASON_MAX, recordAppraisal } from '../../db/ledger/ledger';
import { blocksBuyIns, cautionLevelOf } from '../../lib/refusal';
import type { Customer } from '../../model/types';
import { useCounter } from '../../hooks/useCounter';
import { useDraft } from '../../hooks/useDraft';
import { formatYen } from '../../lib/format';
import { buyInRuleFor, validateAppraisal } from '../../lib/ledger-input';
import {
  emptyItem,
  recordDraftFor,
  toAppraisalItemInput,
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

type Intent = 'buy-in' | 'declined';

interface AppraisalDraft {
  items: ItemDraft[];
  record: RecordDraft;
  /** An owner's reason to buy from someone whose caution level refuses buy-ins. */
  override?: string;
}

export default function AppraisalPage() {
  return <ForCardCustomer>{(customer) => <AppraisalForm customer={customer} />}</ForCardCustomer>;
}

function AppraisalForm({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const toast = useToast();
  const counter = useCounter();
  const [draft, update, clear] = useDraft<AppraisalDraft>(`appraisal:${customer.id}`, {
    items: [emptyItem()],
    record: recordDraftFor(customer, counter.current?.id ?? ''),
  });
  const updateRecord = (patch: Partial<RecordDraft>) =>
    update((d) => ({ ...d, record: { ...d.record, ...patch } }));

  // The staff list may load after the form: an untouched "Checked by" means whoever is at the counter.
  const atCounter = counter.current?.id ?? '';
  const record = useMemo(
    () => ({ ...draft.record, checkedBy: draft.record.checkedBy || atCounter }),
    [draft.record, atCounter],
  );
  const items = draft.items.map(toAppraisalItemInput);
  const outcome = buyInRuleFor(items);
  const accepted = draft.items.filter((item) => item.accepted);
  const offered = items.reduce(
    (sum, item) => sum + (item.price !== undefined && Number.isFinite(item.price) ? item.price : 0),
    0,
  );
  const language = i18n.language;
  // 買取お断り or 来店お断り: buying needs an owner's reason, which the flag's history keeps.
  const refused = blocksBuyIns(cautionLevelOf(customer.caution));

  const validate = useCallback(
    (intent: Intent) => {
      const result = validateAppraisal(
        draft.items.map(toAppraisalItemInput),
        intent === 'buy-in' ? toRecordInput(record, true) : undefined,
      );
      return result.ok ? [] : result.errors;
    },
    [draft.items, record],
  );
  const save = useCallback(
    async (intent: Intent) => {
      await recordAppraisal(
        {
          customerId: customer.id,
          items: draft.items.map(toAppraisalItemInput),
          ...(intent === 'buy-in' ? { record: toRecordInput(record, true) } : {}),
          ...(intent === 'buy-in' && refused ? { override: draft.override ?? '' } : {}),
        },
        counter.ctx,
      );
      clear();
      toast({
        message: intent === 'buy-in' ? t('appraisal.savedBuyIn') : t('appraisal.savedDeclined'),
      });
      navigate(`/customers/${customer.id}`, { replace: true });
    },
    [
      customer.id,
      draft.items,
      draft.override,
      refused,
      record,
      counter.ctx,
      clear,
      toast,
      t,
      navigate,
    ],
  );
  const { formRef, errors, failure, errorFor, saving, submit } = useLedgerForm<Intent>(
    validate,
    save,
  );

  return (
    <CardLedgerForm
      customer={customer}
      items={draft.items}
      clearDraft={clear}
      headingId="appraisal-heading"
      heading={t('appraisal.heading')}
      intro={<p className="muted">{t('appraisal.intro', { name: customer.name })}</p>}
      formRef={formRef}
      invalidCount={errors.length}
      failure={failure}
      beforeActions={<p className="muted small">{t('appraisal.declinedHint')}</p>}
      actions={
        <>
          <button
            type="button"
            className="button"
            disabled={saving}
            onClick={() => void submit('declined')}
          >
            {t('appraisal.recordDeclined')}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={saving}
            onClick={() => void submit('buy-in')}
          >
            {t('appraisal.recordBuyIn')}
          </button>
        </>
      }
    >
      <ItemsEditor
        items={draft.items}
        change={(next) => update((d) => ({ ...d, items: next(d.items) }))}
        errorFor={errorFor}
        ctx={counter.ctx}
        showAccept
      >
        <p className="items__totals">
          <span>{t('appraisal.offered', { amount: formatYen(offered, language) })}</span>
          {accepted.length > 0 && (
            <strong>
              {t('appraisal.accepted', {
                amount: formatYen(outcome.total, language),
                count: accepted.length,
                total: draft.items.length,
              })}
            </strong>
          )}
        </p>
      </ItemsEditor>

      <PartySection headingId="id-check-heading" heading={t('kobutsu.idCheck')}>
        <RuleNotice
          kind="buy-in"
          labelledBy="id-check-heading"
          outcome={outcome}
          nothing={accepted.length === 0}
        />
        {accepted.length > 0 && refused && (
          <div className="override">
            {counter.isOwner ? (
              <TextAreaField
                label={t('appraisal.overrideReason')}
                hint={t('appraisal.overrideHint')}
                value={draft.override ?? ''}
                onChange={(text) => update((d) => ({ ...d, override: text }))}
                maxLength={OVERRIDE_REASON_MAX}
                rows={2}
              />
            ) : (
              <p className="notice notice--warning">{t('appraisal.overrideOwnerOnly')}</p>
            )}
          </div>
        )}
        {accepted.length > 0 && (
          <>
            <p className="muted small">{t('kobutsu.idCheckIntro')}</p>
            <RecordFields
              kind="buy-in"
              record={record}
              update={updateRecord}
              errorFor={errorFor}
              staff={counter.staff}
            />
          </>
        )}
      </PartySection>
    </CardLedgerForm>
  );
}
