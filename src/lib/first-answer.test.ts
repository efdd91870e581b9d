// @vitest-environment jsdom
/**
 * Start-up's later work (suggestions, sync, the next screens' code) waits for the counter's first
 * search to be answered, or for a quiet moment when nobody searches, and never for ever.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

type Gate = typeof import('./first-answer');

/** A page just started: a fresh gate, with one piece of start-up work waiting on it. */
async function startUpWithWork(): Promise<{ gate: Gate; work: ReturnType<typeof vi.fn>; cancel: () => void }> {
  vi.resetModules();
  const gate = await import('./first-answer');
  const work = vi.fn();
  const cancel = gate.afterFirstAnswer(work);
  return { gate, work, cancel };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('start-up work after the first answer', () => {
  test('a search typed at the start holds the work until its answer is painted', async () => {
    const { gate, work } = await startUpWithWork();
    gate.searchWaiting(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(work).not.toHaveBeenCalled();
    gate.searchAnswered();
    expect(work).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(gate.TYPING_PAUSE_MS);
    expect(work).toHaveBeenCalledTimes(1);
    expect(gate.firstAnswerDone()).toBe(true);
    // Asked again later: runs at once.
    const later = vi.fn();
    gate.afterFirstAnswer(later);
    expect(later).toHaveBeenCalledTimes(1);
  });

  test('a name typed letter by letter holds the work until the typing pauses after an answer', async () => {
    const { gate, work } = await startUpWithWork();
    for (let letter = 0; letter < 4; letter++) {
      gate.searchWaiting(true);
      await vi.advanceTimersByTimeAsync(60);
      gate.searchAnswered();
      await vi.advanceTimersByTimeAsync(gate.TYPING_PAUSE_MS - 100);
    }
    expect(work).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(work).toHaveBeenCalledTimes(1);
  });

  test('when nobody searches, the work goes after a quiet moment', async () => {
    const { work } = await startUpWithWork();
    await vi.advanceTimersByTimeAsync(1_900);
    expect(work).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(work).toHaveBeenCalledTimes(1);
  });

  test('a search cleared after the quiet moment lets the work go', async () => {
    const { gate, work } = await startUpWithWork();
    gate.searchWaiting(true);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(work).not.toHaveBeenCalled();
    gate.searchWaiting(false);
    expect(work).toHaveBeenCalledTimes(1);
  });

  test('opening another screen instead of searching lets the work go at once', async () => {
    const { gate, work } = await startUpWithWork();
    gate.searchWaiting(true);
    gate.searchScreenLeft();
    expect(work).toHaveBeenCalledTimes(1);
  });

  test('an answer that never comes holds the work ten seconds at most', async () => {
    const { gate, work } = await startUpWithWork();
    gate.searchWaiting(true);
    await vi.advanceTimersByTimeAsync(9_900);
    expect(work).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(work).toHaveBeenCalledTimes(1);
  });

  test('work cancelled before the answer never runs', async () => {
    const { gate, work, cancel } = await startUpWithWork();
    cancel();
    gate.searchAnswered();
    expect(work).not.toHaveBeenCalled();
  });
});
