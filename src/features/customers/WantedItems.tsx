/**
 * 探しもの帳 on the card: what the customer is looking for (in their words, a category, a price
 * range, until when). When the shop buys in something that matches, "It came in" is suggested for
 * them (src/lib/wanted-match.ts says what matches). Closing one (found, or no longer wanted) has
 * Undo. What is typed outlives a reload, like every form.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { useToast } from '../../components/Toasts';
import { InputError } from '../../db/errors';
import {
  addWantedItem,
  closeWantedItem,
  openWantedItemsOf,
  reopenWantedItem,
} from '../../db/wanted/wanted';
import type { Counter } from '../../hooks/useCounter';
import { useDraft } from '../../hooks/useDraft';
import { formatDate, formatYen } from '../../lib/format';
import { WANTED_CATEGORIES, WANTED_TEXT_MAX, type WantedInput } from '../../lib/wanted-match';
import type { Customer, WantedCategory, WantedItem } from '../../model/types';

const EMPTY: WantedInput = { text: '', category: 'any', minPrice: '', maxPrice: '', until: '' };

export function WantedItems({ customer, counter }: { customer: Customer; counter: Counter }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const [draft, update, clearDraft] = useDraft<WantedInput>(`wanted:${customer.id}`, EMPTY);
  const [failure, setFailure] = useState<unknown>();
  const open = useLiveQuery(() => openWantedItemsOf(customer.id), [customer.id]);
  const language = i18n.language;

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    try {
      await addWantedItem(customer.id, draft, counter.ctx);
      clearDraft();
      toast({ message: t('wanted.added') });
    } catch (error) {
      setFailure(error);
    }
  };

  const close = async (item: WantedItem, reason: 'found' | 'withdrawn') => {
    try {
      await closeWantedItem(item.id, reason, counter.ctx);
      toast({
        message: t(reason === 'found' ? 'wanted.closedFound' : 'wanted.closedWithdrawn', {
          text: item.text,
        }),
        action: { label: t('undo'), run: () => reopenWantedItem(item.id, counter.ctx) },
      });
    } catch (error) {
      setFailure(error);
    }
  };

  const errors = failure instanceof InputError ? failure.errors : [];
  const errorOf = (field: string) => {
    const error = errors.find((e) => e.field === field);
    return error
      ? t(`wanted.errors.${field as 'text' | 'category' | 'minPrice' | 'maxPrice' | 'until'}`)
      : undefined;
  };
  const categoryLabel = (category: WantedCategory) =>
    category === 'any' ? t('wanted.anyCategory') : t(`kobutsu.categories.${category}`);
  const priceText = (item: WantedItem) => {
    const { minPrice: min, maxPrice: max } = item;
    if (min !== undefined && max !== undefined)
      return t('wanted.priceBetween', {
        min: formatYen(min, language),
        max: formatYen(max, language),
      });
    if (max !== undefined) return t('wanted.priceUpTo', { max: formatYen(max, language) });
    if (min !== undefined) return t('wanted.priceFrom', { min: formatYen(min, language) });
    return undefined;
  };

  return (
    <section className="panel wanted" aria-labelledby="wanted-heading">
      <h2 id="wanted-heading">{t('wanted.heading')}</h2>
      {open && open.length === 0 && <p className="muted small">{t('wanted.empty')}</p>}
      {open && open.length > 0 && (
        <ul className="wanted__list" aria-labelledby="wanted-heading">
          {open.map((item) => (
            <li key={item.id} className="wanted__item">
              <div>
                <strong className="wanted__text">{item.text}</strong>
                <span className="muted small block">
                  {[
                    categoryLabel(item.category),
                    priceText(item),
                    item.until !== undefined
                      ? t('wanted.untilDate', { date: formatDate(item.until, language) })
                      : undefined,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </div>
              <div className="wanted__actions">
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('wanted.foundLabel', { text: item.text })}
                  onClick={() => void close(item, 'found')}
                >
                  {t('wanted.found')}
                </button>
                <button
                  type="button"
                  className="button button--small button--ghost"
                  aria-label={t('wanted.withdrawLabel', { text: item.text })}
                  onClick={() => void close(item, 'withdrawn')}
                >
                  {t('wanted.withdraw')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <form className="form wanted__form" noValidate onSubmit={(e) => void add(e)}>
        <TextField
          label={t('wanted.lookingFor')}
          hint={t('wanted.lookingForHint')}
          value={draft.text}
          onChange={(text) => update({ text })}
          error={errorOf('text')}
          maxLength={WANTED_TEXT_MAX * 2}
          autoComplete="off"
        />
        <div className="row row--wrap row--end">
          <SelectField
            label={t('wanted.category')}
            className="grow"
            value={draft.category}
            options={WANTED_CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }))}
            onChange={(category) => update({ category })}
            error={errorOf('category')}
          />
          <TextField
            label={t('wanted.until')}
            className="grow"
            type="date"
            value={draft.until}
            onChange={(until) => update({ until })}
            error={errorOf('until')}
          />
        </div>
        <div className="row row--wrap row--end">
          <TextField
            label={t('wanted.minPrice')}
            className="grow"
            inputMode="numeric"
            value={draft.minPrice}
            onChange={(minPrice) => update({ minPrice })}
            error={errorOf('minPrice')}
          />
          <TextField
            label={t('wanted.maxPrice')}
            className="grow"
            inputMode="numeric"
            value={draft.maxPrice}
            onChange={(maxPrice) => update({ maxPrice })}
            error={errorOf('maxPrice')}
          />
        </div>
        <div className="actions actions--start">
          <button type="submit" className="button">
            <span aria-hidden="true">+ </span>
            {t('wanted.add')}
          </button>
        </div>
        <FormAlert failure={errors.length ? undefined : failure} />
      </form>
    </section>
  );
}
