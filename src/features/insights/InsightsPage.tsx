/**
 * The owner's insights, for the phone after closing: how many two-way relationships the shop
 * keeps and how they grow, who brought whom, the money by month and kind of goods, and what
 * became of the follow-ups. Each chart has its table beside it; the page prints.
 */
import { useTranslation } from '../../i18n';
import { FormAlert } from '../../components/FormAlert';
import { useCounter } from '../../hooks/useCounter';
import { formatDateTime } from '../../lib/format';
import { CohortSection } from './CohortSection';
import { FollowUpSection } from './FollowUpSection';
import { MoneySection } from './MoneySection';
import { ReferralSection } from './ReferralSection';
import { RelationshipFigures } from './RelationshipFigures';
import { useInsights } from './useInsights';
import { VisitorMixSection } from './VisitorMixSection';

export default function InsightsPage() {
  const { t, i18n } = useTranslation();
  const counter = useCounter();
  const { relationships, money, failure } = useInsights(counter.ctx);
  const adding = (
    <p className="muted" role="status">
      {t('insights.addingUp')}
    </p>
  );
  return (
    <section className="page page--insights" aria-labelledby="insights-heading">
      <h1 id="insights-heading">{t('insights.heading')}</h1>
      <p className="muted">{t('insights.intro')}</p>
      <FormAlert failure={failure} />
      {!relationships && !failure && (
        <p className="muted" role="status">
          {t('insights.reading')}
        </p>
      )}
      {relationships && (
        <>
          <div className="insights__as-of">
            <p>{t('insights.asOf', { date: formatDateTime(relationships.asOf, i18n.language) })}</p>
            <button type="button" className="button no-print" onClick={() => window.print()}>
              {t('insights.print')}
            </button>
          </div>
          <RelationshipFigures figures={relationships.twoWay} />
          <CohortSection cohorts={relationships.cohorts} />
          <VisitorMixSection mix={relationships.visitorMix} />
          <ReferralSection forest={relationships.referrals} />
          {money ? (
            <>
              <MoneySection
                id="insights-buy-ins"
                title={t('insights.money.buyInsHeading')}
                figures={money.buyIns}
              />
              <MoneySection
                id="insights-sales"
                title={t('insights.money.salesHeading')}
                figures={money.sales}
              />
            </>
          ) : (
            !failure && adding
          )}
          <FollowUpSection figures={relationships.followUps} />
        </>
      )}
    </section>
  );
}
