import { describe, expect, it } from 'vitest';
import { blocksBuyIns, cautionLevelOf, stopsFollowUps } from './refusal';

describe('graded refusal', () => {
  it('reads a flag from before levels as caution, and a level from a newer app as the strictest', () => {
    expect(cautionLevelOf(undefined)).toBeUndefined();
    expect(cautionLevelOf({})).toBe('caution');
    expect(cautionLevelOf({ level: 'banned-forever' as never })).toBe('refused');
  });

  it('stops follow-ups and blocks buy-ins above caution only', () => {
    expect(
      [undefined, 'caution', 'no-buy-ins', 'refused'].map((l) => stopsFollowUps(l as never)),
    ).toEqual([false, false, true, true]);
    expect(
      [undefined, 'caution', 'no-buy-ins', 'refused'].map((l) => blocksBuyIns(l as never)),
    ).toEqual([false, false, true, true]);
  });
});
