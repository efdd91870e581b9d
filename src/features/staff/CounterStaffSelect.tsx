import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { Modal } from '../../components/Modal';
import { LazyPinForm as PinForm } from '../../components/LazyPinForm';
import type { Counter } from '../../hooks/useCounter';

/**
 * The quick "who is at the counter" switch in the header; every entry is signed with it. Once PINs
 * are set, switching asks for the new person's PIN, and a Lock button locks the counter at once.
 */
export function CounterStaffSelect({ counter }: { counter: Counter }) {
  const { t } = useTranslation();
  const [switchingTo, setSwitchingTo] = useState<string | undefined>();
  if (counter.staff.length === 0) return null;
  const target = counter.staff.find((s) => s.id === switchingTo);
  return (
    <div className="counter">
      <label className="counter-select">
        <span className="counter-select__label">{t('counter.label')}</span>
        <select
          className="input select counter-select__input"
          value={counter.current?.id ?? ''}
          onChange={(e) => (counter.pinsRequired ? setSwitchingTo(e.target.value) : counter.choose(e.target.value))}
        >
          {counter.staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {counter.pinsRequired && (
        <button type="button" className="button button--ghost counter__lock" onClick={counter.lock}>
          {t('safety.pin.lockNow')}
        </button>
      )}
      <Modal
        open={target !== undefined}
        title={target ? t('safety.pin.dialogTitleFor', { name: target.name }) : t('safety.pin.dialogTitle')}
        onClose={() => setSwitchingTo(undefined)}
      >
        {target && (
          <PinForm
            people={[target]}
            autoFocus
            onUnlock={async (id, pin) => {
              const ok = await counter.unlock(id, pin);
              if (ok) setSwitchingTo(undefined);
              return ok;
            }}
            onCancel={() => setSwitchingTo(undefined)}
          />
        )}
      </Modal>
    </div>
  );
}
