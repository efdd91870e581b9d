/**
 * The step ladder and its temperature guard: a relationship grows a step at a time, with thanks
 * and useful news, never with a barrage. Pure rules; the owner changes the numbers in Settings.
 *
 * Steps (each on or off, each due some days after the visit that reaches it):
 * - first: the first purchase or buy-in gets a thank-you naming what they bought or sold (a buy-in
 *   with its own template: the shop thanks a seller for what they brought, not for "your purchase");
 * - second: the second visit day gets a useful tip;
 * - regular: the visit that makes them a regular (src/lib/stages.ts) gets an invitation;
 * - referral: when someone a customer brought comes for the first time, the referrer gets a thanks.
 *
 * The guard holds a follow-up back, with its reason, rather than suggest contact:
 * - stopped: the customer's caution level is above caution (src/lib/refusal.ts);
 * - too soon: the shop was in contact with them (a follow-up done) fewer than
 *   `minDaysBetweenContacts` days ago. What they asked for (a reminder, "it came in") is not held:
 *   it is news they wait for;
 * - too early for the stage: a birthday greeting waits until they reach `birthdayFromStage`
 *   (occasional by default: no birthday card to someone who came once).
 */
import type { CautionLevel, FollowUpKind } from '../model/types';
import { addDays, dayNumber, startOfDayNumber } from './days';
import { stopsFollowUps } from './refusal';
import { visitDays, visitStage, type StageRules, type VisitStage } from './stages';

export const LADDER_STEPS = ['first', 'second', 'regular', 'referral'] as const;
export type LadderStep = (typeof LADDER_STEPS)[number];

/** The follow-up each step suggests. */
export const STEP_KINDS: Readonly<Record<LadderStep, FollowUpKind>> = {
  first: 'thank-you',
  second: 'tip',
  regular: 'invitation',
  referral: 'referral-thanks',
};

export interface StepRule {
  enabled: boolean;
  /** Due this many days after the visit that reaches the step. */
  afterDays: number;
}

/** Stages a birthday greeting may wait for, in the order a relationship reaches them. */
export const BIRTHDAY_STAGES = ['first-time', 'occasional', 'regular'] as const;
export type BirthdayStage = (typeof BIRTHDAY_STAGES)[number];

export interface FollowUpRules {
  steps: Record<LadderStep, StepRule>;
  /** Days to leave between two contacts with one customer; 0: no minimum. */
  minDaysBetweenContacts: number;
  /** A birthday greeting waits until the customer reaches this stage. */
  birthdayFromStage: BirthdayStage;
  /** Days after an appraisal they declined to ask whether the item is still with them; 0: never. */
  stillWithYouAfterDays: number;
}

export const DEFAULT_FOLLOW_UP_RULES: FollowUpRules = {
  steps: {
    first: { enabled: true, afterDays: 1 },
    second: { enabled: true, afterDays: 3 },
    regular: { enabled: true, afterDays: 7 },
    referral: { enabled: true, afterDays: 1 },
  },
  minDaysBetweenContacts: 7,
  birthdayFromStage: 'occasional',
  stillWithYouAfterDays: 0,
};

export const FOLLOW_UP_RULE_LIMITS = {
  afterDays: { min: 0, max: 90 },
  minDaysBetweenContacts: { min: 0, max: 365 },
  stillWithYouAfterDays: { min: 0, max: 730 },
} as const;

function within(value: unknown, { min, max }: { min: number; max: number }): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** The fields out of bounds ("steps.second.afterDays", "minDaysBetweenContacts"); [] when all are fine. */
export function invalidFollowUpRules(rules: FollowUpRules): string[] {
  const invalid: string[] = [];
  for (const step of LADDER_STEPS) {
    const rule = rules.steps?.[step];
    if (typeof rule?.enabled !== 'boolean') invalid.push(`steps.${step}.enabled`);
    if (!within(rule?.afterDays, FOLLOW_UP_RULE_LIMITS.afterDays))
      invalid.push(`steps.${step}.afterDays`);
  }
  if (!within(rules.minDaysBetweenContacts, FOLLOW_UP_RULE_LIMITS.minDaysBetweenContacts))
    invalid.push('minDaysBetweenContacts');
  if (!(BIRTHDAY_STAGES as readonly string[]).includes(rules.birthdayFromStage))
    invalid.push('birthdayFromStage');
  if (!within(rules.stillWithYouAfterDays, FOLLOW_UP_RULE_LIMITS.stillWithYouAfterDays))
    invalid.push('stillWithYouAfterDays');
  return invalid;
}

