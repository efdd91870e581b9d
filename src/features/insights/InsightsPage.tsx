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
  const state = useInsights(counter.ctx);
  return (
    <section className="page page--insights" aria-labelledby="insights-heading">
      <h1 id="insights-heading">{t('insights.heading')}</h1>
      <p className="muted">{t('insights.intro')}</p>
      {state.status === 'reading' && (
        <p className="muted" role="status">
          {t('insights.reading')}
        </p>
      )}
      {state.status === 'failed' && <FormAlert failure={state.failure} />}
      {state.status === 'ready' && (
        <>
          <div className="insights__as-of">
            <p>
              {t('insights.asOf', { date: formatDateTime(state.insights.asOf, i18n.language) })}
            </p>
            <button type="button" className="button no-print" onClick={() => window.print()}>
              {t('insights.print')}
            </button>
          </div>
          <RelationshipFigures figures={state.insights.twoWay} />
          <CohortSection cohorts={state.insights.cohorts} />
          <VisitorMixSection mix={state.insights.visitorMix} />
          <ReferralSection forest={state.insights.referrals} />
          <MoneySection
            id="insights-buy-ins"
            title={t('insights.money.buyInsHeading')}
            figures={state.insights.buyIns}
          />
          <MoneySection
            id="insights-sales"
            title={t('insights.money.salesHeading')}
            figures={state.insights.sales}
          />
          <FollowUpSection figures={state.insights.followUps} />
        </>
      )}
    </section>
  );
}
