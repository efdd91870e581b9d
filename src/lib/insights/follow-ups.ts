/**
 * What became of the follow-ups due in each month: done, skipped, held back by the temperature
 * guard (a separate figure, read through held-back.ts), or still open.
 */
import { dayNumber } from '../days';
import { monthOfDay, monthSlot, type InsightsPeriod, type Month } from './calendar';
import { FOLLOW_UP_OUTCOMES, type FollowUpOutcome } from './held-back';

export interface FollowUpDue {
  dueAt: number;
  outcome: FollowUpOutcome;
}

export type FollowUpMonth = { month: Month } & Record<FollowUpOutcome, number>;

export interface FollowUpFigures {
  months: FollowUpMonth[];
  totals: Record<FollowUpOutcome, number>;
}

function none(): Record<FollowUpOutcome, number> {
  return { done: 0, skipped: 0, open: 0, 'held-back': 0 };
}

/** Follow-ups due from the period's first month through today, by the month they were due. */
export function followUpsByMonth(
  followUps: readonly FollowUpDue[],
  period: InsightsPeriod,
  timeZone?: string,
): FollowUpFigures {
  const months: FollowUpMonth[] = period.months.map((month) => ({ month, ...none() }));
  const totals = none();
  for (const { dueAt, outcome } of followUps) {
    if (!FOLLOW_UP_OUTCOMES.includes(outcome)) continue;
    const day = dayNumber(dueAt, timeZone);
    if (day > period.today) continue;
    const slot = monthSlot(period, monthOfDay(day));
    if (slot < 0) continue;
    months[slot]![outcome]++;
    totals[outcome]++;
  }
  return { months, totals };
}
