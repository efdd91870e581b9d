/**
 * The owner's message templates for follow-ups, in Japanese and English, with the placeholders
 * {name} and {shop}. A placeholder the app does not know is flagged when saving, next to its
 * template, rather than sent to a customer as "{nickname}".
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { DraftRestoredNotice } from '../../components/DraftRestoredNotice';
import { TextAreaField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { useToast } from '../../components/Toasts';
import { saveMessageTemplates, templateErrors } from '../../db/relationships/settings';
import type { Counter } from '../../hooks/useCounter';
import { useDraftOver } from '../../hooks/useDraft';
import {
  MESSAGE_LANGUAGES,
  TEMPLATE_KINDS,
  unknownPlaceholders,
  type MessageLanguage,
  type MessageTemplates,
  type TemplateKind,
} from '../../lib/message-templates';

/** One text field per template, named as errors name them ("bodies.thank-you.ja", "optOut.en"). */
function fieldsOf(templates: MessageTemplates): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const kind of TEMPLATE_KINDS) {
    for (const language of MESSAGE_LANGUAGES) fields[`bodies.${kind}.${language}`] = templates.bodies[kind][language];
  }
  for (const language of MESSAGE_LANGUAGES) fields[`optOut.${language}`] = templates.optOut[language];
  return fields;
}

function templatesOf(fields: Record<string, string>, stored: MessageTemplates): MessageTemplates {
  const text = (field: string, fallback: string) => fields[field] ?? fallback;
  const localized = (prefix: string, fallback: Record<MessageLanguage, string>) =>
    Object.fromEntries(
      MESSAGE_LANGUAGES.map((l) => [l, text(`${prefix}.${l}`, fallback[l])]),
    ) as Record<MessageLanguage, string>;
  return {
    bodies: Object.fromEntries(
      TEMPLATE_KINDS.map((kind) => [kind, localized(`bodies.${kind}`, stored.bodies[kind])]),
    ) as MessageTemplates['bodies'],
    optOut: localized('optOut', stored.optOut),
  };
}

export function MessageTemplatesEditor({
  templates,
  counter,
}: {
  templates: MessageTemplates;
  counter: Counter;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  // Until someone types, the stored templates show as they are (and follow changes from elsewhere);
  // what is typed is kept as a draft until saved or discarded.
  const edits = useDraftOver('message-templates', fieldsOf(templates));
  const draft = templatesOf(edits.shown, templates);
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const errors = attempted ? templateErrors(draft) : [];

  const setBody = (kind: TemplateKind, language: MessageLanguage, text: string) =>
    edits.set(`bodies.${kind}.${language}`, text);
  const setOptOut = (language: MessageLanguage, text: string) => edits.set(`optOut.${language}`, text);

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
      edits.clear();
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
      <p className="muted small">{t('relationshipSettings.itemPlaceholderHint')}</p>
      {edits.restored && counter.isOwner && <DraftRestoredNotice onDiscard={edits.clear} />}
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
