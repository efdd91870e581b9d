// @vitest-environment node
/** The pieces behind the sync API's limits: the token bucket, address keys, nesting, the environment. */
import { describe, expect, it } from 'vitest';
import { addressKey } from './client-address.js';
import { nestsDeeperThan } from './json-body.js';
import { DEFAULT_LIMITS, limitsFromEnv } from './limits.js';
import { RateLimiter } from './rate-limit.js';

describe('the rate limiter', () => {
  it('lets a burst through, then one request per share of the period, per key', () => {
    const clock = { now: 0 };
    const limiter = new RateLimiter({ capacity: 3, perMs: 60_000, now: () => clock.now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')].every((r) => r.ok)).toBe(true);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterMs: 20_000 });
    expect(limiter.take('b').ok).toBe(true);
    clock.now = 10_000;
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterMs: 10_000 });
    clock.now = 20_000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('never saves up more than its burst, however long a key was quiet', () => {
    const clock = { now: 0 };
    const limiter = new RateLimiter({ capacity: 2, perMs: 1_000, now: () => clock.now });
    limiter.take('a');
    clock.now = 1_000_000;
    expect([limiter.take('a').ok, limiter.take('a').ok, limiter.take('a').ok]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('keeps memory bounded when many addresses call once each', () => {
    const limiter = new RateLimiter({ capacity: 1, perMs: 60_000, maxKeys: 100 });
    for (let i = 0; i < 1_000; i++) limiter.take(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.size).toBe(100);
  });
});

describe('client address keys', () => {
  it.each([
    ['192.168.1.20', '192.168.1.20'],
    ['::ffff:192.168.1.20', '192.168.1.20'],
    ['2001:db8:1:2::a', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff:0:0:b', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s counts as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});

describe('JSON nesting', () => {
  it('counts arrays and objects but not brackets inside strings', () => {
    expect(nestsDeeperThan('{"a":[[1]]}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":[[[1]]]}', 3)).toBe(true);
    expect(nestsDeeperThan(JSON.stringify({ note: '[[[[{{{{ "\\" [[[[' }), 1)).toBe(false);
    expect(nestsDeeperThan('['.repeat(100_000), 64)).toBe(true);
  });
});

describe('limits from the environment', () => {
  it('keeps the defaults when nothing is set, and reads each variable in its unit', () => {
    expect(limitsFromEnv({})).toEqual(DEFAULT_LIMITS);
    expect(
      limitsFromEnv({
        SYNC_SHOPS_PER_HOUR: '3',
        SYNC_PAIR_ATTEMPTS_PER_HOUR: '12',
        SYNC_PUSHES_PER_MINUTE: '60',
        SYNC_SHOP_QUOTA_MB: '2.5',
        SYNC_MAX_CLOCK_AHEAD_MINUTES: '10',
        SYNC_PULL_PAGE_MB: '1',
      }),
    ).toEqual({
      shopsPerHour: 3,
      pairAttemptsPerHour: 12,
      pushesPerMinute: 60,
      shopQuotaBytes: 2.5 * 1024 * 1024,
      maxClockAheadMs: 600_000,
      pullPageBytes: 1024 * 1024,
    });
  });

  it.each(['ten', '0', '-5', 'Infinity'])(
    'refuses SYNC_SHOP_QUOTA_MB=%s with a message naming it',
    (value) => {
      expect(() => limitsFromEnv({ SYNC_SHOP_QUOTA_MB: value })).toThrow(/SYNC_SHOP_QUOTA_MB/);
    },
  );
});
