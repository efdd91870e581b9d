/**
 * How a relationship stands, from the customer's own visits rather than one number for everyone.
 *
 * The rules, with the defaults the owner can change in Settings:
 * - visits are counted as calendar days in the shop's time zone: a purchase and a note on one day
 *   are one visit; visits dated after today (a typo) do not count yet;
 * - "No visits yet": no visit day; "First-time": exactly one visit day;
 * - "Regular": at least `regularMinVisits` (3) visit days within the last `regularWindowDays` (180),
 *   today included;
 * - "Lapsed": a former regular (at some time `regularMinVisits` visit days fell within
 *   `regularWindowDays`) whose days since the last visit are more than `lapseFactor` (3) times their
 *   median gap between visits, and at least `lapseMinDays` (60). Lapsed wins over Regular: three
 *   visits in one week followed by four months of silence is a regular who stopped coming;
 * - "Occasional": everyone else with two or more visit days;
 * - "Referrer": brought at least one customer; shown alongside the visit stage, not instead of it.
 *
 * Visits another system counted before the card was imported (a POS export's visit count, first
 * and last visit) count too, see stageTimes: a regular of ten years is not new here.
 */
import { dayNumber, startOfDayNumber } from './days';

export interface StageRules {
  regularMinVisits: number;
  regularWindowDays: number;
  lapseFactor: number;
  lapseMinDays: number;
}

export const DEFAULT_STAGE_RULES: StageRules = {
  regularMinVisits: 3,
  regularWindowDays: 180,
  lapseFactor: 3,
  lapseMinDays: 60,
};

/** What the owner may set: wide enough for any shop, narrow enough that no rule becomes nonsense. */
export const STAGE_RULE_LIMITS: Record<
  keyof StageRules,
  { min: number; max: number; integer: boolean }
> = {
  regularMinVisits: { min: 2, max: 50, integer: true },
  regularWindowDays: { min: 7, max: 3650, integer: true },
  lapseFactor: { min: 1, max: 20, integer: false },
  lapseMinDays: { min: 1, max: 3650, integer: true },
};

export function invalidStageRules(rules: StageRules): (keyof StageRules)[] {
  return (Object.keys(STAGE_RULE_LIMITS) as (keyof StageRules)[]).filter((key) => {
    const value = rules[key];
    const { min, max, integer } = STAGE_RULE_LIMITS[key];
    return (
      !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))
    );
  });
}

export const VISIT_STAGES = ['none', 'first-time', 'occasional', 'regular', 'lapsed'] as const;
export type VisitStage = (typeof VISIT_STAGES)[number];

export interface Stage {
  visit: VisitStage;
  referrer: boolean;
}

/** Distinct visit days, oldest first. */
export function visitDays(times: readonly number[], timeZone?: string): number[] {
  return [...new Set(times.map((t) => dayNumber(t, timeZone)))].sort((a, b) => a - b);
}

/** Median of the gaps (in days) between consecutive visit days; undefined with fewer than two. */
export function medianGap(days: readonly number[]): number | undefined {
  if (days.length < 2) return undefined;
  const gaps = days
    .slice(1)
    .map((day, i) => day - days[i]!)
    .sort((a, b) => a - b);
  const mid = Math.floor(gaps.length / 2);
  return gaps.length % 2 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
}

/** Whether `regularMinVisits` visit days ever fell within one `regularWindowDays` window. */
export function wasEverRegular(days: readonly number[], rules: StageRules): boolean {
  const n = rules.regularMinVisits;
  for (let i = 0; i + n - 1 < days.length; i++) {
    if (days[i + n - 1]! - days[i]! < rules.regularWindowDays) return true;
  }
  return false;
}

/**
 * The first day on which a former regular counts as lapsed if they do not come back:
 * more than `lapseFactor` × median gap and at least `lapseMinDays` after the last visit.
 * Undefined for someone who was never a regular.
 */
export function lapseDay(days: readonly number[], rules: StageRules): number | undefined {
  if (!wasEverRegular(days, rules)) return undefined;
  const gap = medianGap(days) ?? 0;
  const last = days[days.length - 1]!;
  return last + Math.max(rules.lapseMinDays, Math.floor(rules.lapseFactor * gap) + 1);
}

/** The first moment of the lapse day in the device's zone: what the `lapseAt` index holds. */
export function lapseStart(
  times: readonly number[],
  rules: StageRules,
  earlier?: EarlierVisits,
): number | undefined {
  const day = lapseDay(visitDays(stageTimes(times, earlier)), rules);
  return day === undefined ? undefined : startOfDayNumber(day);
}

/**
 * Visits another system counted before this ledger knew the customer (an imported POS record):
 * how many, and the days it gave. Times are epoch milliseconds.
 */
export interface EarlierVisits {
  count: number;
  /** The first visit it recorded. */
  firstAt?: number;
  /** The last visit it recorded. */
  lastAt?: number;
  /** When it registered the customer (入会日): none of the counted visits is earlier. */
  since?: number;
}

/**
 * The visit times the stage rules read: the visits on the timeline, and the ones another system
 * counted. Its first and last visit are real days. The others are known only by their number:
 * they are taken as evenly spread between the first visit (or the day the customer registered
 * there) and the last, the one reading of "24 visits since 2021" that favours no stage. They
 * exist only here, never as visits on the timeline. Without a first visit or a registration day
 * they are not placed at all: visitStage still counts them, so the customer is not new.
 */
export function stageTimes(times: readonly number[], earlier?: EarlierVisits): number[] {
  if (!earlier) return [...times];
  const known = [earlier.firstAt, earlier.lastAt].filter((t): t is number => t !== undefined);
  const placed = [...new Set(known)];
  const from = earlier.firstAt ?? earlier.since;
  const to = earlier.lastAt;
  const undated = Math.max(0, earlier.count - placed.length);
  const spread: number[] = [];
  if (undated > 0 && from !== undefined && to !== undefined && to >= from) {
    for (let k = 1; k <= undated; k++) spread.push(from + ((to - from) * k) / (undated + 1));
  }
  return [...times, ...placed, ...spread].sort((a, b) => a - b);
}

export interface StageContext {
  now: number;
  rules: StageRules;
  referredCount?: number;
  /** The shop's time zone; the device's when absent. */
  timeZone?: string;
  /** Visits counted by another system before the card was imported. */
  earlier?: EarlierVisits;
}

export function visitStage(
  times: readonly number[],
  { now, rules, timeZone, earlier }: StageContext,
): VisitStage {
  const today = dayNumber(now, timeZone);
  const days = visitDays(stageTimes(times, earlier), timeZone).filter((day) => day <= today);
  // Every counted visit, placed or not: the timeline's days and the other system's count.
  const counted = Math.max(
    days.length,
    visitDays(times, timeZone).filter((day) => day <= today).length + (earlier?.count ?? 0),
  );
  if (counted === 0) return 'none';
  if (counted === 1) return 'first-time';
  if (days.length < 2) return 'occasional';
  const lapse = lapseDay(days, rules);
  if (lapse !== undefined && today >= lapse) return 'lapsed';
  const windowStart = today - rules.regularWindowDays + 1;
  const recent = days.filter((day) => day >= windowStart).length;
  return recent >= rules.regularMinVisits ? 'regular' : 'occasional';
}

export function stageOf(times: readonly number[], context: StageContext): Stage {
  return { visit: visitStage(times, context), referrer: (context.referredCount ?? 0) > 0 };
}
