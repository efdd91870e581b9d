/**
 * Correcting a ledger record (owner-only): the whole entry is written again with the reason, and
 * the original stays as it was, marked as corrected, the way a paper ledger is corrected with a
 * line through it rather than an eraser.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useNavigate, useParams } from 'react-router';
import { TextAreaField, TextField } from '../../components/Field';
import { useToast } from '../../components/Toasts';
import { correctLedgerEntry } from '../../db/ledger/ledger';
import { DEFAULT_LEDGER_SETTINGS, ledgerEntryView, ledgerSettings } from '../../db/ledger/queries';
import type { LedgerEntry } from '../../model/ledger-types';
import { useCounter } from '../../hooks/useCounter';
import { useDraft } from '../../hooks/useDraft';
import { fromDateTimeLocal, toDateTimeLocal } from '../../lib/format';
import { validateCorrection, type CorrectionInput } from '../../lib/ledger-input';
import { ledgerEntryPath } from '../../lib/record-paths';
import {
  draftsFromEntry,
  toItemInput,
  toRecordInput,
  type ItemDraft,
  type RecordDraft,
} from './drafts';
import { ItemsEditor } from './ItemsEditor';
import { LedgerFormShell, PartySection } from './LedgerFormShell';
import { numberOf } from './ledger-text';
import { RecordFields } from './RecordFields';
import { useLedgerForm } from './useLedgerSubmit';

interface CorrectionDraft {
  at: string;
  items: ItemDraft[];
  record: RecordDraft;
  reason: string;
}

export default function CorrectionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const counter = useCounter();
  const view = useLiveQuery(() => ledgerEntryView(id), [id], null);
  if (view === null) return <p className="muted">{t('app.loading')}</p>;
  if (!view) {
    return (
      <section className="page">
        <p>{t('ledger.notFound')}</p>
        <Link to="/ledger">{t('ledger.allRecords')}</Link>
      </section>
    );
  }
  if (!counter.isOwner || view.correctedBy) {
    return (
      <section className="page">
        <p>{view.correctedBy ? t('ledgerErrors.rules.alreadyCorrected') : t('ledger.ownerOnly')}</p>
        <Link to={ledgerEntryPath(view.correctedBy?.id ?? id)}>
          {view.correctedBy ? t('ledger.latest') : t('ledger.allRecords')}
        </Link>
      </section>
    );
  }
  return <CorrectionForm entry={view.entry} />;
}

function CorrectionForm({ entry }: { entry: LedgerEntry }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const toast = useToast();
  const counter = useCounter();
  const settings = useLiveQuery(ledgerSettings, [], DEFAULT_LEDGER_SETTINGS);
  const [draft, update, clear] = useDraft<CorrectionDraft>(`correction:${entry.id}`, {
    at: toDateTimeLocal(entry.transactedAt),
    ...draftsFromEntry(entry, counter.current?.id ?? ''),
    reason: '',
  });
  const toInput = useCallback(
    (d: CorrectionDraft): CorrectionInput => ({
      transactedAt: fromDateTimeLocal(d.at),
      items: d.items.map(toItemInput),
      record: toRecordInput(d.record, entry.kind === 'buy-in'),
      reason: d.reason,
    }),
    [entry.kind],
  );
  const validate = useCallback(() => {
    const result = validateCorrection(entry.kind, toInput(draft), settings.saleRules);
    return result.ok ? [] : result.errors;
  }, [entry.kind, toInput, draft, settings.saleRules]);
  const save = useCallback(async () => {
    const id = await correctLedgerEntry(entry.id, toInput(draft), counter.ctx);
    clear();
    toast({ message: t('ledger.correctionSaved') });
    navigate(ledgerEntryPath(id), { replace: true });
  }, [entry.id, toInput, draft, counter.ctx, clear, toast, t, navigate]);
  const { formRef, errors, failure, errorFor, saving, submit } = useLedgerForm<'correct'>(
    validate,
    save,
  );

  return (
    <LedgerFormShell
      headingId="correct-heading"
      heading={t('ledger.correctHeading', { no: numberOf(entry.id) })}
      about={<p className="muted">{t('ledger.correctIntro')}</p>}
      cancel={
        <Link
          className="button button--ghost"
          to={ledgerEntryPath(entry.id)}
          onClick={() => clear()}
        >
          {t('appraisal.cancel')}
        </Link>
      }
      formRef={formRef}
      invalidCount={errors.length}
      failure={failure}
      actions={
        <button
          type="button"
          className="button button--primary"
          disabled={saving}
          onClick={() => void submit('correct')}
        >
          {t('ledger.saveCorrection')}
        </button>
      }
    >
      <TextField
        label={t('ledger.transactedAt')}
        type="datetime-local"
        value={draft.at}
        onChange={(at) => update({ at })}
        error={errorFor('transactedAt')}
      />
      <ItemsEditor
        items={draft.items}
        change={(next) => update((d) => ({ ...d, items: next(d.items) }))}
        errorFor={errorFor}
        ctx={counter.ctx}
        showAccept={false}
      />
      <PartySection
        headingId="correct-party-heading"
        heading={entry.kind === 'buy-in' ? t('kobutsu.idCheck') : t('sale.buyer')}
      >
        <RecordFields
          kind={entry.kind}
          record={draft.record}
          update={(patch) => update((d) => ({ ...d, record: { ...d.record, ...patch } }))}
          errorFor={errorFor}
          staff={counter.staff}
        />
      </PartySection>
      <TextAreaField
        label={t('ledger.reason')}
        value={draft.reason}
        onChange={(reason) => update({ reason })}
        error={errorFor('reason')}
        rows={2}
      />
    </LedgerFormShell>
  );
}
