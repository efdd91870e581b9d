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
 * Unlike Actual Budget's clock this one never refuses to tick: a device whose clock is far ahead
 * (or a counter that overflows) just carries time forward, because refusing would stop a shop from
 * writing at the counter. The cost of a wildly wrong clock is that its edits win ties until real
 * time catches up, which the protocol notes document.
 */
export interface Hlc {
  millis: number;
  counter: number;
  node: string;
}

const MILLIS_DIGITS = 15;
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

/** The next timestamp for a local change, after `last` (this device's latest) and now. */
export function tick(last: string | undefined, node: string, now: number): string {
  const previous = last ? parseHlc(last) : { millis: 0, counter: 0 };
  let millis = Math.max(previous.millis, now);
  let counter = millis === previous.millis ? previous.counter + 1 : 0;
  if (counter > MAX_COUNTER) {
    millis += 1;
    counter = 0;
  }
  return formatHlc({ millis, counter, node });
}

/** This device's clock after seeing a timestamp from elsewhere: never behind anything it knows. */
export function receive(last: string | undefined, seen: string): string {
  if (!last || seen > last) {
    const { millis, counter } = parseHlc(seen);
    // Keep our own node: the clock's state is "the latest time known", stamped as ours on next tick.
    return formatHlc({ millis, counter, node: last ? parseHlc(last).node : parseHlc(seen).node });
  }
  return last;
}

/** A timestamp for data that existed before sync started: its own edit time, counter 0. */
export function hlcAt(millis: number, node: string): string {
  return formatHlc({ millis: Math.max(0, Math.floor(millis)), counter: 0, node });
}
