/**
 * "Talk about": the small things that make a customer feel remembered, at the top of the card.
 * One tap adds what was just mentioned, one tap retires what no longer applies (with Undo).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { FormAlert } from '../../components/FormAlert';
import { useToast } from '../../components/Toasts';
import {
  activeTalkAbout,
  addTalkAbout,
  restoreTalkAbout,
  retireTalkAbout,
  TALK_ABOUT_MAX,
} from '../../db/relationships/relationships';
import type { Customer } from '../../model/types';
import type { WriteContext } from '../../db/write-context';
import { useDraft } from '../../hooks/useDraft';

interface Props {
  customer: Customer;
  ctx: WriteContext;
  /** At the very top of the card (a check-in): larger, to be read at a glance. */
  prominent?: boolean;
}

export function TalkAbout({ customer, ctx, prominent = false }: Props) {
  const { t } = useTranslation();
  const toast = useToast();
  const [draft, update, clearDraft] = useDraft(`talk-about:${customer.id}`, { text: '' });
  const text = draft.text;
  const [failure, setFailure] = useState<unknown>();
  const items = activeTalkAbout(customer);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setFailure(undefined);
    try {
      await addTalkAbout(customer.id, text, ctx);
      clearDraft();
    } catch (error) {
      setFailure(error);
    }
  };

  const retire = async (id: string, label: string) => {
    try {
      await retireTalkAbout(customer.id, id, ctx);
      toast({
        message: t('talkAbout.retired', { text: label }),
        action: { label: t('undo'), run: () => restoreTalkAbout(customer.id, id, ctx) },
      });
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section className={prominent ? 'talk talk--prominent' : 'talk'} aria-labelledby="talk-heading">
      <h2 id="talk-heading" className="talk__heading">
        {t('talkAbout.heading')}
      </h2>
      {items.length === 0 ? (
        <p className="muted small talk__empty">{t('talkAbout.empty')}</p>
      ) : (
        <ul className="talk__list">
          {items.map((item) => (
            <li key={item.id} className="talk__item">
              <span className="talk__text">{item.text}</span>
              <button
                type="button"
                className="talk__retire"
                aria-label={t('talkAbout.retire', { text: item.text })}
                onClick={() => void retire(item.id, item.text)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="talk__form" onSubmit={(e) => void add(e)}>
        <label className="visually-hidden" htmlFor="talk-about-input">
          {t('talkAbout.label')}
        </label>
        <input
          id="talk-about-input"
          className="input"
          value={text}
          maxLength={TALK_ABOUT_MAX * 2}
          placeholder={t('talkAbout.hint')}
          autoComplete="off"
          onChange={(e) => update({ text: e.target.value })}
        />
        <button type="submit" className="button">
          <span aria-hidden="true">+ </span>
          {t('talkAbout.add')}
        </button>
      </form>
      <FormAlert failure={failure} />
    </section>
  );
}
