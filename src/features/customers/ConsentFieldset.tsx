/**
 * Consent at the counter: the shop's purpose text is shown before anything is ticked (APPI asks
 * that the purpose is made known at collection), then "May contact" and the channels agreed to.
 */
import { useTranslation } from '../../i18n';
import { Checkbox } from '../../components/Field';
import { CONSENT_CHANNELS, type ConsentChannel } from '../../model/types';
import { chosenChannels, type CustomerDraft } from './customer-draft';

interface Props {
  draft: CustomerDraft;
  update: (patch: Partial<CustomerDraft>) => void;
  purposeText: string;
  error?: string;
}

export function ConsentFieldset({ draft, update, purposeText, error }: Props) {
  const { t } = useTranslation();
  const channels = chosenChannels(draft);
  const toggle = (channel: ConsentChannel, on: boolean) => {
    const next = on ? [...channels, channel] : channels.filter((c) => c !== channel);
    update({ channels: CONSENT_CHANNELS.filter((c) => next.includes(c)) });
  };
  return (
    <fieldset className="fieldset consent">
      <legend>{t('consent.legend')}</legend>
      <figure className="consent__purpose">
        <figcaption>{t('consent.purposeLabel')}</figcaption>
        <blockquote>{purposeText}</blockquote>
      </figure>
      <Checkbox
        label={t('consent.mayContact')}
        checked={draft.mayContact}
        hint={t('consent.mayContactHint')}
        onChange={(mayContact) => update({ mayContact })}
      />
      {draft.mayContact && (
        <div role="group" aria-label={t('consent.channels')} className="consent__channels">
          {CONSENT_CHANNELS.map((channel) => (
            <Checkbox
              key={channel}
              label={t(`consent.channel.${channel}`)}
              checked={channels.includes(channel)}
              onChange={(on) => toggle(channel, on)}
            />
          ))}
        </div>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
