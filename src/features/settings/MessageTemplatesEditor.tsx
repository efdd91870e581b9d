/**
 * The owner's message templates for follow-ups, in Japanese and English, with the placeholders
 * {name} and {shop}. A placeholder the app does not know is flagged when saving, next to its
 * template, rather than sent to a customer as "{nickname}".
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { TextAreaField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { useToast } from '../../components/Toasts';
import { saveMessageTemplates, templateErrors } from '../../db/relationship-settings';
import type { Counter } from '../../hooks/useCounter';
import {
  MESSAGE_LANGUAGES,
  TEMPLATE_KINDS,
  unknownPlaceholders,
  type MessageLanguage,
  type MessageTemplates,
  type TemplateKind,
} from '../../lib/message-templates';

export function MessageTemplatesEditor({
  templates,
  counter,
}: {
  templates: MessageTemplates;
  counter: Counter;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  // Until someone types, the stored templates show as they are (and follow changes from elsewhere).
  const [edited, setEdited] = useState<MessageTemplates | undefined>();
  const draft = edited ?? templates;
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const errors = attempted ? templateErrors(draft) : [];

  const setBody = (kind: TemplateKind, language: MessageLanguage, text: string) =>
    setEdited({
      ...draft,
      bodies: { ...draft.bodies, [kind]: { ...draft.bodies[kind], [language]: text } },
    });
  const setOptOut = (language: MessageLanguage, text: string) =>
    setEdited({ ...draft, optOut: { ...draft.optOut, [language]: text } });

  const errorFor = (field: string, text: string): string | undefined => {
    const error = errors.find((e) => e.field === field);
    if (!error) return undefined;
    if (error.code === 'unknownPlaceholder') {
      return t('relationshipSettings.unknownPlaceholder', {
        tokens: unknownPlaceholders(text).join(' '),
      });
    }
    if (field.startsWith('optOut')) return t('relationshipSettings.optOutRequired');
    return t(`errors.${error.code}`, { max: error.max });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setFailure(undefined);
    if (templateErrors(draft).length) return;
    try {
      await saveMessageTemplates(draft, counter.ctx);
      setAttempted(false);
      setEdited(undefined);
      toast({ message: t('relationshipSettings.templatesSaved') });
    } catch (error) {
      setFailure(error);
    }
  };

  const languageName = (language: MessageLanguage) =>
    t(`relationshipSettings.languages.${language}`);
  return (
    <section className="panel" aria-labelledby="templates-heading">
      <h2 id="templates-heading">{t('relationshipSettings.templatesHeading')}</h2>
      <p className="muted small">{t('relationshipSettings.templatesHint')}</p>
      <form className="form" noValidate onSubmit={(e) => void save(e)}>
        <fieldset className="templates" disabled={!counter.isOwner}>
          {TEMPLATE_KINDS.map((kind) => (
            <div key={kind} className="grid grid--2">
              {MESSAGE_LANGUAGES.map((language) => {
                const field = `bodies.${kind}.${language}`;
                return (
                  <TextAreaField
                    key={field}
                    label={t('relationshipSettings.template', {
                      kind: t(`followUps.kinds.${kind}`),
                      language: languageName(language),
                    })}
                    value={draft.bodies[kind][language]}
                    onChange={(text) => setBody(kind, language, text)}
                    error={errorFor(field, draft.bodies[kind][language])}
                    lang={language}
                    rows={5}
                  />
                );
              })}
            </div>
          ))}
          <div className="grid grid--2">
            {MESSAGE_LANGUAGES.map((language) => (
              <TextAreaField
                key={language}
                label={t('relationshipSettings.optOut', { language: languageName(language) })}
                value={draft.optOut[language]}
                onChange={(text) => setOptOut(language, text)}
                error={errorFor(`optOut.${language}`, draft.optOut[language])}
                lang={language}
                rows={2}
              />
            ))}
          </div>
        </fieldset>
        <FormAlert failure={failure} invalidCount={errors.length} />
        {counter.isOwner ? (
          <div className="actions">
            <button type="submit" className="button button--primary">
              {t('relationshipSettings.saveTemplates')}
            </button>
          </div>
        ) : (
          <p className="muted small">{t('relationshipSettings.ownerOnly')}</p>
        )}
      </form>
    </section>
  );
}
