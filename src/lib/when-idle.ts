/**
 * Runs `callback` at the browser's next idle moment, at most `timeout` ms away; where there is no
 * requestIdleCallback (Safari), after `fallbackMs`. Returns what cancels it.
 */
export function whenIdle(callback: () => void, timeout: number, fallbackMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(callback, { timeout });
    return () => cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(callback, fallbackMs);
  return () => window.clearTimeout(handle);
}
