/**
 * The tablet turned to the customer: they read the shop's purpose text, type their own name,
 * reading and contacts, and tick the ways they agree to be contacted. Nothing of the ledger is
 * shown (not even "you may already be registered"), and only staff can leave this screen, with
 * their PIN once PINs are set.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { useNavigate } from 'react-router';
import { Checkbox, TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { PinForm } from '../../components/PinForm';
import { createCustomer } from '../../db/customers';
import { InputError } from '../../db/errors';
import { CONSENT_CHANNELS, type ConsentChannel } from '../../db/types';
import type { Counter } from '../../hooks/useCounter';
import { useFieldErrors } from '../../hooks/useFieldErrors';
import { useShopSettings } from '../../hooks/useShopSettings';
import { endSelfEntry } from '../../lib/counter-lock';
import { parseCustomerInput } from '../../lib/customer-input';

interface Props {
  counter: Counter;
  handedOverBy: string | undefined;
}

const EMPTY = { name: '', reading: '', phone: '', email: '' };

function channelsFor(details: typeof EMPTY): ConsentChannel[] {
  return CONSENT_CHANNELS.filter((c) => (c === 'mail' ? details.email.trim() : c === 'sms' || c === 'phone' ? details.phone.trim() : false));
}

export default function SelfEntryPage({ counter, handedOverBy }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const settings = useShopSettings();
  const [details, setDetails] = useState(EMPTY);
  const [agreed, setAgreed] = useState<ConsentChannel[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [savedId, setSavedId] = useState<string | undefined>();
  const [handingBack, setHandingBack] = useState(false);
  const input = { name: details.name, reading: details.reading, phones: [details.phone], email: details.email };
  const parsed = parseCustomerInput(input);
  const errorFor = useFieldErrors(failure instanceof InputError ? failure.errors : []);
  const offered = channelsFor(details);

  const register = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (!parsed.ok) {
      setFailure(new InputError(parsed.errors));
      return;
    }
    const channels = agreed.filter((c) => offered.includes(c));
    try {
      const id = await createCustomer(
        input,
        channels.length
          ? { channels, purposeText: settings.purposeText, purposeVersion: settings.purposeVersion, method: 'self-entry' }
          : undefined,
        { staffId: handedOverBy },
      );
      setSavedId(id);
      setDetails(EMPTY);
      setAgreed([]);
    } catch (error) {
      setFailure(error);
    }
  };

  const takeBack = () => {
    endSelfEntry();
    navigate(savedId ? `/customers/${savedId}` : '/');
  };

  return (
    <main className="self-entry" id="main">
      <section className="panel self-entry__panel" aria-labelledby="self-entry-heading">
        <h1 id="self-entry-heading">{t('safety.selfEntry.heading', { shop: settings.shopName })}</h1>
        {savedId ? (
          <p className="self-entry__thanks" role="status">
            {t('safety.selfEntry.thanks')}
          </p>
        ) : (
          <form className="form" noValidate onSubmit={(e) => void register(e)}>
            <p className="muted">{t('safety.selfEntry.intro')}</p>
            <TextField label={t('customer.name')} value={details.name} onChange={(name) => setDetails((d) => ({ ...d, name }))} error={errorFor('name')} autoComplete="name" required />
            <TextField label={t('customer.reading')} value={details.reading} onChange={(reading) => setDetails((d) => ({ ...d, reading }))} hint={t('customer.readingHint')} lang="ja" />
            <TextField label={t('customer.phone')} value={details.phone} onChange={(phone) => setDetails((d) => ({ ...d, phone }))} error={errorFor('phones.0')} type="tel" inputMode="tel" autoComplete="tel" />
            <TextField label={t('customer.email')} value={details.email} onChange={(email) => setDetails((d) => ({ ...d, email }))} error={errorFor('email')} type="email" inputMode="email" autoComplete="email" />
            <fieldset className="fieldset consent">
              <legend>{t('safety.selfEntry.purpose')}</legend>
              <blockquote className="consent__purpose">{settings.purposeText}</blockquote>
              {offered.length > 0 && (
                <div role="group" aria-label={t('safety.selfEntry.agree')} className="consent__channels">
                  <p className="small">{t('safety.selfEntry.agree')}</p>
                  {offered.map((channel) => (
                    <Checkbox
                      key={channel}
                      label={t(`consent.channel.${channel}`)}
                      checked={agreed.includes(channel)}
                      onChange={(on) => setAgreed((list) => (on ? [...list, channel] : list.filter((c) => c !== channel)))}
                    />
                  ))}
                </div>
              )}
            </fieldset>
            <FormAlert failure={failure} />
            <div className="actions">
              <button type="submit" className="button button--primary">
                {t('safety.selfEntry.send')}
              </button>
            </div>
          </form>
        )}
      </section>
      <section className="self-entry__staff">
        {handingBack && counter.pinsRequired ? (
          <>
            <p className="small">{t('safety.selfEntry.backToStaffPin')}</p>
            <PinForm
              people={counter.staff.filter((s) => s.pin)}
              initialId={handedOverBy}
              onUnlock={async (id, pin) => {
                const ok = await counter.unlock(id, pin);
                if (ok) takeBack();
                return ok;
              }}
              onCancel={() => setHandingBack(false)}
            />
          </>
        ) : (
          <button type="button" className="button button--ghost" onClick={() => (counter.pinsRequired ? setHandingBack(true) : takeBack())}>
            {t('safety.selfEntry.backToStaff')}
          </button>
        )}
      </section>
    </main>
  );
}