/**
 * Stored rules laid over the defaults, step by step: rules saved by an earlier version (or synced
 * from one) lack what was added since, and the defaults fill it in.
 */
export function followUpRulesOf(stored: Partial<FollowUpRules> | undefined): FollowUpRules {
  const steps = { ...DEFAULT_FOLLOW_UP_RULES.steps };
  for (const step of LADDER_STEPS) steps[step] = { ...steps[step], ...stored?.steps?.[step] };
  return { ...DEFAULT_FOLLOW_UP_RULES, ...stored, steps };
}

/** The day a step's follow-up is due, for a visit on `visitDay`. */
export function stepDueAt(visitDay: number, rule: StepRule): number {
  return startOfDayNumber(visitDay + rule.afterDays);
}

/** Whether a visit at `at` falls on the customer's `nth` visit day (1: the first). */
function isNthVisitDay(
  at: number,
  visitTimes: readonly number[],
  nth: number,
  timeZone?: string,
): boolean {
  const day = dayNumber(at, timeZone);
  const days = visitDays(visitTimes, timeZone).filter((d) => d <= day);
  return days.length === nth && days[nth - 1] === day;
}

/** Whether a visit at `at` falls on the customer's second visit day. */
export function isSecondVisit(at: number, visitTimes: readonly number[], timeZone?: string): boolean {
  return isNthVisitDay(at, visitTimes, 2, timeZone);
}

/** Whether a visit at `at` falls on the customer's first visit day. */
export function isFirstVisit(at: number, visitTimes: readonly number[], timeZone?: string): boolean {
  return isNthVisitDay(at, visitTimes, 1, timeZone);
}

/** Whether the visit at `at` is the one that made the customer a regular (they were not one before it). */
export function becameRegular(
  at: number,
  visitTimes: readonly number[],
  rules: StageRules,
  timeZone?: string,
): boolean {
  const day = dayNumber(at, timeZone);
  const upTo = visitTimes.filter((t) => dayNumber(t, timeZone) <= day);
  const before = visitTimes.filter((t) => dayNumber(t, timeZone) < day);
  const context = { now: at, rules, timeZone };
  return visitStage(upTo, context) === 'regular' && visitStage(before, context) !== 'regular';
}

/** Why a follow-up is held back rather than suggested now. */
export type HoldReason =
  | { reason: 'stopped'; level: CautionLevel }
  | { reason: 'too-soon'; lastContactAt: number; until: number }
  | { reason: 'too-early'; stage: VisitStage; needed: BirthdayStage };

export interface GuardContext {
  now: number;
  rules: FollowUpRules;
  /** The customer's stage now. */
  stage: VisitStage;
  level?: CautionLevel;
  /** The last time the shop was in contact with them (a follow-up done). */
  lastContactAt?: number;
}

/** Kinds the customer asked for or was promised: news they wait for is never "too soon". */
const ASKED_FOR: ReadonlySet<FollowUpKind> = new Set(['reminder', 'came-in']);

const STAGE_RANK: Readonly<Record<VisitStage, number>> = {
  none: 0,
  'first-time': 1,
  occasional: 2,
  regular: 3,
  // A former regular has been through every step.
  lapsed: 3,
};

/** The guard: why this follow-up waits, or undefined when it may go ahead. */
export function holdBack(kind: FollowUpKind, ctx: GuardContext): HoldReason | undefined {
  if (stopsFollowUps(ctx.level)) return { reason: 'stopped', level: ctx.level! };
  if (kind === 'birthday' && STAGE_RANK[ctx.stage] < STAGE_RANK[ctx.rules.birthdayFromStage]) {
    return { reason: 'too-early', stage: ctx.stage, needed: ctx.rules.birthdayFromStage };
  }
  const minDays = ctx.rules.minDaysBetweenContacts;
  if (!ASKED_FOR.has(kind) && minDays > 0 && ctx.lastContactAt !== undefined) {
    const until = addDays(ctx.lastContactAt, minDays);
    if (ctx.now < until) return { reason: 'too-soon', lastContactAt: ctx.lastContactAt, until };
  }
  return undefined;
}
