import { memo } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { CautionTag } from '../../components/CautionBanner';
import { StageBadges } from '../../components/StageBadges';
import type { CustomerBrief } from '../../db/search/customer-brief';
import { CHECK_IN_ARRIVAL } from '../../lib/check-in';
import { formatDate } from '../../lib/format';
import { nationalDigits } from '../../lib/phone-digits';
import { stageOf, type StageRules } from '../../lib/stages';

/** "09012345678" → "090-1234-5678" for the common mobile shape, without loading the phone library. */
function displayPhone(e164: string): string {
  const digits = nationalDigits(e164);
  return /^0[789]0\d{8}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}` : digits;
}

interface Props {
  customer: CustomerBrief;
  rules: StageRules;
  /** The time stages are computed at; the list passes one value so rows agree. */
  now: number;
  /** Found by a phone's digits: the card opens for a check-in (caution and talk-about first). */
  checkIn?: boolean;
}

/** One customer in a list (a list item): see CustomerSummary. */
export const CustomerListItem = memo(function CustomerListItem(props: Props) {
  return (
    <li className={`result${props.customer.caution ? ' result--caution' : ''}`}>
      <CustomerSummary {...props} />
    </li>
  );
});

/**
 * What staff glance at when someone walks in, as a link to the card. The name comes first (it
 * names the link), then the caution flag, the stage and the first thing to talk about.
 */
export const CustomerSummary = memo(function CustomerSummary({ customer, rules, now, checkIn = false }: Props) {
  const { t, i18n } = useTranslation();
  const phone = customer.phones[0];
  const stage = stageOf(customer.visitTimes ?? [], {
    now,
    rules,
    referredCount: customer.referredCount,
    earlier: customer.visitsBefore,
  });
  return (
    <Link
      className="result__link"
      to={`/customers/${customer.id}`}
      state={checkIn ? CHECK_IN_ARRIVAL : undefined}
    >
        <span className="result__name">{customer.name}</span>
        {customer.reading && (
          <span className="result__reading" lang="ja">
            {customer.reading}
          </span>
        )}
        <span className="result__meta">
          {phone && <span>{displayPhone(phone)}</span>}
          <span>
            {customer.lastVisitAt
              ? t('list.lastVisit', { date: formatDate(customer.lastVisitAt, i18n.language) })
              : t('list.noVisits')}
          </span>
        </span>
        {customer.caution && <CautionTag caution={customer.caution} />}
        <span className="result__relationship">
          {/* "No visits yet" is already said next to the phone number. */}
          {(stage.visit !== 'none' || stage.referrer) && <StageBadges stage={stage} small />}
          {customer.talk && <span className="result__talk">{customer.talk}</span>}
        </span>
        {customer.tags.length > 0 && (
          <span className="result__tags">
            {customer.tags.slice(0, 4).map((tag) => (
              <span key={tag} className="tag tag--small">
                {tag}
              </span>
            ))}
          </span>
        )}
    </Link>
  );
});
