// A token bucket per key (a client address or a device), in memory. Each key may spend up to
// `capacity` requests at once and earns them back evenly over `perMs`, so a device that syncs now
// and then never notices it, while a script that hammers one endpoint is held to the steady rate.
// (hono-rate-limiter counts fixed windows, which let twice the limit through around a window's
// edge; this is the whole of what we need from it in a few lines, with a clock tests can move.)
//
// In memory on purpose: the limits guard one server process on a shop's machine, and a restart
// forgetting them costs nothing. Memory stays bounded: past `maxKeys` the least recently used
// bucket is forgotten (which only lets that key start afresh).

export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

export interface RateLimitOptions {
  capacity: number;
  perMs: number;
  now?: () => number;
  maxKeys?: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly msPerToken: number;
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor({ capacity, perMs, now = Date.now, maxKeys = 10_000 }: RateLimitOptions) {
    this.capacity = capacity;
    this.msPerToken = perMs / capacity;
    this.now = now;
    this.maxKeys = maxKeys;
  }

  /** Spends one request for `key`, or says how long until one is available. */
  take(key: string): TakeResult {
    const now = this.now();
    const bucket = this.buckets.get(key);
    let tokens = this.capacity;
    if (bucket) {
      tokens = Math.min(
        this.capacity,
        bucket.tokens + Math.max(0, now - bucket.at) / this.msPerToken,
      );
      // Re-inserted below, so the map's order stays "least recently used first".
      this.buckets.delete(key);
    }
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterMs: Math.ceil((1 - tokens) * this.msPerToken) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    for (const stalest of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(stalest);
    }
    return { ok: true };
  }

  /** Buckets held (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size;
  }
}
