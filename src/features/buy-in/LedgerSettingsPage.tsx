/** The owner's ledger settings: the permit number printed on the ledger, and which sales are recorded. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { DraftRestoredNotice } from '../../components/DraftRestoredNotice';
import { SelectField, TextField } from '../../components/Field';
import { useToast } from '../../components/Toasts';
import { saveLedgerSettings } from '../../db/ledger/ledger';
import { ledgerSettings } from '../../db/ledger/queries';
import type { LedgerSettings } from '../../model/ledger-types';
import { useCounter } from '../../hooks/useCounter';
import { useDraftOver } from '../../hooks/useDraft';
import { parseYen } from '../../lib/yen';
import { ITEM_CATEGORIES, saleRecordMode, type ItemCategory, type SaleRecordMode } from '../../lib/kobutsu-rules';
import { LedgerFormAlert } from './LedgerFormAlert';
import { useLedgerErrors } from './useLedgerSubmit';
import { LedgerInputError } from '../../db/ledger/errors';

const MODES: readonly SaleRecordMode[] = ['never', 'threshold', 'always'];

/** The form's fields as text, one per category's mode ("mode.tools"), for the draft. */
function fieldsOf(settings: LedgerSettings): Record<string, string> {
  return {
    permitNumber: settings.permitNumber,
    threshold: String(settings.saleRules.threshold),
    ...Object.fromEntries(ITEM_CATEGORIES.map((c) => [`mode.${c}`, saleRecordMode(settings.saleRules, c)])),
  };
}

function modeOf(typed: string | undefined): SaleRecordMode {
  return MODES.find((mode) => mode === typed) ?? 'never';
}

export default function LedgerSettingsPage() {
  const { t } = useTranslation();
  const counter = useCounter();
  const settings = useLiveQuery(ledgerSettings, []);
  if (!settings) return <p className="muted">{t('app.loading')}</p>;
  if (!counter.isOwner) {
    return (
      <section className="page">
        <p>{t('ledger.ownerOnly')}</p>
        <Link to="/ledger">{t('ledger.allRecords')}</Link>
      </section>
    );
  }
  return <SettingsForm initial={settings} />;
}

function SettingsForm({ initial }: { initial: LedgerSettings }) {
  const { t } = useTranslation();
  const toast = useToast();
  const { ctx } = useCounter();
  // What is typed stays as a draft until saved or discarded; untouched fields show what is stored.
  const draft = useDraftOver('ledger-settings', fieldsOf(initial));
  const { permitNumber = '', threshold = '' } = draft.shown;
  const modes = Object.fromEntries(ITEM_CATEGORIES.map((c) => [c, modeOf(draft.shown[`mode.${c}`])])) as Record<
    ItemCategory,
    SaleRecordMode
  >;
  const [failure, setFailure] = useState<unknown>();
  const errorFor = useLedgerErrors(failure instanceof LedgerInputError ? failure.errors : []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const byCategory = Object.fromEntries(ITEM_CATEGORIES.filter((c) => modes[c] !== 'never').map((c) => [c, modes[c]]));
    try {
      await saveLedgerSettings({ permitNumber, saleRules: { threshold: parseYen(threshold) ?? Number.NaN, byCategory } }, ctx);
      draft.clear();
      toast({ message: t('ledger.rulesSaved') });
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section className="page page--settings" aria-labelledby="rules-heading">
      <h1 id="rules-heading">{t('ledger.settingsHeading')}</h1>
      <p className="muted">{t('ledger.settingsIntro')}</p>
      {draft.restored && <DraftRestoredNotice onDiscard={draft.clear} />}
      <form className="form panel" onSubmit={(e) => void save(e)} noValidate>
        <TextField
          label={t('ledger.permitNumber')}
          hint={t('ledger.permitHint')}
          value={permitNumber}
          onChange={(text) => draft.set('permitNumber', text)}
          error={errorFor('permitNumber')}
          autoComplete="off"
        />
        <TextField
          label={t('ledger.threshold')}
          value={threshold}
          onChange={(text) => draft.set('threshold', text)}
          error={errorFor('threshold')}
          inputMode="numeric"
          autoComplete="off"
        />
        <div className="grid grid--2">
          {ITEM_CATEGORIES.map((category) => (
            <SelectField<SaleRecordMode>
              key={category}
              label={t(`kobutsu.categories.${category}`)}
              value={modes[category]}
              options={MODES.map((mode) => ({ value: mode, label: t(`ledger.modes.${mode}`) }))}
              onChange={(mode) => draft.set(`mode.${category}`, mode)}
            />
          ))}
        </div>
        <LedgerFormAlert invalidCount={0} failure={failure} />
        <div className="actions">
          <Link className="button button--ghost" to="/ledger">
            {t('ledger.allRecords')}
          </Link>
          <button type="submit" className="button button--primary">
            {t('ledger.saveRules')}
          </button>
        </div>
      </form>
    </section>
  );
}
