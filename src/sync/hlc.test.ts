// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatHlc, hlcAt, isHlc, nodeFromDeviceId, parseHlc, receive, tick } from './hlc';

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
    const mine = receive(tick(undefined, A, 1_000), fromTheFuture);
    const next = tick(mine, A, 1_001);
    expect(next > fromTheFuture).toBe(true);
    expect(parseHlc(next).node).toBe(A);
  });

  it('ignores timestamps older than what it knows', () => {
    const now = tick(undefined, A, 50_000);
    expect(receive(now, hlcAt(10, B))).toBe(now);
  });

  it('stamps data from before sync with its own edit time', () => {
    expect(parseHlc(hlcAt(1_700_000_000_123.7, A))).toEqual({ millis: 1_700_000_000_123, counter: 0, node: A });
  });
});
