/**
 * "Referred by": finds an existing customer as you type (name, reading, romaji or phone, like the
 * search box) and links the new card to them. A combobox in the ARIA 1.2 pattern: arrow keys move
 * through the suggestions, Enter picks one, Escape closes the list.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n';
import { findCustomers } from '../../db/queries';
import type { Id } from '../../model/types';

const SUGGESTIONS = 8;

interface Props {
  /** The chosen referrer's id, or '' for none. */
  value: Id;
  /** What the box shows: the chosen referrer's name, or what is being typed. */
  text: string;
  onChange: (value: { referredBy: Id; referredByName: string }) => void;
  /** The card being edited, which cannot refer itself. */
  excludeId?: Id;
  error?: string;
}

export function ReferredByField({ value, text, onChange, excludeId, error }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const query = useDeferredValue(value ? '' : text);
  const matches = useLiveQuery(
    async () =>
      query.trim() ? (await findCustomers(query, SUGGESTIONS + 1)).map((m) => m.customer) : [],
    [query],
  );
  const options = (matches ?? []).filter((c) => c.id !== excludeId).slice(0, SUGGESTIONS);
  const expanded = open && !value && text.trim().length > 0;

  const choose = (index: number) => {
    const chosen = options[index];
    if (!chosen) return;
    onChange({ referredBy: chosen.id, referredByName: chosen.name });
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (options.length ? (i + step + options.length) % options.length : 0));
    } else if (event.key === 'Enter' && expanded && options.length) {
      // Enter picks the highlighted customer instead of submitting the whole form.
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  const describedBy = [error ? `${id}-error` : undefined, `${id}-hint`].filter(Boolean).join(' ');
  return (
    <div className={`field combobox${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {t('referral.referredBy')}
      </label>
      <div className="combobox__control">
        <input
          id={id}
          className="input"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && options[active] ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          autoComplete="off"
          value={text}
          onChange={(e) => {
            onChange({ referredBy: '', referredByName: e.target.value });
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        {(value || text) && (
          <button
            type="button"
            className="button button--icon combobox__clear"
            aria-label={t('referral.clear')}
            onClick={() => onChange({ referredBy: '', referredByName: '' })}
          >
            ×
          </button>
        )}
      </div>
      <ul
        id={listId}
        role="listbox"
        aria-label={t('referral.options')}
        className="combobox__list"
        hidden={!expanded}
      >
        {expanded && options.length === 0 && matches && (
          <li className="combobox__empty muted" role="presentation">
            {t('referral.noMatch')}
          </li>
        )}
        {expanded &&
          options.map((customer, index) => (
            <li
              key={customer.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className="combobox__option"
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(index);
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span className="combobox__name">{customer.name}</span>
              {customer.reading && (
                <span className="combobox__reading muted small" lang="ja">
                  {' '}
                  {customer.reading}
                </span>
              )}
            </li>
          ))}
      </ul>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <p className="field__hint" id={`${id}-hint`}>
        {t('referral.hint')}
      </p>
    </div>
  );
}
