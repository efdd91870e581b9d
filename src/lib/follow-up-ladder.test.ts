/**
 * The temperature guard's rules, one by one, and the owner's rules read from what was stored.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from './days';
import {
  becameRegular,
  DEFAULT_FOLLOW_UP_RULES,
  followUpRulesOf,
  holdBack,
  invalidFollowUpRules,
  isFirstVisit,
  isSecondVisit,
  type GuardContext,
} from './follow-up-ladder';
import { DEFAULT_STAGE_RULES } from './stages';

const DAY = 86_400_000;
const now = new Date(2026, 5, 16, 18, 0).getTime();
const ctx = (more: Partial<GuardContext> = {}): GuardContext => ({
  now,
  rules: DEFAULT_FOLLOW_UP_RULES,
  stage: 'occasional',
  ...more,
});

describe('the temperature guard', () => {
  it('lets a follow-up go ahead when nothing stands in the way', () => {
    expect(holdBack('thank-you', ctx())).toBeUndefined();
  });

  it('rule 1, stopped: a caution level above caution holds back every kind, plain caution none', () => {
    expect(holdBack('came-in', ctx({ level: 'no-buy-ins' }))).toEqual({
      reason: 'stopped',
      level: 'no-buy-ins',
    });
    expect(holdBack('reminder', ctx({ level: 'refused' }))).toEqual({
      reason: 'stopped',
      level: 'refused',
    });
    expect(holdBack('thank-you', ctx({ level: 'caution' }))).toBeUndefined();
  });

  it('rule 2, too soon: within the minimum days since the last contact, until the day it is over', () => {
    const lastContactAt = now - 3 * DAY;
    expect(holdBack('tip', ctx({ lastContactAt }))).toEqual({
      reason: 'too-soon',
      lastContactAt,
      until: addDays(lastContactAt, 7),
    });
    expect(holdBack('tip', ctx({ lastContactAt: now - 7 * DAY }))).toBeUndefined();
    // 0 minimum days: no minimum.
    expect(
      holdBack(
        'tip',
        ctx({ lastContactAt, rules: { ...DEFAULT_FOLLOW_UP_RULES, minDaysBetweenContacts: 0 } }),
      ),
    ).toBeUndefined();
  });

  it('rule 2 spares what they asked for: a reminder and "It came in" are news they wait for', () => {
    const lastContactAt = now - DAY;
    expect(holdBack('reminder', ctx({ lastContactAt }))).toBeUndefined();
    expect(holdBack('came-in', ctx({ lastContactAt }))).toBeUndefined();
  });

  it('rule 3, too early for the stage: no birthday greeting to a first-timer by default', () => {
    expect(holdBack('birthday', ctx({ stage: 'first-time' }))).toEqual({
      reason: 'too-early',
      stage: 'first-time',
      needed: 'occasional',
    });
    expect(holdBack('birthday', ctx({ stage: 'occasional' }))).toBeUndefined();
    expect(holdBack('birthday', ctx({ stage: 'lapsed' }))).toBeUndefined();
    const regularsOnly = { ...DEFAULT_FOLLOW_UP_RULES, birthdayFromStage: 'regular' as const };
    expect(holdBack('birthday', ctx({ stage: 'occasional', rules: regularsOnly }))?.reason).toBe(
      'too-early',
    );
    // Other kinds are not about the stage.
    expect(holdBack('thank-you', ctx({ stage: 'first-time' }))).toBeUndefined();
  });
});

describe('the ladder’s steps', () => {
  const day = (n: number) => new Date(2026, 5, n, 12, 0).getTime();

  it('knows a first and a second visit by day, several visits in one day counting once', () => {
    const times = [day(1), day(1) + 3600_000, day(10)];
    expect(isFirstVisit(day(1) + 3600_000, times)).toBe(true);
    expect(isSecondVisit(day(10), times)).toBe(true);
    expect(isSecondVisit(day(1), times)).toBe(false);
  });

  it('knows the visit that makes someone a regular (3 visit days within 180 days by default)', () => {
    const times = [day(1), day(5), day(9), day(13)];
    expect(becameRegular(day(5), times, DEFAULT_STAGE_RULES)).toBe(false);
    expect(becameRegular(day(9), times, DEFAULT_STAGE_RULES)).toBe(true);
    expect(becameRegular(day(13), times, DEFAULT_STAGE_RULES)).toBe(false);
  });
});

describe('the owner’s follow-up rules', () => {
  it('fill in what an older version did not store, step by step', () => {
    const rules = followUpRulesOf({
      minDaysBetweenContacts: 14,
      steps: { first: { enabled: false, afterDays: 2 } },
    } as never);
    expect(rules.minDaysBetweenContacts).toBe(14);
    expect(rules.steps.first).toEqual({ enabled: false, afterDays: 2 });
    expect(rules.steps.second).toEqual(DEFAULT_FOLLOW_UP_RULES.steps.second);
    expect(rules.stillWithYouAfterDays).toBe(0);
  });

  it('name each field out of bounds', () => {
    expect(invalidFollowUpRules(DEFAULT_FOLLOW_UP_RULES)).toEqual([]);
    expect(
      invalidFollowUpRules({
        ...DEFAULT_FOLLOW_UP_RULES,
        minDaysBetweenContacts: 1.5,
        birthdayFromStage: 'lapsed' as never,
        steps: { ...DEFAULT_FOLLOW_UP_RULES.steps, second: { enabled: true, afterDays: 91 } },
      }),
    ).toEqual(['steps.second.afterDays', 'minDaysBetweenContacts', 'birthdayFromStage']);
  });
});
