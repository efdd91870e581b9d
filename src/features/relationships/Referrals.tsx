/**
 * Referral rows in the card's details: who brought this customer (a link back), and the people
 * they brought with a count ("Referred 2"), so the shop can thank a referrer properly.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { referralsOf } from '../../db/relationships/queries';
import type { Customer } from '../../model/types';

export function Referrals({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const referrals = useLiveQuery(() => referralsOf(customer), [customer]);
  if (!referrals) return null;
  const { referrer, brought } = referrals;
  return (
    <>
      {referrer && (
        <div className="details__row">
          <dt>{t('referral.referredByLink')}</dt>
          <dd>
            <Link to={`/customers/${referrer.id}`}>{referrer.name}</Link>
          </dd>
        </div>
      )}
      {brought.length > 0 && (
        <div className="details__row">
          <dt>{t('referral.referredCount', { count: brought.length })}</dt>
          <dd>
            <ul className="contact-list" aria-label={t('referral.broughtHeading')}>
              {brought.map((person) => (
                <li key={person.id}>
                  <Link to={`/customers/${person.id}`}>{person.name}</Link>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      )}
    </>
  );
}
