import { useCallback } from 'react';
import { useTranslation } from '../../i18n';
import { FormAlert } from '../../components/FormAlert';
import { useFieldErrors } from '../../hooks/useFieldErrors';
import { useSubmit } from '../../hooks/useSubmit';
import { VisitFields } from './VisitFields';
import { visitDraftErrors, type VisitDraft } from './visit-draft';

interface Props {
  draft: VisitDraft;
  update: (patch: Partial<VisitDraft>) => void;
  quickNotes: readonly string[];
  submitLabel: string;
  onSave: (draft: VisitDraft) => Promise<void>;
  onCancel: () => void;
  healthAllowed?: boolean;
}

/** Adding or editing one timeline entry. The draft belongs to the caller so it can outlive a reload. */
export function NoteForm({ draft, update, quickNotes, submitLabel, onSave, onCancel, healthAllowed }: Props) {
  const { t } = useTranslation();
  const validate = useCallback(() => visitDraftErrors(draft), [draft]);
  const save = useCallback(() => onSave(draft), [onSave, draft]);
  const { formRef, errors, saving, failure, onSubmit } = useSubmit({ validate, save });
  const errorFor = useFieldErrors(errors);
  return (
    <form ref={formRef} className="form note-form" noValidate onSubmit={onSubmit}>
      <VisitFields draft={draft} update={update} errorFor={errorFor} quickNotes={quickNotes} showDate autoFocusNote healthAllowed={healthAllowed} />
      <FormAlert invalidCount={errors.length} failure={failure} />
      <div className="actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('visit.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={saving}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
