/**
 * Hybrid logical clock (HLC) timestamps for sync.
 *
 * Every change a device makes is stamped with (wall time, counter, node). The wall time is the
 * larger of the device's clock and the largest timestamp it has seen, so a device whose clock runs
 * behind still stamps its new edits after everything it already knows about; the counter orders
 * edits within one millisecond; the node (from the device id) breaks the remaining ties, so two
 * devices never produce the same timestamp. Comparing timestamps compares (time, counter, node), and
 * the serialised form sorts the same way as a plain string, so "newer" is `a > b`.
 *
 * Unlike Actual Budget's clock this one never refuses to tick, because refusing would stop a shop
 * from writing at the counter. Instead, what it takes from elsewhere is bounded: a timestamp more
 * than MAX_CLOCK_AHEAD_MS ahead of this device's own wall clock never moves the clock (the change
 * carrying it is set aside until real time catches up, see src/db/sync/apply.ts). Without that
 * bound one pushed 999999999999999 timestamp would carry every device's clock to the end of the
 * 15-digit range, where the next tick no longer fits and every local write fails.
 */
export interface Hlc {
  millis: number;
  counter: number;
  node: string;
}

const MILLIS_DIGITS = 15;
/** The largest wall time the 15-digit form holds (the year 33658). */
export const MAX_MILLIS = 10 ** MILLIS_DIGITS - 1;
/**
 * How far ahead of this device's wall clock a timestamp from elsewhere may be. Tablets' clocks are
 * off by minutes, sometimes hours (a wrong time zone typed by hand); a day covers them.
 */
export const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;
const COUNTER_DIGITS = 4;
const MAX_COUNTER = 0xffff;
const NODE_LENGTH = 16;

/** The node part of a device's timestamps: 16 hex digits taken from its (random) device id. */
export function nodeFromDeviceId(deviceId: string): string {
  const hex = deviceId.replace(/[^0-9a-f]/gi, '').toLowerCase();
  return hex.slice(-NODE_LENGTH).padStart(NODE_LENGTH, '0');
}

export function formatHlc({ millis, counter, node }: Hlc): string {
  return `${String(millis).padStart(MILLIS_DIGITS, '0')}-${counter.toString(16).padStart(COUNTER_DIGITS, '0')}-${node}`;
}

const HLC_PATTERN = /^(\d{15})-([0-9a-f]{4})-([0-9a-f]{16})$/;

export function isHlc(value: string): boolean {
  return HLC_PATTERN.test(value);
}

export function parseHlc(value: string): Hlc {
  const match = HLC_PATTERN.exec(value);
  if (!match) throw new Error(`not a timestamp: ${value}`);
  return { millis: Number(match[1]), counter: parseInt(match[2]!, 16), node: match[3]! };
}

/**
 * The next timestamp for a local change, after `last` (this device's latest) and now.
 *
 * A clock already pushed far ahead (by a change an earlier version merged without the bound) is let
 * go, and the device stamps from now again: stamping on from there would spread the bad time to
 * every row it edits, and at the end of the range no timestamp fits at all.
 */
export function tick(last: string | undefined, node: string, now: number): string {
  let previous = last ? parseHlc(last) : { millis: 0, counter: 0 };
  if (previous.millis > now + MAX_CLOCK_AHEAD_MS) previous = { millis: 0, counter: 0 };
  let millis = Math.max(previous.millis, now);
  let counter = millis === previous.millis ? previous.counter + 1 : 0;
  if (counter > MAX_COUNTER) {
    millis += 1;
    counter = 0;
  }
  return formatHlc({ millis, counter, node });
}
