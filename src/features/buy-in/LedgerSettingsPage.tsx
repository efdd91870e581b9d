/** The owner's ledger settings: the permit number printed on the ledger, and which sales are recorded. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { SelectField, TextField } from '../../components/Field';
import { useToast } from '../../components/Toasts';
import { saveLedgerSettings } from '../../db/ledger';
import { ledgerSettings } from '../../db/ledger-queries';
import type { LedgerSettings } from '../../db/ledger-types';
import { useCounter } from '../../hooks/useCounter';
import { parseYen } from '../../lib/customer-input';
import { ITEM_CATEGORIES, saleRecordMode, type ItemCategory, type SaleRecordMode } from '../../lib/kobutsu-rules';
import { LedgerFormAlert } from './LedgerFormAlert';
import { useLedgerErrors } from './useLedgerSubmit';
import { LedgerInputError } from '../../db/ledger-errors';

const MODES: readonly SaleRecordMode[] = ['never', 'threshold', 'always'];

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
  const [permitNumber, setPermitNumber] = useState(initial.permitNumber);
  const [threshold, setThreshold] = useState(String(initial.saleRules.threshold));
  const [modes, setModes] = useState(() =>
    Object.fromEntries(ITEM_CATEGORIES.map((c) => [c, saleRecordMode(initial.saleRules, c)])) as Record<ItemCategory, SaleRecordMode>,
  );
  const [failure, setFailure] = useState<unknown>();
  const errorFor = useLedgerErrors(failure instanceof LedgerInputError ? failure.errors : []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const byCategory = Object.fromEntries(ITEM_CATEGORIES.filter((c) => modes[c] !== 'never').map((c) => [c, modes[c]]));
    try {
      await saveLedgerSettings({ permitNumber, saleRules: { threshold: parseYen(threshold) ?? Number.NaN, byCategory } }, ctx);
      toast({ message: t('ledger.rulesSaved') });
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section className="page page--settings" aria-labelledby="rules-heading">
      <h1 id="rules-heading">{t('ledger.settingsHeading')}</h1>
      <p className="muted">{t('ledger.settingsIntro')}</p>
      <form className="form panel" onSubmit={(e) => void save(e)} noValidate>
        <TextField
          label={t('ledger.permitNumber')}
          hint={t('ledger.permitHint')}
          value={permitNumber}
          onChange={setPermitNumber}
          error={errorFor('permitNumber')}
          autoComplete="off"
        />
        <TextField
          label={t('ledger.threshold')}
          value={threshold}
          onChange={setThreshold}
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
              onChange={(mode) => setModes((m) => ({ ...m, [category]: mode }))}
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
