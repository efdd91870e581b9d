import { useTranslation } from '../../i18n';
import type { Counter } from '../../hooks/useCounter';

/** The quick "who is at the counter" switch in the header; every entry is signed with it. */
export function CounterStaffSelect({ counter }: { counter: Counter }) {
  const { t } = useTranslation();
  if (counter.staff.length === 0) return null;
  return (
    <label className="counter-select">
      <span className="counter-select__label">{t('counter.label')}</span>
      <select
        className="input select counter-select__input"
        value={counter.current?.id ?? ''}
        onChange={(e) => counter.choose(e.target.value)}
      >
        {counter.staff.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
