/**
 * The owner's insights from what the data layer read (src/db/insights): pure, so every figure is
 * unit-tested on small ledgers, and cheap, one pass over each source.
 */
import { dayNumber } from '../days';
import type { StageRules } from '../stages';
import { insightsPeriod, type InsightsPeriod } from './calendar';
import { followUpsByMonth, type FollowUpDue, type FollowUpFigures } from './follow-ups';
import { moneyByMonth, type LedgerAmounts, type MoneyFigures, type TimelineAmount } from './money';
import { referralForest, type ReferralForest, type ReferralPerson } from './referrals';
import {
  relationshipInsights,
  type CustomerHistory,
  type RelationshipInsights,
  type ThanksDone,
} from './relationships';

/** Everything the insights are computed from, as the data layer reads it. */
export interface InsightSources {
  /** Customers in the ledger who came since the period's first day (others may be included). */
  customers: readonly CustomerHistory[];
  /** Thank-yous done, for customers in the ledger. */
  thanks: readonly ThanksDone[];
  /** Customers in the ledger who were brought by someone, and those who brought them. */
  referrals: readonly ReferralPerson[];
  timelineAmounts: readonly TimelineAmount[];
  ledgerAmounts: readonly LedgerAmounts[];
  followUps: readonly FollowUpDue[];
}

/** The figures that open first: from the cards and the follow-ups. */
export interface RelationshipFigures extends RelationshipInsights {
  period: InsightsPeriod;
  /** When the figures were read. */
  asOf: number;
  referrals: ReferralForest;
  followUps: FollowUpFigures;
}

export interface MoneyInsights {
  buyIns: MoneyFigures;
  sales: MoneyFigures;
}

export type Insights = RelationshipFigures & MoneyInsights;

export interface InsightsContext {
  now: number;
  rules: StageRules;
  /** The shop's time zone; the device's when absent. */
  timeZone?: string;
}

export function computeRelationshipFigures(
  sources: Omit<InsightSources, 'timelineAmounts' | 'ledgerAmounts'>,
  { now, rules, timeZone }: InsightsContext,
): RelationshipFigures {
  const period = insightsPeriod(dayNumber(now, timeZone));
  return {
    period,
    asOf: now,
    ...relationshipInsights(sources.customers, sources.thanks, period, rules, timeZone),
    referrals: referralForest(sources.referrals),
    followUps: followUpsByMonth(sources.followUps, period, timeZone),
  };
}

export function computeMoneyInsights(
  sources: Pick<InsightSources, 'timelineAmounts' | 'ledgerAmounts'>,
  { now, timeZone }: Pick<InsightsContext, 'now' | 'timeZone'>,
): MoneyInsights {
  const period = insightsPeriod(dayNumber(now, timeZone));
  return {
    buyIns: moneyByMonth(
      'buy-in',
      sources.timelineAmounts,
      sources.ledgerAmounts,
      period,
      timeZone,
    ),
    sales: moneyByMonth('sale', sources.timelineAmounts, sources.ledgerAmounts, period, timeZone),
  };
}

export function computeInsights(sources: InsightSources, context: InsightsContext): Insights {
  return {
    ...computeRelationshipFigures(sources, context),
    ...computeMoneyInsights(sources, context),
  };
}
