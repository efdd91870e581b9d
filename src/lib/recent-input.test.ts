// @vitest-environment jsdom
/** Background work knows whether someone is using the screen: a key or a tap in the last moments. */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { usedWithin, watchInput } from './recent-input';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test('a keystroke or a tap counts as use for the time asked, and nothing else does', () => {
  watchInput();
  expect(usedWithin(2_000)).toBe(false);
  window.dispatchEvent(new KeyboardEvent('keydown', { key: 'や' }));
  expect(usedWithin(2_000)).toBe(true);
  vi.advanceTimersByTime(2_500);
  expect(usedWithin(2_000)).toBe(false);
  document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
  expect(usedWithin(2_000)).toBe(true);
  vi.advanceTimersByTime(2_500);
  window.dispatchEvent(new Event('resize'));
  expect(usedWithin(2_000)).toBe(false);
});
