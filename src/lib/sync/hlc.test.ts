// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatHlc, isHlc, MAX_CLOCK_AHEAD_MS, MAX_MILLIS, nodeFromDeviceId, parseHlc, tick } from './hlc';
import { hlcAt, isFarAhead, receive } from './hlc-seen';

const A = nodeFromDeviceId('01932c4e-1a00-7000-8000-00000000d001');
const B = nodeFromDeviceId('01932c4e-1a00-7000-8000-00000000d002');

describe('hybrid logical clock', () => {
  it('takes a 16-hex-digit node from a device id', () => {
    expect(A).toBe('800000000000d001');
    expect(nodeFromDeviceId('x')).toBe('0000000000000000');
  });

  it('serialises so that string order is time order', () => {
    const early = formatHlc({ millis: 9, counter: 0xffff, node: B });
    const later = formatHlc({ millis: 10, counter: 0, node: A });
    expect(early < later).toBe(true);
    expect(parseHlc(later)).toEqual({ millis: 10, counter: 0, node: A });
    expect(isHlc(later)).toBe(true);
    expect(isHlc('2026-05-01')).toBe(false);
  });

  it('never goes backwards when the wall clock does', () => {
    const first = tick(undefined, A, 5_000);
    const second = tick(first, A, 4_000);
    const third = tick(second, A, 4_000);
    expect(first < second && second < third).toBe(true);
    expect(parseHlc(third)).toMatchObject({ millis: 5_000, counter: 2 });
  });

  it('counts within one millisecond and carries into the next when the counter is full', () => {
    const full = formatHlc({ millis: 7, counter: 0xffff, node: A });
    expect(parseHlc(tick(full, A, 7))).toMatchObject({ millis: 8, counter: 0 });
  });

  it('stamps edits after everything seen from a device whose clock runs ahead', () => {
    const fromTheFuture = formatHlc({ millis: 90_000, counter: 3, node: B });
    const mine = receive(tick(undefined, A, 1_000), fromTheFuture, 1_000);
    const next = tick(mine, A, 1_001);
    expect(next > fromTheFuture).toBe(true);
    expect(parseHlc(next).node).toBe(A);
  });

  it('ignores timestamps older than what it knows', () => {
    const now = tick(undefined, A, 50_000);
    expect(receive(now, hlcAt(10, B), 50_000)).toBe(now);
  });

  it('stamps data from before sync with its own edit time', () => {
    expect(parseHlc(hlcAt(1_700_000_000_123.7, A))).toEqual({ millis: 1_700_000_000_123, counter: 0, node: A });
  });

  it('is never carried past its own wall clock by more than a day, whatever another device says', () => {
    const now = 1_767_225_600_000;
    const mine = tick(undefined, A, now);
    const poisoned = formatHlc({ millis: MAX_MILLIS, counter: 0xffff, node: B });
    expect(isFarAhead(poisoned, now)).toBe(true);
    expect(receive(mine, poisoned, now)).toBe(mine);
    const justWithin = formatHlc({ millis: now + MAX_CLOCK_AHEAD_MS, counter: 0, node: B });
    expect(isFarAhead(justWithin, now)).toBe(false);
    expect(receive(mine, justWithin, now)).toBe(formatHlc({ millis: now + MAX_CLOCK_AHEAD_MS, counter: 0, node: A }));
    // Every later local write still gets a timestamp the protocol accepts.
    expect(isHlc(tick(receive(mine, poisoned, now), A, now + 1))).toBe(true);
  });

  it('lets go of a clock an older version let run to the end of the range, so writes still work', () => {
    const now = 1_767_225_600_000;
    const poisoned = formatHlc({ millis: MAX_MILLIS, counter: 0xffff, node: A });
    const next = tick(poisoned, A, now);
    expect(isHlc(next)).toBe(true);
    expect(parseHlc(next)).toEqual({ millis: now, counter: 0, node: A });
  });

  it('stamps a row dated beyond the range with a timestamp that still fits', () => {
    expect(isHlc(hlcAt(1e17, A))).toBe(true);
    expect(isHlc(hlcAt(Number.NaN, A))).toBe(true);
  });
});
