/**
 * The owner's thresholds for stages: when a customer counts as a regular, and when a regular has
 * lapsed. Owners edit them; everyone else sees them.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { DraftRestoredNotice } from '../../components/DraftRestoredNotice';
import { TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { useToast } from '../../components/Toasts';
import { saveStageRules } from '../../db/relationships/settings';
import type { Counter } from '../../hooks/useCounter';
import { useDraftOver } from '../../hooks/useDraft';
import { invalidStageRules, STAGE_RULE_LIMITS, type StageRules } from '../../lib/stages';

const FIELDS = ['regularMinVisits', 'regularWindowDays', 'lapseFactor', 'lapseMinDays'] as const;

type Typed = Record<keyof StageRules, string>;

function typedFrom(rules: StageRules): Typed {
  return Object.fromEntries(FIELDS.map((key) => [key, String(rules[key])])) as Typed;
}

/** Full-width digits typed on a Japanese keyboard count; an empty box is not zero. */
function numberFrom(typed: string): number {
  const value = typed.normalize('NFKC').trim();
  return value ? Number(value) : Number.NaN;
}

function rulesFrom(typed: Typed): StageRules {
  return {
    regularMinVisits: numberFrom(typed.regularMinVisits),
    regularWindowDays: numberFrom(typed.regularWindowDays),
    lapseFactor: numberFrom(typed.lapseFactor),
    lapseMinDays: numberFrom(typed.lapseMinDays),
  };
}

export function StageRulesEditor({ rules, counter }: { rules: StageRules; counter: Counter }) {
  const { t } = useTranslation();
  const toast = useToast();
  // Until someone types, the stored rules show as they are (and follow changes from elsewhere);
  // what is typed is kept as a draft until saved or discarded.
  const draft = useDraftOver('stage-rules', typedFrom(rules));
  const typed = draft.shown;
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const invalid = attempted ? invalidStageRules(rulesFrom(typed)) : [];

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setFailure(undefined);
    if (invalidStageRules(rulesFrom(typed)).length) return;
    try {
      await saveStageRules(rulesFrom(typed), counter.ctx);
      setAttempted(false);
      draft.clear();
      toast({ message: t('relationshipSettings.stagesSaved') });
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section className="panel" aria-labelledby="stages-heading">
      <h2 id="stages-heading">{t('relationshipSettings.stagesHeading')}</h2>
      <p className="muted small">{t('relationshipSettings.stagesHint')}</p>
      {draft.restored && counter.isOwner && <DraftRestoredNotice onDiscard={draft.clear} />}
      <form className="form" noValidate onSubmit={(e) => void save(e)}>
        <fieldset className="stage-rules" disabled={!counter.isOwner}>
          <div className="grid grid--2">
            {FIELDS.map((key) => (
              <TextField
                key={key}
                label={t(`relationshipSettings.${key}`)}
                value={typed[key]}
                onChange={(value) => draft.set(key, value)}
                inputMode={STAGE_RULE_LIMITS[key].integer ? 'numeric' : 'decimal'}
                error={
                  invalid.includes(key)
                    ? t('relationshipSettings.outOfRange', STAGE_RULE_LIMITS[key])
                    : undefined
                }
                autoComplete="off"
              />
            ))}
          </div>
        </fieldset>
        <FormAlert failure={failure} invalidCount={invalid.length} />
        {counter.isOwner ? (
          <div className="actions">
            <button type="submit" className="button button--primary">
              {t('relationshipSettings.saveStages')}
            </button>
          </div>
        ) : (
          <p className="muted small">{t('relationshipSettings.ownerOnly')}</p>
        )}
      </form>
    </section>
  );
}
