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
import { createCustomer } from '../../db/customers/customers';
import { InputError } from '../../db/errors';
import { CONSENT_CHANNELS, type ConsentChannel } from '../../model/types';
import type { Counter } from '../../hooks/useCounter';
import { useDraft } from '../../hooks/useDraft';
import { useFieldErrors } from '../../hooks/useFieldErrors';
import { useShopSettings } from '../../hooks/useShopSettings';
import { endSelfEntry, SELF_ENTRY_DRAFT } from '../../lib/counter-lock';
import { parseCustomerInput } from '../../lib/customer-input';

interface Props {
  counter: Counter;
  handedOverBy: string | undefined;
}

const EMPTY = { name: '', reading: '', phone: '', email: '' };

type Details = typeof EMPTY;

/**
 * Kept as a draft so a reload in the customer's hands (or an update accepted in another tab) does
 * not make them start again. The draft is theirs alone: it is dropped when staff take the tablet
 * back and when it is handed to the next customer (src/lib/counter-lock.ts). After sending, only
 * the new card's id stays, so the thank-you survives a reload too.
 */
interface SelfEntryDraft extends Details {
  agreed: ConsentChannel[];
  savedId: string;
}

const EMPTY_DRAFT: SelfEntryDraft = { ...EMPTY, agreed: [], savedId: '' };

function channelsFor(details: Details): ConsentChannel[] {
  return CONSENT_CHANNELS.filter((c) => (c === 'mail' ? details.email.trim() : c === 'sms' || c === 'phone' ? details.phone.trim() : false));
}

export default function SelfEntryPage({ counter, handedOverBy }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const settings = useShopSettings();
  const [draft, update] = useDraft<SelfEntryDraft>(SELF_ENTRY_DRAFT, EMPTY_DRAFT);
  const { agreed, savedId } = draft;
  const details: Details = { name: draft.name, reading: draft.reading, phone: draft.phone, email: draft.email };
  const [failure, setFailure] = useState<unknown>();
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
      update(() => ({ ...EMPTY_DRAFT, savedId: id }));
    } catch (error) {
      setFailure(error);
    }
  };

  const takeBack = () => {
    // Ending self-entry drops the customer's draft too.
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
            <TextField label={t('customer.name')} value={details.name} onChange={(name) => update({ name })} error={errorFor('name')} autoComplete="name" required />
            <TextField label={t('customer.reading')} value={details.reading} onChange={(reading) => update({ reading })} hint={t('customer.readingHint')} lang="ja" />
            <TextField label={t('customer.phone')} value={details.phone} onChange={(phone) => update({ phone })} error={errorFor('phones.0')} type="tel" inputMode="tel" autoComplete="tel" />
            <TextField label={t('customer.email')} value={details.email} onChange={(email) => update({ email })} error={errorFor('email')} type="email" inputMode="email" autoComplete="email" />
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
                      onChange={(on) =>
                        update((d) => ({ ...d, agreed: on ? [...d.agreed, channel] : d.agreed.filter((c) => c !== channel) }))
                      }
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
