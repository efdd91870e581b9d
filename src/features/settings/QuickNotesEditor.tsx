import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { QUICK_NOTE_MAX, saveSetting } from '../../db/settings';
import type { WriteContext } from '../../db/write-context';
import { useDraft } from '../../hooks/useDraft';

/** The owner's one-tap phrases for notes at the counter. */
export function QuickNotesEditor({ quickNotes, ctx }: { quickNotes: readonly string[]; ctx: WriteContext }) {
  const { t } = useTranslation();
  const [draft, update, clearDraft] = useDraft('quick-note', { phrase: '' });
  const { phrase } = draft;
  const [failure, setFailure] = useState<unknown>();

  const write = async (next: string[]) => {
    setFailure(undefined);
    try {
      await saveSetting('quickNotes', next, ctx);
      return true;
    } catch (error) {
      setFailure(error);
      return false;
    }
  };

  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    const text = [...phrase.trim()].slice(0, QUICK_NOTE_MAX).join('');
    if (!text || quickNotes.includes(text)) return;
    if (await write([...quickNotes, text])) clearDraft();
  };

  return (
    <section className="panel" aria-labelledby="quick-notes-heading">
      <h2 id="quick-notes-heading">{t('settings.quickNotes')}</h2>
      <p className="muted small">{t('settings.quickNotesHint')}</p>
      <ul className="chips chips--editable">
        {quickNotes.map((note) => (
          <li key={note} className="chip chip--static">
            <span>{note}</span>
            <button
              type="button"
              className="chip__remove"
              aria-label={t('settings.removeQuickNote', { text: note })}
              onClick={() => void write(quickNotes.filter((n) => n !== note))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="row row--end" onSubmit={(e) => void add(e)}>
        <TextField className="grow" label={t('settings.newQuickNote')} value={phrase} onChange={(text) => update({ phrase: text })} autoComplete="off" />
        <button type="submit" className="button">
          {t('settings.addQuickNote')}
        </button>
      </form>
      <FormAlert failure={failure} />
    </section>
  );
}
