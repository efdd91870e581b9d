import { useEffect, useState } from 'react';
import { moneyInsightsAsOf, relationshipInsightsAsOf } from '../../db/insights/insights';
import type { MoneyInsights, RelationshipFigures } from '../../lib/insights/insights';
import type { WriteContext } from '../../db/write-context';

export interface InsightsState {
  /** Relationships, referrals and follow-ups: read first, from the cards in memory. */
  relationships?: RelationshipFigures;
  /** Buy-ins and sales: the year's visits are the longest read, so they arrive after. */
  money?: MoneyInsights;
  failure?: unknown;
}

type Outcome = { staffId: string | undefined } & InsightsState;

/**
 * The figures, read once when the screen opens (and again if someone else takes the counter):
 * they describe a year, so they need not follow every tap at the counter the way a live query
 * would, and re-reading a 50,000-customer year per change would cost the counter's tablet.
 */
export function useInsights(ctx: WriteContext): InsightsState {
  const { staffId } = ctx;
  const [outcome, setOutcome] = useState<Outcome>({ staffId: undefined });
  useEffect(() => {
    let current = true;
    const keep = (part: InsightsState) =>
      current &&
      setOutcome((before) => ({ ...(before.staffId === staffId ? before : {}), staffId, ...part }));
    relationshipInsightsAsOf({ staffId }).then(
      (relationships) => keep({ relationships }),
      (failure: unknown) => keep({ failure }),
    );
    moneyInsightsAsOf({ staffId }).then(
      (money) => keep({ money }),
      (failure: unknown) => keep({ failure }),
    );
    return () => {
      current = false;
    };
  }, [staffId]);
  return outcome.staffId === staffId ? outcome : {};
}
