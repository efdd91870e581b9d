/**
 * The follow-up queue: what to do for people now, and what is coming up in the next two weeks.
 * Opening it brings the app's suggestions up to date (the step ladder, birthdays, lapse nudges,
 * "it came in"); what the temperature guard holds back is listed apart with its reason.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from '../../i18n';
import { suggestFollowUps } from '../../db/follow-ups/follow-ups';
import { followUpQueue, type FollowUpView } from '../../db/relationships/queries';
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

  const queue = useLiveQuery(() => followUpQueue(addDays(now, UPCOMING_DAYS + 1), now), [now]);
  // The temperature guard's holds are listed apart, each with its reason, rather than as due.
  const held = queue?.filter((v) => v.held && v.followUp.dueAt < tomorrow) ?? [];
  const due = queue?.filter((v) => !v.held && v.followUp.dueAt < tomorrow) ?? [];
  const upcoming = queue?.filter((v) => v.followUp.dueAt >= tomorrow) ?? [];

  const item = (view: FollowUpView) => (
    <FollowUpItem key={view.followUp.id} view={view} settings={settings} counter={counter} now={now} showCustomer />
  );

  return (
    <section className="page page--follow-ups">
      <h1>{t('followUps.heading')}</h1>
      <p className="muted">{t('followUps.intro')}</p>
      <FollowUpSection
        id="due-heading"
        heading={
          <>
            {t('followUps.due')} <span className="count">{queue ? due.length : ''}</span>
          </>
        }
        empty={t('followUps.noneDue')}
        views={queue && due}
        item={item}
      />
      {held.length > 0 && (
        <FollowUpSection
          id="held-heading"
          heading={
            <>
              {t('followUps.heldHeading')} <span className="count">{held.length}</span>
            </>
          }
          intro={t('followUps.heldIntro')}
          empty={t('followUps.noneHeld')}
          views={held}
          item={item}
        />
      )}
      <FollowUpSection
        id="upcoming-heading"
        heading={t('followUps.upcoming')}
        empty={t('followUps.noneUpcoming')}
        views={queue && upcoming}
        item={item}
      />
    </section>
  );
}

/** One list of the queue under its heading; `views` is undefined while the queue is read. */
function FollowUpSection({
  id,
  heading,
  intro,
  empty,
  views,
  item,
}: {
  id: string;
  heading: ReactNode;
  intro?: string;
  empty: string;
  views: readonly FollowUpView[] | undefined;
  item: (view: FollowUpView) => ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {intro && <p className="muted small">{intro}</p>}
      {views && views.length === 0 && <p className="empty">{empty}</p>}
      <ul className="follow-ups" aria-labelledby={id}>
        {views?.map(item)}
      </ul>
    </section>
  );
}
