/**
 * A customer's open follow-ups on their card, and "Add reminder" for the things staff promise at
 * the counter ("I'll call you when the Arita vase comes in").
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { InputError } from '../../db/errors';
import { addReminder } from '../../db/follow-ups/follow-ups';
import { customerFollowUpViews } from '../../db/relationships/queries';
import { contactableChannels } from '../../db/privacy/personal-data';
import type { Consent, Customer } from '../../model/types';
import type { Counter } from '../../hooks/useCounter';
import { useDraft } from '../../hooks/useDraft';
import { useNow } from '../../hooks/useNow';
import { useShopSettings } from '../../hooks/useShopSettings';
import { addDays, dayNumber, dayOfIsoDate, isoDateOfDay, startOfDayNumber } from '../../lib/days';
import { FollowUpItem } from './FollowUpItem';

interface Props {
  customer: Customer;
  consents: readonly Consent[];
  counter: Counter;
}

export function CustomerFollowUps({ customer, consents, counter }: Props) {
  const { t } = useTranslation();
  const settings = useShopSettings();
  const now = useNow();
  // With the guard's reasons, so the card says why a follow-up waits, as the queue does.
  const open = useLiveQuery(() => customerFollowUpViews(customer.id, now), [customer.id, now]);
  // The open reminder form, what is typed in it and its day outlive a reload (ReminderForm).
  const [draft, update, clearDraft] = useDraft<ReminderDraft>(`reminder:${customer.id}`, {
    adding: false,
    note: '',
    due: '',
  });
  // Consented and not on the do-not-contact list: the same rule as the follow-up queue.
  const consented = useLiveQuery(() => contactableChannels(customer.id), [customer.id, consents]) ?? [];

  return (
    <section className="panel follow-ups-panel" aria-labelledby="card-follow-ups-heading">
      <div className="timeline__header">
        <h2 id="card-follow-ups-heading">{t('followUps.onCard')}</h2>
        {!draft.adding && (
          <button
            type="button"
            className="button button--small"
            onClick={() => update({ adding: true, due: isoDateOfDay(dayNumber(addDays(Date.now(), 1))) })}
          >
            <span aria-hidden="true">+ </span>
            {t('followUps.addReminder')}
          </button>
        )}
      </div>
      {draft.adding && (
        <ReminderForm
          customer={customer}
          counter={counter}
          draft={draft}
          update={update}
          onDone={() => clearDraft()}
        />
      )}
      {open && open.length > 0 && (
        <ul className="follow-ups" aria-labelledby="card-follow-ups-heading">
          {open.map((view) => (
            <FollowUpItem
              key={view.followUp.id}
              view={{ ...view, customer, consented }}
              settings={settings}
              counter={counter}
              now={now}
              showCustomer={false}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

interface ReminderDraft {
  adding: boolean;
  note: string;
  /** yyyy-mm-dd: tomorrow when the form opens. */
  due: string;
}

function ReminderForm({
  customer,
  counter,
  draft,
  update,
  onDone,
}: {
  customer: Customer;
  counter: Counter;
  draft: ReminderDraft;
  update: (patch: Partial<ReminderDraft>) => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { note, due } = draft;
  const [failure, setFailure] = useState<unknown>();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const day = dayOfIsoDate(due);
    try {
      await addReminder(
        customer.id,
        note,
        day === undefined ? Number.NaN : startOfDayNumber(day),
        counter.ctx,
      );
      onDone();
    } catch (error) {
      setFailure(error);
    }
  };

  const errors = failure instanceof InputError ? failure.errors : [];
  const noteError = errors.find((e) => e.field === 'reminder');
  const dueError = errors.find((e) => e.field === 'dueAt');
  return (
    <form className="form reminder-form" noValidate onSubmit={(e) => void save(e)}>
      <TextField
        label={t('followUps.reminder')}
        value={note}
        onChange={(text) => update({ note: text })}
        hint={t('followUps.reminderHint')}
        error={
          noteError &&
          (noteError.code === 'required'
            ? t('followUps.reminderRequired')
            : t('errors.tooLong', { max: noteError.max }))
        }
        autoComplete="off"
        autoFocus
      />
      <TextField
        label={t('followUps.dueLabel')}
        type="date"
        value={due}
        onChange={(day) => update({ due: day })}
        error={dueError && t('errors.invalidDate')}
      />
      <FormAlert failure={failure} />
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          {t('followUps.cancel')}
        </button>
        <button type="submit" className="button button--primary">
          {t('followUps.addReminder')}
        </button>
      </div>
    </form>
  );
}
