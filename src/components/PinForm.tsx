/**
 * Choosing a staff member and entering their PIN: the lock screen, switching who is at the
 * counter, and unlocking as an owner all use this one form. After several wrong PINs on this
 * device it says how long to wait before the next try (src/lib/pin-attempts.ts), and waits.
 */
import { useState, type FormEvent } from 'react';
import { usePinWait } from '../hooks/usePinWait';
import { useTranslation } from '../i18n';
import { waitInWords } from '../lib/pin-attempts';
import { SelectField } from './Field';

/** Warn about the coming wait only when it is close. */
const WARN_WHEN_TRIES_LEFT = 2;

interface Props {
  people: ReadonlyArray<{ id: string; name: string }>;
  initialId?: string;
  onUnlock: (staffId: string, pin: string) => Promise<boolean>;
  onCancel?: () => void;
  autoFocus?: boolean;
  /** The submit button's name when the PIN confirms something other than unlocking. */
  submitLabel?: string;
}

export function PinForm({ people, initialId, onUnlock, onCancel, autoFocus, submitLabel }: Props) {
  const { t } = useTranslation();
  const [chosenId, setStaffId] = useState(initialId);
  // The list may change while the form is open (staff loading, a PIN removed elsewhere).
  const staffId = people.some((p) => p.id === chosenId) ? chosenId! : (people[0]?.id ?? '');
  const [pin, setPin] = useState('');
  const [wrong, setWrong] = useState(false);
  const [checking, setChecking] = useState(false);
  const { waitMs, triesBeforeWait } = usePinWait();
  const waiting = waitMs > 0;
  const wait = waitInWords(waitMs);
  const warnTries = wrong && !waiting && triesBeforeWait > 0 && triesBeforeWait <= WARN_WHEN_TRIES_LEFT;
  const describedBy =
    [wrong ? 'pin-error' : undefined, waiting ? 'pin-wait' : undefined, warnTries ? 'pin-tries' : undefined]
      .filter(Boolean)
      .join(' ') || 'pin-hint';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (checking || waiting) return;
    setChecking(true);
    const ok = await onUnlock(staffId, pin);
    setChecking(false);
    if (!ok) {
      setWrong(true);
      setPin('');
    }
  };

  return (
    <form className="form pin-form" onSubmit={(e) => void submit(e)}>
      {people.length === 1 && <p className="pin-form__who">{people[0]!.name}</p>}
      {people.length > 1 && (
        <SelectField
          label={t('safety.pin.staffMember')}
          value={staffId}
          options={people.map((p) => ({ value: p.id, label: p.name }))}
          onChange={(id) => {
            setStaffId(id);
            setWrong(false);
          }}
        />
      )}
      <div className={`field${wrong ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor="pin-input">
          {t('safety.pin.pin')}
        </label>
        <input
          id="pin-input"
          className="input input--pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          pattern="[0-9]*"
          maxLength={6}
          value={pin}
          autoFocus={autoFocus}
          aria-invalid={wrong || undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            setPin(e.target.value.replace(/\D/g, ''));
            setWrong(false);
          }}
        />
        {wrong && (
          <p className="field__error" id="pin-error" role="alert">
            {t('safety.pin.wrong')}
          </p>
        )}
        {warnTries && (
          <p className="field__hint" id="pin-tries">
            {t('safety.pin.triesBeforeWait', { count: triesBeforeWait })}
          </p>
        )}
        {waiting && (
          <p className="field__error" id="pin-wait" role="status">
            {wait.unit === 'seconds'
              ? t('safety.pin.waitSeconds', { count: wait.count })
              : t('safety.pin.waitMinutes', { count: wait.count })}
          </p>
        )}
        {!wrong && !waiting && (
          <p className="field__hint" id="pin-hint">
            {t('safety.pin.pinHint')}
          </p>
        )}
      </div>
      <div className="actions">
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t('safety.pin.cancel')}
          </button>
        )}
        <button type="submit" className="button button--primary" disabled={checking || waiting || pin.length < 4}>
          {submitLabel ?? t('safety.pin.unlock')}
        </button>
      </div>
    </form>
  );
}
