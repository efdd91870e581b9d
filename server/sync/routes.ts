// The sync API under /api/sync: payloads validated with zod, bodies limited in size and nesting,
// devices known only by their bearer token (the shop is taken from the token, never from what the
// client says), and the per-address and per-device rate limits (server/sync/limits.ts).
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';
import { clientAddress } from './client-address.js';
import { parseJsonBody } from './json-body.js';
import {
  createShopRequest,
  encryptionRequest,
  pairRequest,
  pullQuery,
  pushRequest,
} from './protocol.js';
import { RateLimiter } from './rate-limit.js';
import { SyncService, SyncServiceError } from './service.js';
import type { StoredDevice } from './storage.js';

/** A push of 1,000 changes is far below this; anything bigger is refused before it is read. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

const HOUR = 60 * 60_000;

type Env = { Variables: { device: StoredDevice } };

export interface SyncRouteOptions {
  /** Take the client's address from X-Forwarded-For (only behind a reverse proxy that sets it). */
  trustProxy?: boolean;
}

async function parseBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const body = parseJsonBody(await c.req.text());
  if (!body.ok) throw new SyncServiceError(400, 'invalid-request');
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) throw new SyncServiceError(400, 'invalid-request');
  return parsed.data;
}

function bearer(c: Context): string | undefined {
  const header = c.req.header('Authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
  return match?.[1];
}

/** Spends one request of `key`'s allowance, or refuses with 429 and when to try again. */
function limit(limiter: RateLimiter, key: string): void {
  const taken = limiter.take(key);
  if (taken.ok) return;
  const retryAfter = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
  throw new SyncServiceError(429, 'rate-limited', { retryAfter });
}

export function syncRoutes(service: SyncService, { trustProxy = false }: SyncRouteOptions = {}): Hono<Env> {
  const api = new Hono<Env>();
  const { limits } = service;
  const now = () => service.clock();
  const shopCreations = new RateLimiter({ capacity: limits.shopsPerHour, perMs: HOUR, now });
  const pairAttempts = new RateLimiter({ capacity: limits.pairAttemptsPerHour, perMs: HOUR, now });
  const pushes = new RateLimiter({ capacity: limits.pushesPerMinute, perMs: 60_000, now });

  api.onError((error, c) => {
    if (error instanceof SyncServiceError) {
      if (error.code === 'rate-limited') c.header('Retry-After', String(error.details.retryAfter));
      return c.json({ ...error.details, error: error.code }, error.status);
    }
    console.error(error);
    return c.json({ error: 'internal' }, 500);
  });

  api.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: 'too-large' }, 413),
    }),
  );
  // Sync answers are personal data: never cached by the browser or anything in between.
  api.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  api.post('/shops', async (c) => {
    limit(shopCreations, clientAddress(c, trustProxy));
    const { deviceName } = await parseBody(c, createShopRequest);
    return c.json(await service.createShop(deviceName), 201);
  });

  // Every attempt counts, right or wrong, so codes cannot be guessed from one address.
  api.post('/pair', async (c) => {
    limit(pairAttempts, clientAddress(c, trustProxy));
    const { code, deviceName } = await parseBody(c, pairRequest);
    return c.json(await service.pair(code, deviceName), 201);
  });

  const auth = createMiddleware<Env>(async (c, next) => {
    c.set('device', await service.authenticate(bearer(c)));
    await next();
  });

  api.get('/me', auth, async (c) => c.json(await service.whoAmI(c.get('device'))));

  api.post('/pairing-codes', auth, async (c) => c.json(await service.createPairingCode(c.get('device')), 201));

  api.get('/devices', auth, async (c) => c.json({ devices: await service.devices(c.get('device')) }));

  api.post('/devices/:id/revoke', auth, async (c) => {
    await service.revoke(c.get('device'), c.req.param('id'));
    return c.json({ ok: true });
  });

  api.post('/devices/:id/make-owner', auth, async (c) => {
    await service.handOver(c.get('device'), c.req.param('id'));
    return c.json({ ok: true });
  });

  api.post('/push', auth, async (c) => {
    limit(pushes, c.get('device').id);
    const { changes } = await parseBody(c, pushRequest);
    return c.json(await service.push(c.get('device'), changes));
  });

  api.get('/pull', auth, async (c) => {
    const parsed = pullQuery.safeParse(c.req.query());
    if (!parsed.success) throw new SyncServiceError(400, 'invalid-request');
    return c.json(await service.pull(c.get('device'), parsed.data.after, parsed.data.limit));
  });

  api.put('/encryption', auth, async (c) => {
    const { keyCheck } = await parseBody(c, encryptionRequest);
    await service.setEncryption(c.get('device'), keyCheck);
    return c.json({ ok: true });
  });

  return api;
}
