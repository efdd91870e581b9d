/**
 * A customer's card: the caution flag first, then who they are with their stage and what to talk
 * about (customers and relationships features), their follow-ups, what they are looking for
 * (探しもの帳), what the shop bought from them (buy-in feature), and their timeline (visits).
 * Opened for a check-in (from a search typed as phone digits, see lib/check-in), what to talk
 * about comes right after the caution, before the name, and the duplicate notice waits below the
 * card: a glance at the counter, one-handed.
 */
import { CustomerNotFound } from '../../components/CustomerNotFound';
import { useCallback, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from '../../i18n';
import { useLocation, useParams } from 'react-router';
import { CautionBanner } from '../../components/CautionBanner';
import { StageBadges } from '../../components/StageBadges';
import { consentsOf, getCustomer } from '../../db/queries';
import { BuyInPanel } from '../../features/buy-in/BuyInPanel';
import { useRetentionNotice } from '../../features/buy-in/useRetentionNotice';
import { CustomerDetails } from '../../features/customers/CustomerDetails';
import { WantedItems } from '../../features/customers/WantedItems';
import { CustomerFollowUps } from '../../features/follow-ups/CustomerFollowUps';
import { CautionControls } from '../../features/relationships/CautionControls';
import { Referrals } from '../../features/relationships/Referrals';
import { TalkAbout } from '../../features/relationships/TalkAbout';
import { CardDuplicates } from '../../features/privacy/CardDuplicates';
import { CustomerPrivacyPanel } from '../../features/privacy/CustomerPrivacyPanel';
import { Timeline } from '../../features/visits/Timeline';
import { useAfterPaint } from '../../hooks/useAfterPaint';
import { useCounter } from '../../hooks/useCounter';
import { useNow } from '../../hooks/useNow';
import { useShopSettings } from '../../hooks/useShopSettings';
import { isCheckInArrival } from '../../lib/check-in';
import { formatDate } from '../../lib/format';
import { stageOf } from '../../lib/stages';

export default function CustomerPage() {
  const { id = '' } = useParams();
  const checkIn = isCheckInArrival(useLocation().state);
  const { t, i18n } = useTranslation();
  const counter = useCounter();
  const settings = useShopSettings();
  const now = useNow();
  const loaded = useLiveQuery(
    async () => {
      // Both at once: one round trip to IndexedDB rather than two in a row.
      const [customer, consents] = await Promise.all([getCustomer(id), consentsOf(id)]);
      return { customer, consents: customer ? consents.active : [] };
    },
    [id],
  );
  // Name, caution, stage, talk-about and the timeline paint first; the panels below them, each
  // with its own reads, mount a frame after both (the timeline's entries are a read of their own,
  // often answered after the card's: the panels would otherwise render in between).
  const [timelineShown, setTimelineShown] = useState(false);
  const onTimelineShown = useCallback(() => setTimelineShown(true), []);
  const rest = useAfterPaint(Boolean(loaded?.customer) && timelineShown);
  const deletionNotice = useRetentionNotice(id, rest);
  if (loaded && (!loaded.customer || loaded.customer.deletedAt)) {
    return <CustomerNotFound />;
  }
  // The timeline starts loading together with the card rather than after it.
  const customer = loaded?.customer;
  const consents = loaded?.consents ?? [];
  const stage = customer
    ? stageOf(customer.visitTimes ?? [], {
        now,
        rules: settings.stageRules,
        referredCount: customer.referredCount,
        earlier: customer.visitsBefore,
      })
    : undefined;
  const caution = customer?.caution;
  return (
    <div className="page page--card">
      <div className="card-column">
        {customer && stage ? (
          <>
            {rest && !checkIn && <CardDuplicates customer={customer} counter={counter} />}
            <CustomerDetails
              customer={customer}
              consents={consents}
              counter={counter}
              deletionNotice={deletionNotice}
              banner={
                caution && (
                  <CautionBanner
                    caution={caution}
                    detail={t('caution.setBy', {
                      staff: counter.nameOf(caution.setBy) ?? t('caution.someone'),
                      date: formatDate(caution.setAt, i18n.language),
                    })}
                  />
                )
              }
              lead={checkIn && <TalkAbout customer={customer} ctx={counter.ctx} prominent />}
              top={
                <>
                  <p className="card__stage">
                    <span className="visually-hidden">{t('stage.label')}: </span>
                    <StageBadges stage={stage} />
                  </p>
                  {!checkIn && <TalkAbout customer={customer} ctx={counter.ctx} />}
                </>
              }
              rows={rest && <Referrals customer={customer} />}
            >
              {rest && <CautionControls customer={customer} counter={counter} />}
            </CustomerDetails>
            {rest && (
              <>
                {checkIn && <CardDuplicates customer={customer} counter={counter} />}
                <CustomerFollowUps customer={customer} consents={consents} counter={counter} />
                <WantedItems customer={customer} counter={counter} />
                <BuyInPanel customerId={id} />
                <CustomerPrivacyPanel customer={customer} consents={consents} counter={counter} />
              </>
            )}
          </>
        ) : (
          <section className="card" aria-busy="true">
            <p className="muted">{t('app.loading')}</p>
          </section>
        )}
      </div>
      <Timeline
        customerId={id}
        counter={counter}
        quickNotes={settings.quickNotes}
        healthAllowed={Boolean(customer?.healthConsent && !customer.healthConsent.revokedAt)}
        onShown={onTimelineShown}
      />
    </div>
  );
}
