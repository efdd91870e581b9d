/**
 * One follow-up, ready to act on: what and why, the suggested message in the customer's language,
 * a link for each channel they agreed to (the app opens LINE, SMS, mail or the phone; the person
 * sends), and Done, Snooze or Dismiss. Done writes a Contact entry on the timeline.
 */
import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { mailSubject, templatesWithDefaults } from '../../i18n/message-template-defaults';
import { Link } from 'react-router';
import { FormAlert } from '../../components/FormAlert';
import { useToast } from '../../components/Toasts';
import {
  completeFollowUp,
  dismissFollowUp,
  reopenFollowUp,
  snoozeFollowUp,
} from '../../db/follow-ups/follow-ups';
import type { FollowUpView } from '../../db/relationships/queries';
import type { ShopSettings } from '../../model/types';
import type { Counter } from '../../hooks/useCounter';
import { addDays } from '../../lib/days';
import { formatCalendarDate, formatDate } from '../../lib/format';
import {
  MESSAGE_LANGUAGES,
  sendTargets,
  type MessageLanguage,
  type SendChannel,
} from '../../lib/message-templates';
import { dueLabel, heldText, suggestedMessage, templateOf } from './follow-up-text';

interface Props {
  view: FollowUpView;
  settings: ShopSettings;
  counter: Counter;
  now: number;
  /** On the queue each item names its customer; on a card it goes without saying. */
  showCustomer: boolean;
}

function initialLanguage(uiLanguage: string): MessageLanguage {
  return uiLanguage === 'en' ? 'en' : 'ja';
}

