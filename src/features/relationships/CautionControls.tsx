/**
 * Setting, changing and clearing the caution flag, and its history. Every member of staff sees
 * the flag and the history; only an owner at the counter gets the controls (useCounter().isOwner,
 * the UI's one role check), and the data layer checks again.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { SelectField, TextAreaField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { useToast } from '../../components/Toasts';
import { InputError } from '../../db/errors';
import { cautionHistoryOf } from '../../db/relationships/queries';
import { CAUTION_REASON_MAX, clearCaution, setCaution } from '../../db/relationships/relationships';
import { CAUTION_LEVELS, type CautionLevel, type Customer } from '../../model/types';
import { cautionLevelOf } from '../../lib/refusal';
import type { Counter } from '../../hooks/useCounter';
import { useDraft } from '../../hooks/useDraft';
import { formatDate } from '../../lib/format';

interface CautionDraft {
  editing: boolean;
  reason: string;
  /** Absent in a draft kept from before levels existed. */
  level?: CautionLevel;
}

export function CautionControls({ customer, counter }: { customer: Customer; counter: Counter }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  // The open form and its reason outlive a reload; the reason is about this customer, so the
  // draft's key names them (personal-data deletion drops it).
  const [draft, update, clearDraft] = useDraft<CautionDraft>(`caution:${customer.id}`, {
    editing: false,
    reason: '',
    level: 'caution',
  });
  const editing = draft.editing && counter.isOwner;
  const reason = draft.reason;
  const level = draft.level ?? 'caution';
  const [failure, setFailure] = useState<unknown>();
  const history = useLiveQuery(() => cautionHistoryOf(customer.id), [customer.id]);

  const open = () => {
    update({
      editing: true,
      reason: customer.caution?.reason ?? '',
      level: cautionLevelOf(customer.caution) ?? 'caution',
    });
    setFailure(undefined);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    try {
      await setCaution(customer.id, reason, counter.ctx, level);
      clearDraft();
    } catch (error) {
      setFailure(error);
    }
  };

  const clear = async () => {
    setFailure(undefined);
    try {
      await clearCaution(customer.id, counter.ctx);
      toast({ message: t('caution.cleared') });
    } catch (error) {
      setFailure(error);
    }
  };

  const reasonError = failure instanceof InputError ? t('caution.required') : undefined;
  return (
    <section className="caution-controls" aria-label={t('caution.history')}>
      {counter.isOwner && !editing && (
        <div className="actions actions--start">
          {customer.caution ? (
            <>
              <button type="button" className="button button--small" onClick={open}>
                {t('caution.edit')}
              </button>
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => void clear()}
              >
                {t('caution.clear')}
              </button>
            </>
          ) : (
            <button type="button" className="button button--small button--ghost" onClick={open}>
              <span aria-hidden="true">⚠ </span>
              {t('caution.set')}
            </button>
          )}
        </div>
      )}
      {editing && (
        <form className="form caution-form" noValidate onSubmit={(e) => void save(e)}>
          <SelectField
            label={t('caution.level')}
            value={level}
            options={CAUTION_LEVELS.map((value) => ({
              value,
              label: t(`caution.levels.${value}`),
            }))}
            onChange={(value) => update({ level: value })}
            hint={t('caution.levelHint')}
          />
          <TextAreaField
            label={t('caution.reason')}
            value={reason}
            onChange={(text) => update({ reason: text })}
            hint={t('caution.reasonHint')}
            error={reasonError}
            maxLength={CAUTION_REASON_MAX}
            rows={2}
            autoFocus
          />
          <FormAlert failure={reasonError ? undefined : failure} />
          <div className="actions">
            <button type="button" className="button" onClick={() => clearDraft()}>
              {t('caution.cancel')}
            </button>
            <button type="submit" className="button button--primary">
              {t('caution.save')}
            </button>
          </div>
        </form>
      )}
      {!editing && <FormAlert failure={failure} />}
      {history && history.length > 0 && (
        <details className="caution-history">
          <summary>{t('caution.history')}</summary>
          <ol className="caution-history__list">
            {history.map((event) => (
              <li key={event.id}>
                <span className="muted small">
                  {t('caution.historyEntry', {
                    action: t(`caution.actions.${event.action}`),
                    staff: counter.nameOf(event.staffId) ?? t('caution.someone'),
                    date: formatDate(event.at, i18n.language),
                  })}
                </span>
                {event.level && event.level !== 'caution' && (
                  <span className="block small">{t(`caution.levels.${event.level}`)}</span>
                )}
                <span className="block">{event.reason}</span>
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
