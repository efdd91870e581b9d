/**
 * Timestamps this device did not make itself: another device's (`receive`, `isFarAhead`), and the
 * ones it gives data written before sync began (`hlcAt`). Apart from hlc.ts, which every write on
 * the first screen needs: only a pull, a push and starting sync use these.
 */
import { formatHlc, MAX_CLOCK_AHEAD_MS, MAX_MILLIS, parseHlc } from './hlc';

/** Whether a timestamp is further ahead of `now` than a clock from elsewhere may be. */
export function isFarAhead(hlc: string, now: number): boolean {
  return parseHlc(hlc).millis > now + MAX_CLOCK_AHEAD_MS;
}

/**
 * This device's clock after seeing a timestamp from elsewhere: never behind anything it knows, and
 * never moved by a timestamp far ahead of its own wall clock (`now`).
 */
export function receive(last: string | undefined, seen: string, now: number): string | undefined {
  if (isFarAhead(seen, now)) return last;
  if (!last || seen > last) {
    const { millis, counter } = parseHlc(seen);
    // Keep our own node: the clock's state is "the latest time known", stamped as ours on next tick.
    return formatHlc({ millis, counter, node: last ? parseHlc(last).node : parseHlc(seen).node });
  }
  return last;
}

/** A timestamp for data that existed before sync started: its own edit time, counter 0. */
export function hlcAt(millis: number, node: string): string {
  const fitting = Number.isFinite(millis) ? Math.min(MAX_MILLIS, Math.max(0, Math.floor(millis))) : 0;
  return formatHlc({ millis: fitting, counter: 0, node });
}
