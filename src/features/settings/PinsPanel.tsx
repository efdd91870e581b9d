/**
 * Staff PINs, roles and the auto-lock time. Setting the first PIN turns PINs on for the counter;
 * the owner setting PINs stays at the counter (they are unlocked with the PIN they just set).
 */
import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { SelectField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { useToast } from '../../components/Toasts';
import { saveSetting } from '../../db/settings';
import { changeRole, clearStaffPin, setStaffPin } from '../../db/staff/staff';
import type { Staff } from '../../model/types';
import type { Counter } from '../../hooks/useCounter';
import { isValidPin } from '../../lib/pin';

const LOCK_CHOICES = [0, 1, 2, 5, 10, 15, 30, 60];

export function PinsPanel({ counter, lockAfterMinutes }: { counter: Counter; lockAfterMinutes: number }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>();
  // Only an owner may turn the auto-lock off (the data layer checks again); anyone else sees
  // "Never" only when it is already the setting.
  const lockChoices = LOCK_CHOICES.filter((m) => m !== 0 || counter.isOwner || lockAfterMinutes === 0);
  return (
    <section className="panel" aria-labelledby="pins-heading">
      <h2 id="pins-heading">{t('safety.pin.section')}</h2>
      <p className="muted small">{t('safety.pin.sectionHint')}</p>
      <ul className="staff-list">
        {counter.staff.map((s) => (
          <PinRow key={s.id} staff={s} counter={counter} onFailure={setFailure} />
        ))}
      </ul>
      <SelectField
        label={t('safety.pin.lockAfter')}
        value={String(lockAfterMinutes)}
        hint={counter.isOwner ? undefined : t('safety.pin.lockNeverOwnerOnly')}
        options={lockChoices.map((m) => ({
          value: String(m),
          label: m === 0 ? t('safety.pin.lockNever') : t('safety.pin.lockAfterOption', { count: m }),
        }))}
        onChange={(value) => void saveSetting('lockAfterMinutes', Number(value), counter.ctx).catch(setFailure)}
      />
      <FormAlert failure={failure} />
    </section>
  );
}

function PinRow({ staff, counter, onFailure }: { staff: Staff; counter: Counter; onFailure: (error: unknown) => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [pin, setPin] = useState('');
  const [invalid, setInvalid] = useState(false);
  const inputId = `pin-${staff.id}`;

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!isValidPin(pin)) {
      setInvalid(true);
      return;
    }
    onFailure(undefined);
    try {
      await setStaffPin(staff.id, pin, counter.ctx);
      // Whoever sets their own PIN stays at the counter once PINs switch on.
      if (staff.id === counter.current?.id) await counter.unlock(staff.id, pin);
      setPin('');
      toast({ message: t('safety.pin.pinSaved', { name: staff.name }) });
    } catch (error) {
      onFailure(error);
    }
  };

  return (
    <li className="pin-row">
      <form className="row row--end row--wrap" onSubmit={(e) => void save(e)}>
        <div className={`field grow${invalid ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={inputId}>
            {t('safety.pin.newPinFor', { name: staff.name })}
          </label>
          <input
            id={inputId}
            className="input input--pin"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={6}
            value={pin}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? `${inputId}-error` : undefined}
            onChange={(e) => {
              setPin(e.target.value.replace(/\D/g, ''));
              setInvalid(false);
            }}
          />
          {invalid && (
            <p className="field__error" id={`${inputId}-error`}>
              {t('safety.pin.invalid')}
            </p>
          )}
        </div>
        <span className="badge">{staff.pin ? t('safety.pin.hasPin') : t('safety.pin.noPin')}</span>
        <button type="submit" className="button">
          {t('safety.pin.setPin', { name: staff.name })}
        </button>
        {staff.pin && (
          <button type="button" className="button button--ghost" onClick={() => void clearStaffPin(staff.id, counter.ctx).catch(onFailure)}>
            {t('safety.pin.clearPin', { name: staff.name })}
          </button>
        )}
        <button
          type="button"
          className="button button--ghost"
          onClick={() => void changeRole(staff.id, staff.role === 'owner' ? 'staff' : 'owner', counter.ctx).catch(onFailure)}
        >
          {staff.role === 'owner' ? t('safety.pin.makeStaff', { name: staff.name }) : t('safety.pin.makeOwner', { name: staff.name })}
        </button>
      </form>
    </li>
  );
}
