/** Note, quick chips, date, kind and amount: shared by "Add note" and quick capture's purchase. */
import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { Checkbox, SelectField, TextAreaField, TextField } from '../../components/Field';
import { VISIT_KINDS } from '../../model/types';
import { toDateTimeLocal } from '../../lib/format';
import { appendPhrase, type VisitDraft } from './visit-draft';

interface Props {
  draft: VisitDraft;
  update: (patch: Partial<VisitDraft>) => void;
  errorFor: (field: string) => string | undefined;
  quickNotes: readonly string[];
  /** Quick capture records "now"; the card may backdate an entry copied from a paper ledger. */
  showDate: boolean;
  autoFocusNote?: boolean;
  /** The customer agreed to health notes: the note may be marked health-related. */
  healthAllowed?: boolean;
}

export function VisitFields({ draft, update, errorFor, quickNotes, showDate, autoFocusNote, healthAllowed }: Props) {
  const { t } = useTranslation();
  // Shown as the default date; an untouched date is stamped with the moment of saving.
  const [openedAt] = useState(() => Date.now());
  return (
    <>
      <TextAreaField
        label={t('visit.note')}
        value={draft.note}
        onChange={(note) => update({ note })}
        error={errorFor('note')}
        autoFocus={autoFocusNote}
        rows={3}
      />
      {(healthAllowed || draft.health) && (
        <Checkbox label={t('safety.privacy.healthCheckbox')} checked={draft.health ?? false} onChange={(health) => update({ health })} />
      )}
      {quickNotes.length > 0 && (
        <div className="chips" role="group" aria-label={t('visit.quickNotes')}>
          {quickNotes.map((phrase) => (
            <button
              key={phrase}
              type="button"
              className="chip"
              aria-label={t('visit.addQuickNote', { text: phrase })}
              onClick={() => update({ note: appendPhrase(draft.note, phrase) })}
            >
              {phrase}
            </button>
          ))}
        </div>
      )}
      <div className={`grid ${showDate ? 'grid--3' : 'grid--2'}`}>
        {showDate && (
          <TextField
            label={t('visit.date')}
            type="datetime-local"
            value={draft.at || toDateTimeLocal(openedAt)}
            onChange={(at) => update({ at })}
            error={errorFor('at')}
          />
        )}
        <SelectField
          label={t('visit.kind')}
          value={draft.kind}
          options={VISIT_KINDS.map((kind) => ({ value: kind, label: t(`visit.kinds.${kind}`) }))}
          onChange={(kind) => update({ kind })}
        />
        <TextField
          label={t('visit.amount')}
          value={draft.amount}
          onChange={(amount) => update({ amount })}
          error={errorFor('amount')}
          hint={t('visit.amountHint')}
          inputMode="numeric"
          autoComplete="off"
        />
      </div>
    </>
  );
}
