/**
 * The follow-up queue: what to do for people now, and what is coming up in the next two weeks.
 * Opening it brings the app's suggestions up to date (thank-yous, birthdays, lapse nudges).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useTranslation } from '../../i18n';
import { suggestFollowUps } from '../../db/follow-ups';
import { followUpQueue } from '../../db/relationship-queries';
import { useCounter } from '../../hooks/useCounter';
import { useNow } from '../../hooks/useNow';
import { useShopSettings } from '../../hooks/useShopSettings';
import { addDays } from '../../lib/days';
import { FollowUpItem } from './FollowUpItem';

const UPCOMING_DAYS = 14;

export default function FollowUpsPage() {
  const { t } = useTranslation();
  const counter = useCounter();
  const settings = useShopSettings();
  const now = useNow();
  const tomorrow = addDays(now, 1);

  useEffect(() => {
    suggestFollowUps().catch((error: unknown) =>
      console.error('Daifuku follow-up suggestions', error),
    );
  }, []);

  const queue = useLiveQuery(() => followUpQueue(addDays(now, UPCOMING_DAYS + 1)), [now]);
  const due = queue?.filter((v) => v.followUp.dueAt < tomorrow) ?? [];
  const upcoming = queue?.filter((v) => v.followUp.dueAt >= tomorrow) ?? [];

  return (
    <section className="page page--follow-ups">
      <h1>{t('followUps.heading')}</h1>
      <p className="muted">{t('followUps.intro')}</p>
      <section aria-labelledby="due-heading">
        <h2 id="due-heading">
          {t('followUps.due')} <span className="count">{queue ? due.length : ''}</span>
        </h2>
        {queue && due.length === 0 && <p className="empty">{t('followUps.noneDue')}</p>}
        <ul className="follow-ups" aria-labelledby="due-heading">
          {due.map((view) => (
            <FollowUpItem
              key={view.followUp.id}
              view={view}
              settings={settings}
              counter={counter}
              now={now}
              showCustomer
            />
          ))}
        </ul>
      </section>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t('followUps.upcoming')}</h2>
        {queue && upcoming.length === 0 && <p className="empty">{t('followUps.noneUpcoming')}</p>}
        <ul className="follow-ups" aria-labelledby="upcoming-heading">
          {upcoming.map((view) => (
            <FollowUpItem
              key={view.followUp.id}
              view={view}
              settings={settings}
              counter={counter}
              now={now}
              showCustomer
            />
          ))}
        </ul>
      </section>
    </section>
  );
}
