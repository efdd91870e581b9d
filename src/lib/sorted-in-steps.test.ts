/**
 * A long list sorted while someone types: the same order as sorting it at once, with turns for the
 * screen between the steps.
 */
import { describe, expect, test, vi } from 'vitest';
import { sortedInSteps } from './sorted-in-steps';

/** Cards with many equal readings, so ties show whether the sort keeps the input's order. */
const cards = Array.from({ length: 10_000 }, (_, i) => ({ i, reading: String.fromCharCode(0x3042 + ((i * 7919) % 83)) }));
const byReading = (a: { reading: string }, b: { reading: string }) => (a.reading < b.reading ? -1 : a.reading > b.reading ? 1 : 0);

describe('sorting in steps', () => {
  test('gives exactly the order of a sort done at once, ties in their first order', async () => {
    const reference = cards.slice().sort(byReading);
    for (const run of [1, 3, 100, 4096, 20_000]) {
      expect(await sortedInSteps(cards, byReading, { run }), `runs of ${run}`).toEqual(reference);
    }
  });

  test('an empty list and a list of one', async () => {
    expect(await sortedInSteps([], byReading)).toEqual([]);
    expect(await sortedInSteps([cards[0]!], byReading)).toEqual([cards[0]]);
  });

  test('leaves the list it was given as it was', async () => {
    const given = cards.slice(0, 500);
    const copy = given.slice();
    await sortedInSteps(given, byReading, { run: 64 });
    expect(given).toEqual(copy);
  });

  test('gives the page turns once each step has spent its budget', async () => {
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    try {
      // A budget of 0 takes a turn after every run and every merge.
      await sortedInSteps(cards, byReading, { run: 1000, budgetMs: 0 });
      // 10 runs sorted, then 5 + 3 + 2 + 1 merges.
      expect(timeout.mock.calls.filter(([, ms]) => ms === 0).length).toBe(10 + 5 + 3 + 2 + 1);
    } finally {
      timeout.mockRestore();
    }
  });
});