export function FollowUpItem({ view, settings, counter, now, showCustomer }: Props) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const { followUp, customer, consented } = view;
  const [language, setLanguage] = useState<MessageLanguage>(() => initialLanguage(i18n.language));
  const [channel, setChannel] = useState<SendChannel | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const message = suggestedMessage(followUp, customer.name, settings, language);
  const consentedSet = new Set<string>(consented);
  const targets = sendTargets(
    { phones: customer.phones, email: customer.email, consented: consentedSet },
    message,
    {
      subject: mailSubject(templateOf(followUp), language, settings.shopName),
      shop: {
        shopName: settings.shopName,
        shopAddress: settings.shopAddress,
        optOut: templatesWithDefaults(settings.messageTemplates).optOut[language],
      },
    },
  );
  const due = dueLabel(followUp.dueAt, now);
  const dueText =
    due.key === 'overdue'
      ? t('followUps.overdue', { count: due.days })
      : t(`followUps.${due.key}`, { date: formatDate(followUp.dueAt, i18n.language) });

  const act = async (action: () => Promise<void>) => {
    setFailure(undefined);
    setBusy(true);
    try {
      await action();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const kind = t(`followUps.kinds.${followUp.kind}`);
  const done = () =>
    act(async () => {
      const contactNote = channel
        ? t('followUps.contactNoteVia', { kind, channel: t(`followUps.channelNames.${channel}`) })
        : t('followUps.contactNote', { kind });
      const note = followUp.note ? `${contactNote}: ${followUp.note}` : contactNote;
      await completeFollowUp(followUp.id, { channel, contactNote: note }, counter.ctx);
      toast({ message: t('followUps.logged') });
    });
  const dismiss = () =>
    act(async () => {
      await dismissFollowUp(followUp.id, counter.ctx);
      toast({
        message: t('followUps.dismissed'),
        action: { label: t('undo'), run: () => reopenFollowUp(followUp.id, counter.ctx) },
      });
    });

  const why = whyText(view, i18n.language, t);
  return (
    <li
      className={`follow-up follow-up--${followUp.kind}${due.key === 'overdue' ? ' follow-up--overdue' : ''}`}
    >
      <div className="follow-up__head">
        <span className="follow-up__kind">{kind}</span>
        {showCustomer && (
          <Link className="follow-up__customer" to={`/customers/${customer.id}`}>
            {customer.name}
          </Link>
        )}
        <span className="follow-up__due">{dueText}</span>
      </div>
      {/* On the card the banner above already says it. */}
      {showCustomer && customer.caution && (
        <p className="follow-up__caution">
          <span aria-hidden="true">⚠ </span>
          <strong>{t('caution.banner')}</strong>: {customer.caution.reason}
        </p>
      )}
      {(followUp.note || why) && <p className="follow-up__note">{followUp.note || why}</p>}
      {view.held && <p className="follow-up__held">{heldText(view.held, i18n.language, t)}</p>}

      {targets.length > 0 ? (
        <>
          <div className="follow-up__message">
            <div
              className="segmented segmented--small"
              role="group"
              aria-label={t('followUps.messageLanguage')}
            >
              {MESSAGE_LANGUAGES.map((lang) => (
                <button
                  key={lang}
                  type="button"
                  className="segmented__option"
                  aria-pressed={language === lang}
                  onClick={() => setLanguage(lang)}
                >
                  {t(`settings.languages.${lang}`)}
                </button>
              ))}
            </div>
            <p className="message-preview" lang={language} aria-label={t('followUps.message')}>
              {message}
            </p>
          </div>
          <div className="follow-up__send">
            {targets.map((target) => (
              <a
                key={target.channel}
                className={`button button--send button--send-${target.channel}`}
                href={target.href}
                {...(target.channel === 'line'
                  ? { target: '_blank', rel: 'noopener noreferrer' }
                  : {})}
                onClick={() => setChannel(target.channel)}
              >
                {t(`followUps.send.${target.channel}`)}
              </a>
            ))}
          </div>
          {targets.some((x) => x.channel === 'mail') && !settings.shopAddress.trim() && (
            <p className="muted small">{t('followUps.noAddressWarning')}</p>
          )}
        </>
      ) : (
        <p className="muted small">
          {consented.includes('post') ? t('followUps.postOnly') : t('followUps.noConsent')}
        </p>
      )}

      <div className="follow-up__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => void done()}
        >
          <span aria-hidden="true">✓ </span>
          {t('followUps.done')}
        </button>
        <button
          type="button"
          className="button button--small button--ghost"
          disabled={busy}
          onClick={() => void act(() => snoozeFollowUp(followUp.id, 1, counter.ctx))}
        >
          {t('followUps.snoozeDay')}
        </button>
        <button
          type="button"
          className="button button--small button--ghost"
          disabled={busy}
          onClick={() => void act(() => snoozeFollowUp(followUp.id, 7, counter.ctx))}
        >
          {t('followUps.snoozeWeek')}
        </button>
        <button
          type="button"
          className="button button--small button--ghost"
          disabled={busy}
          onClick={() => void dismiss()}
        >
          {t('followUps.dismiss')}
        </button>
      </div>
      <FormAlert failure={failure} />
    </li>
  );
}

function whyText(
  view: FollowUpView,
  language: string,
  t: ReturnType<typeof useTranslation>['t'],
): string | undefined {
  const { followUp, customer } = view;
  if (followUp.kind === 'thank-you') {
    // Due the day after the purchase it thanks for.
    return t('followUps.why.thank-you', {
      date: formatDate(addDays(followUp.dueAt, -1), language),
    });
  }
  if (followUp.kind === 'birthday' && customer.birthday) {
    return t('followUps.why.birthday', { date: formatCalendarDate(customer.birthday, language) });
  }
  if (followUp.kind === 'lapsed' && customer.lastVisitAt) {
    return t('followUps.why.lapsed', { date: formatDate(customer.lastVisitAt, language) });
  }
  if ((followUp.kind === 'came-in' || followUp.kind === 'still-with-you') && followUp.subject) {
    return t(`followUps.why.${followUp.kind}`, { item: followUp.subject });
  }
  return undefined;
}
