/**
 * The owner's follow-up ladder: which steps the app suggests and how many days after the visit,
 * and the temperature guard (minimum days between two contacts, the stage a birthday greeting
 * waits for, and whether to ask about a declined appraisal). Owners edit; everyone else sees.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { DraftRestoredNotice } from '../../components/DraftRestoredNotice';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { useToast } from '../../components/Toasts';
import { saveFollowUpRules } from '../../db/relationships/settings';
import type { Counter } from '../../hooks/useCounter';
import { useDraftOver } from '../../hooks/useDraft';
import {
  BIRTHDAY_STAGES,
  FOLLOW_UP_RULE_LIMITS,
  invalidFollowUpRules,
  LADDER_STEPS,
  type BirthdayStage,
  type FollowUpRules,
} from '../../lib/follow-up-ladder';

type Typed = Record<string, string>;

function typedFrom(rules: FollowUpRules): Typed {
  const typed: Typed = {
    minDaysBetweenContacts: String(rules.minDaysBetweenContacts),
    birthdayFromStage: rules.birthdayFromStage,
    stillWithYouAfterDays: String(rules.stillWithYouAfterDays),
  };
  for (const step of LADDER_STEPS) {
    typed[`${step}.enabled`] = String(rules.steps[step].enabled);
    typed[`${step}.afterDays`] = String(rules.steps[step].afterDays);
  }
  return typed;
}

/** Full-width digits typed on a Japanese keyboard count; an empty box is not zero. */
function numberFrom(typed: string | undefined): number {
  const value = (typed ?? '').normalize('NFKC').trim();
  return value ? Number(value) : Number.NaN;
}

function rulesFrom(typed: Typed): FollowUpRules {
  const steps = Object.fromEntries(
    LADDER_STEPS.map((step) => [
      step,
      {
        enabled: typed[`${step}.enabled`] === 'true',
        afterDays: numberFrom(typed[`${step}.afterDays`]),
      },
    ]),
  ) as FollowUpRules['steps'];
  return {
    steps,
    minDaysBetweenContacts: numberFrom(typed.minDaysBetweenContacts),
    birthdayFromStage: typed.birthdayFromStage as BirthdayStage,
    stillWithYouAfterDays: numberFrom(typed.stillWithYouAfterDays),
  };
}

export function FollowUpRulesEditor({
  rules,
  counter,
}: {
  rules: FollowUpRules;
  counter: Counter;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const draft = useDraftOver('follow-up-rules', typedFrom(rules));
  const typed = draft.shown;
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const invalid = attempted ? invalidFollowUpRules(rulesFrom(typed)) : [];
  const rangeError = (field: string, limits: { min: number; max: number }) =>
    invalid.includes(field) ? t('relationshipSettings.outOfRange', limits) : undefined;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setFailure(undefined);
    if (invalidFollowUpRules(rulesFrom(typed)).length) return;
    try {
      await saveFollowUpRules(rulesFrom(typed), counter.ctx);
      setAttempted(false);
      draft.clear();
      toast({ message: t('followUpRules.saved') });
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section className="panel" aria-labelledby="follow-up-rules-heading">
      <h2 id="follow-up-rules-heading">{t('followUpRules.heading')}</h2>
      <p className="muted small">{t('followUpRules.hint')}</p>
      {draft.restored && counter.isOwner && <DraftRestoredNotice onDiscard={draft.clear} />}
      <form className="form" noValidate onSubmit={(e) => void save(e)}>
        <fieldset className="fieldset" disabled={!counter.isOwner}>
          <legend>{t('followUpRules.stepsLegend')}</legend>
          {LADDER_STEPS.map((step) => (
            <div key={step} className="row row--wrap row--end">
              <label className="checkbox grow">
                <input
                  className="checkbox__box"
                  type="checkbox"
                  checked={typed[`${step}.enabled`] === 'true'}
                  onChange={(e) => draft.set(`${step}.enabled`, String(e.target.checked))}
                />
                <span className="checkbox__label">{t(`followUpRules.steps.${step}`)}</span>
              </label>
              <TextField
                label={t('followUpRules.afterDays', { step: t(`followUpRules.steps.${step}`) })}
                value={typed[`${step}.afterDays`] ?? ''}
                onChange={(value) => draft.set(`${step}.afterDays`, value)}
                inputMode="numeric"
                error={rangeError(`steps.${step}.afterDays`, FOLLOW_UP_RULE_LIMITS.afterDays)}
                autoComplete="off"
              />
            </div>
          ))}
        </fieldset>
        <fieldset className="fieldset" disabled={!counter.isOwner}>
          <legend>{t('followUpRules.guardLegend')}</legend>
          <TextField
            label={t('followUpRules.minDaysBetweenContacts')}
            hint={t('followUpRules.minDaysHint')}
            value={typed.minDaysBetweenContacts ?? ''}
            onChange={(value) => draft.set('minDaysBetweenContacts', value)}
            inputMode="numeric"
            error={rangeError(
              'minDaysBetweenContacts',
              FOLLOW_UP_RULE_LIMITS.minDaysBetweenContacts,
            )}
            autoComplete="off"
          />
          <SelectField
            label={t('followUpRules.birthdayFromStage')}
            value={(typed.birthdayFromStage ?? 'occasional') as BirthdayStage}
            options={BIRTHDAY_STAGES.map((value) => ({ value, label: t(`stage.${value}`) }))}
            onChange={(value) => draft.set('birthdayFromStage', value)}
          />
          <TextField
            label={t('followUpRules.stillWithYouAfterDays')}
            hint={t('followUpRules.stillWithYouHint')}
            value={typed.stillWithYouAfterDays ?? ''}
            onChange={(value) => draft.set('stillWithYouAfterDays', value)}
            inputMode="numeric"
            error={rangeError('stillWithYouAfterDays', FOLLOW_UP_RULE_LIMITS.stillWithYouAfterDays)}
            autoComplete="off"
          />
        </fieldset>
        <FormAlert failure={failure} invalidCount={invalid.length} />
        {counter.isOwner ? (
          <div className="actions">
            <button type="submit" className="button button--primary">
              {t('followUpRules.save')}
            </button>
          </div>
        ) : (
          <p className="muted small">{t('relationshipSettings.ownerOnly')}</p>
        )}
      </form>
    </section>
  );
}
