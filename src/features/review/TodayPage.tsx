/**
 * The owner's evening review on a phone after closing: today's visits by customer, new customers
 * and whether consent was captured, what is due tomorrow, regulars about to lapse, this month's
 * referrals, and what each member of staff wrote. Any past day through the date picker.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useSearchParams } from 'react-router';
import { StageBadges } from '../../components/StageBadges';
import { suggestFollowUps } from '../../db/follow-ups/follow-ups';
import { buyInsOn, type DayBuyIns } from '../../db/ledger/queries';
import { reviewOfDay, type DayReview } from '../../db/relationships/queries';
import type { Customer } from '../../model/types';
import { useCounter } from '../../hooks/useCounter';
import { useNow } from '../../hooks/useNow';
import { useShopSettings } from '../../hooks/useShopSettings';
import { dayNumber, dayOfIsoDate, isoDateOfDay, startOfDayNumber } from '../../lib/days';
import { formatDate, formatYen } from '../../lib/format';
import { stageOf, type StageRules } from '../../lib/stages';

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function formatTime(ms: number, language: string): string {
  let format = timeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { timeStyle: 'short' });
    timeFormats.set(language, format);
  }
  return format.format(ms);
}

export default function TodayPage() {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const today = dayNumber(now);
  const chosen = dayOfIsoDate(params.get('day') ?? '');
  const day = chosen !== undefined && chosen <= today ? chosen : today;
  const dayStart = startOfDayNumber(day);
  const { stageRules } = useShopSettings();
  const counter = useCounter();
  const review = useLiveQuery(() => reviewOfDay(dayStart), [dayStart]);
  // The day's buy-ins (古物台帳) and what the till paid out for them.
  const buyIns = useLiveQuery(() => buyInsOn(dayStart, startOfDayNumber(day + 1)), [dayStart, day]);

  useEffect(() => {
    suggestFollowUps().catch((error: unknown) =>
      console.error('Daifuku follow-up suggestions', error),
    );
  }, []);

  const goTo = (target: number) =>
    setParams(target >= today ? {} : { day: isoDateOfDay(target) }, { replace: true });
  const language = i18n.language;

  return (
    <section className="page page--today">
      <h1>
        {day === today
          ? t('today.heading')
          : t('today.headingDay', { date: formatDate(dayStart, language) })}
      </h1>
      <div className="day-picker">
        <button
          type="button"
          className="button button--icon"
          aria-label={t('today.previous')}
          onClick={() => goTo(day - 1)}
        >
          ‹
        </button>
        <label className="day-picker__field">
          <span className="visually-hidden">{t('today.day')}</span>
          <input
            type="date"
            className="input"
            value={isoDateOfDay(day)}
            max={isoDateOfDay(today)}
            onChange={(e) => {
              const picked = dayOfIsoDate(e.target.value);
              if (picked !== undefined) goTo(picked);
            }}
          />
        </label>
        <button
          type="button"
          className="button button--icon"
          aria-label={t('today.next')}
          disabled={day >= today}
          onClick={() => goTo(day + 1)}
        >
          ›
        </button>
        {day !== today && (
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => goTo(today)}
          >
            {t('today.backToToday')}
          </button>
        )}
      </div>
      {review && <Review review={review} rules={stageRules} now={now} nameOf={counter.nameOf} />}
      {buyIns && <BuyInsOfDay buyIns={buyIns} names={review?.visits} />}
    </section>
  );
}

/** The day's buy-ins and the total paid out, linked to their 古物台帳 entries. */
function BuyInsOfDay({ buyIns, names }: { buyIns: DayBuyIns; names?: DayReview['visits'] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const nameOf = (customerId: string) => names?.find((g) => g.customer.id === customerId)?.customer.name;
  return (
    <ReviewSection
      id="review-buy-ins"
      title={t('today.buyIns', { count: buyIns.count })}
      empty={buyIns.count === 0 && t('today.noBuyIns')}
    >
      <p className="review__total">{t('today.paidOut', { amount: formatYen(buyIns.totalPaid, language) })}</p>
      <ul className="review__entries">
        {buyIns.entries.map((entry) => (
          <li key={entry.id}>
            <Link to={`/ledger/${entry.id}`}>
              {formatTime(entry.transactedAt, language)} {entry.counterparty?.name ?? nameOf(entry.customerId) ?? ''}
            </Link>{' '}
            <span>{entry.items.map((item) => item.description).join('、')}</span>{' '}
            <strong>{formatYen(entry.total, language)}</strong>
          </li>
        ))}
      </ul>
    </ReviewSection>
  );
}

interface ReviewProps {
  review: DayReview;
  rules: StageRules;
  now: number;
  nameOf: (id: string | undefined) => string | undefined;
}

function Review({ review, rules, now, nameOf }: ReviewProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const stage = (c: Customer) =>
    stageOf(c.visitTimes ?? [], { now, rules, referredCount: c.referredCount, earlier: c.visitsBefore });
  const totals = review.visits.reduce(
    (sum, g) => sum + g.visits.reduce((s, v) => s + (v.amount ?? 0), 0),
    0,
  );
  return (
    <div className="review">
      <div className="review__summary">
        <SummaryLink href="#review-visits" label={t('today.visits')} count={review.visits.length} />
        <SummaryLink href="#review-matches" label={t('today.matches')} count={review.matches.length} />
        <SummaryLink
          href="#review-new"
          label={t('today.newCustomers')}
          count={review.newCustomers.length}
        />
        <SummaryLink
          href="#review-due"
          label={t('today.dueTomorrow')}
          count={review.dueTomorrow.length}
        />
        <SummaryLink
          href="#review-lapsing"
          label={t('today.turningLapsed')}
          count={review.turningLapsed.length}
        />
        <SummaryLink
          href="#review-referrals"
          label={t('today.referrals')}
          count={review.referrals.length}
        />
      </div>

      <ReviewSection
        id="review-visits"
        title={t('today.visits')}
        empty={review.visits.length === 0 && t('today.noVisits')}
      >
        {totals > 0 && (
          <p className="muted small">{t('today.total', { amount: formatYen(totals, language) })}</p>
        )}
        <ul className="review__list">
          {review.visits.map(({ customer, visits }) => (
            <li key={customer.id} className="review__item">
              <div className="review__who">
                <Link to={`/customers/${customer.id}`} className="review__name">
                  {customer.name}
                </Link>
                {customer.caution && <span className="caution-tag">⚠ {t('caution.banner')}</span>}
                <StageBadges stage={stage(customer)} small />
              </div>
              <ul className="review__entries">
                {visits.map((visit) => (
                  <li key={visit.id}>
                    <span className="review__time">{formatTime(visit.at, language)}</span>{' '}
                    <span className="entry__kind">{t(`visit.kinds.${visit.kind}`)}</span>
                    {visit.amount !== undefined && (
                      <strong> {formatYen(visit.amount, language)}</strong>
                    )}
                    {visit.note && <span className="review__note"> {visit.note}</span>}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </ReviewSection>

      <ReviewSection
        id="review-matches"
        title={t('today.matches')}
        empty={review.matches.length === 0 && t('today.noMatches')}
      >
        <ul className="review__list">
          {review.matches.map(({ followUp, customer, wanted }) => (
            <li key={followUp.id} className="review__item">
              <div className="review__who">
                <Link to={`/customers/${customer.id}`} className="review__name">
                  {customer.name}
                </Link>
              </div>
              <p className="review__note">
                {t('today.matchEntry', { item: followUp.subject ?? '', wanted: wanted?.text ?? '' })}
              </p>
            </li>
          ))}
        </ul>
        {review.matches.some((m) => m.followUp.status === 'open') && (
          <Link to="/follow-ups">{t('today.openQueue')} →</Link>
        )}
      </ReviewSection>

      <ReviewSection
        id="review-new"
        title={t('today.newCustomers')}
        empty={review.newCustomers.length === 0 && t('today.noNewCustomers')}
      >
        <ul className="review__list">
          {review.newCustomers.map(({ customer, channels }) => (
            <li key={customer.id} className="review__item review__item--row">
              <Link to={`/customers/${customer.id}`} className="review__name">
                {customer.name}
              </Link>
              {channels.length > 0 ? (
                <span className="status status--granted">
                  ✓{' '}
                  {t('today.consentCaptured', {
                    channels: channels
                      .map((c) => t(`consent.channel.${c}`))
                      .join(language === 'ja' ? '・' : ', '),
                  })}
                </span>
              ) : (
                <span className="status status--denied">✗ {t('today.noConsent')}</span>
              )}
            </li>
          ))}
        </ul>
      </ReviewSection>

      <ReviewSection
        id="review-due"
        title={t('today.dueTomorrow')}
        empty={review.dueTomorrow.length === 0 && t('today.noDueTomorrow')}
      >
        <ul className="review__list">
          {review.dueTomorrow.map(({ followUp, customer }) => (
            <li key={followUp.id} className="review__item review__item--row">
              <span className="entry__kind">{t(`followUps.kinds.${followUp.kind}`)}</span>
              {customer && (
                <Link to={`/customers/${customer.id}`} className="review__name">
                  {customer.name}
                </Link>
              )}
              {followUp.note && <span className="review__note">{followUp.note}</span>}
            </li>
          ))}
        </ul>
        {/* Not named "Follow-ups": the navigation already has a link by that name on this screen. */}
        {review.dueTomorrow.length > 0 && <Link to="/follow-ups">{t('today.openQueue')} →</Link>}
      </ReviewSection>

      <ReviewSection
        id="review-lapsing"
        title={t('today.turningLapsed')}
        empty={review.turningLapsed.length === 0 && t('today.noTurningLapsed')}
      >
        <ul className="review__list">
          {review.turningLapsed.map((customer) => (
            <li key={customer.id} className="review__item review__item--row">
              <Link to={`/customers/${customer.id}`} className="review__name">
                {customer.name}
              </Link>
              <span className="muted small">
                {t('today.lapsesOn', { date: formatDate(customer.lapseAt!, language) })}
              </span>
              {customer.lastVisitAt && (
                <span className="muted small">
                  {t('followUps.why.lapsed', { date: formatDate(customer.lastVisitAt, language) })}
                </span>
              )}
            </li>
          ))}
        </ul>
      </ReviewSection>

      <ReviewSection
        id="review-referrals"
        title={t('today.referrals')}
        empty={review.referrals.length === 0 && t('today.noReferrals')}
      >
        <ul className="review__list">
          {review.referrals.map(({ customer, referrer }) => (
            <li key={customer.id} className="review__item review__item--row">
              <Link to={`/customers/${customer.id}`} className="review__name">
                {customer.name}
              </Link>
              {referrer && (
                <span>
                  <span className="muted small">{t('today.referralEntry')} </span>
                  <Link to={`/customers/${referrer.id}`}>{referrer.name}</Link>
                </span>
              )}
            </li>
          ))}
        </ul>
      </ReviewSection>

      <ReviewSection
        id="review-notes"
        title={t('today.notesByStaff')}
        empty={review.notesByStaff.length === 0 && t('today.noNotes')}
      >
        {review.notesByStaff.map(({ staffId, notes }) => (
          <section
            key={staffId ?? 'unknown'}
            className="review__staff"
            aria-label={nameOf(staffId) ?? t('visit.unknownStaff')}
          >
            <h3>
              {t('today.staffNotes', {
                staff: nameOf(staffId) ?? t('visit.unknownStaff'),
                count: notes.length,
              })}
            </h3>
            <ul className="review__entries">
              {notes.map(({ visit, customer }) => (
                <li key={visit.id}>
                  {customer && <Link to={`/customers/${customer.id}`}>{customer.name}</Link>}{' '}
                  <span className="entry__kind">{t(`visit.kinds.${visit.kind}`)}</span>
                  {visit.note && <span className="review__note"> {visit.note}</span>}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </ReviewSection>
    </div>
  );
}

function SummaryLink({ href, label, count }: { href: string; label: string; count: number }) {
  return (
    <a className={`review__chip${count ? '' : ' review__chip--zero'}`} href={href}>
      <strong className="review__count">{count}</strong>
      <span>{label}</span>
    </a>
  );
}

function ReviewSection({
  id,
  title,
  empty,
  children,
}: {
  id: string;
  title: string;
  empty: string | false;
  children: ReactNode;
}) {
  return (
    <section id={id} className="panel review__section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {empty ? <p className="muted">{empty}</p> : children}
    </section>
  );
}
