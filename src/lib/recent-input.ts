/**
 * When the person last used the screen (a key, a tap, a scroll), so background work can take
 * large steps while nobody is there and small ones while someone is: a sync pull applying 500
 * changes per transaction finishes sooner, but holds the page for a few hundred milliseconds.
 */
const INPUT_EVENTS = ['keydown', 'pointerdown', 'input', 'wheel', 'touchstart'] as const;

/**
 * How long after the last key, tap or scroll the person counts as still at the screen: between
 * two searches at the counter, or two lines of a note, they pause for a second or so.
 */
export const INPUT_QUIET_MS = 2_000;

let lastInputAt = -Infinity;
let listening = false;

/** Starts noting input (once per page); work that asks `usedWithin` calls this when it starts. */
export function watchInput(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  const noted = () => {
    lastInputAt = performance.now();
  };
  for (const type of INPUT_EVENTS) window.addEventListener(type, noted, { capture: true, passive: true });
}

/** Whether the person used the screen within the last `ms` (since `watchInput` started). */
export function usedWithin(ms: number): boolean {
  return performance.now() - lastInputAt < ms;
}
