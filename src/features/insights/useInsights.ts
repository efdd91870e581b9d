import { useEffect, useState } from 'react';
import { insightsAsOf } from '../../db/insights/insights';
import type { Insights } from '../../lib/insights/insights';
import type { WriteContext } from '../../db/write-context';

export type InsightsState =
  | { status: 'reading' }
  | { status: 'ready'; insights: Insights }
  | { status: 'failed'; failure: unknown };

type Outcome = { staffId: string | undefined } & ({ insights: Insights } | { failure: unknown });

/**
 * The figures, read once when the screen opens (and again if someone else takes the counter):
 * they describe a year, so they need not follow every tap at the counter the way a live query
 * would, and re-reading a 50,000-customer ledger per change would cost the counter's tablet.
 */
export function useInsights(ctx: WriteContext): InsightsState {
  const { staffId } = ctx;
  const [outcome, setOutcome] = useState<Outcome>();
  useEffect(() => {
    let current = true;
    insightsAsOf({ staffId }).then(
      (insights) => current && setOutcome({ staffId, insights }),
      (failure: unknown) => current && setOutcome({ staffId, failure }),
    );
    return () => {
      current = false;
    };
  }, [staffId]);
  if (!outcome || outcome.staffId !== staffId) return { status: 'reading' };
  return 'insights' in outcome
    ? { status: 'ready', insights: outcome.insights }
    : { status: 'failed', failure: outcome.failure };
}
