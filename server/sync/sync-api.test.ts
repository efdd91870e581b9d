// @vitest-environment node
/**
 * The sync API over real HTTP on loopback, once per durable storage: SQLite always, PostgreSQL when
 * DATABASE_URL_TEST points at a server (.ci/run starts a throwaway cluster and sets it).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { PostgresStorage } from './postgres-storage.js';
import type { WireChange } from './protocol.js';
import type { SyncLimits } from './limits.js';
import { PAIRING_CODE_TTL_MS, SyncService } from './service.js';
import { SqliteStorage } from './sqlite-storage.js';
import { storedBytes, type SyncStorage } from './storage.js';

interface Backend {
  name: string;
  /** Opens the same durable store each time it is called within one test (a restart). */
  open(): Promise<SyncStorage>;
  cleanup(): Promise<void>;
}

const postgresUrl = process.env.DATABASE_URL_TEST;
if (!postgresUrl) {
  console.log('PostgreSQL sync storage tests skipped: DATABASE_URL_TEST is not set (.ci/run sets it)');
}

async function sqliteBackend(): Promise<Backend> {
  const dir = await mkdtemp(path.join(tmpdir(), 'daifuku-sync-sqlite-'));
  return {
    name: 'SQLite',
    open: async () => new SqliteStorage(dir),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

async function postgresBackend(url: string): Promise<Backend> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `daifuku_test_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  return {
    name: 'PostgreSQL',
    open: () => PostgresStorage.connect(testUrl.toString()),
    cleanup: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

interface BackendCase {
  name: string;
  make: () => Promise<Backend>;
  /** Why this storage's tests are skipped here (they are then listed by name as skipped). */
  skipped?: string;
}

const backends: BackendCase[] = [
  { name: 'SQLite', make: sqliteBackend },
  postgresUrl
    ? { name: 'PostgreSQL', make: () => postgresBackend(postgresUrl) }
    : { name: 'PostgreSQL', make: () => Promise.reject(new Error('no PostgreSQL')), skipped: 'DATABASE_URL_TEST is not set' },
];

/** describe.each that keeps a storage's tests in the report, as skipped, when it is not available. */
function eachBackend(title: string, body: (backend: BackendCase) => void): void {
  for (const backend of backends) {
    const name = title.replace('$name', backend.skipped ? `${backend.name} (skipped: ${backend.skipped})` : backend.name);
    (backend.skipped ? describe.skip : describe)(name, () => body(backend));
  }
}

interface Running {
  base: string;
  clock: { now: number };
  storage: SyncStorage;
  stop(): Promise<void>;
}

interface ServerOptions {
  clock?: { now: number };
  limits?: Partial<SyncLimits>;
  trustProxy?: boolean;
}

async function startServer(storage: SyncStorage, { clock = { now: Date.UTC(2026, 4, 1) }, limits, trustProxy }: ServerOptions = {}): Promise<Running> {
  const service = new SyncService(storage, { now: () => clock.now, limits });
  const app = createApp({ staticDir: tmpdir(), sync: service, trustProxy });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/api/sync`,
    clock,
    storage,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await storage.close();
    },
  };
}

async function call(
  base: string,
  method: string,
  route: string,
  options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, body: json as Record<string, unknown>, retryAfter: response.headers.get('Retry-After') ?? undefined };
}

function change(n: number, name = `客 ${n}`): WireChange {
  const hlc = `${String(1_777_000_000_000 + n).padStart(15, '0')}-0000-00000000000000a1`;
  return { id: `${hlc} customers c${n}`, table: 'customers', row: `c${n}`, hlc, payload: { set: { name } } };
}

eachBackend('the sync API on $name', ({ make }) => {
  let backend: Backend;
  let server: Running;

  beforeAll(async () => {
    backend = await make();
  });
  afterAll(async () => {
    await backend.cleanup();
  });
  afterEach(async () => {
    await server?.stop().catch(() => undefined);
  });

  async function shopWithTwoDevices(options: ServerOptions = {}) {
    server = await startServer(await backend.open(), options);
    const owner = await call(server.base, 'POST', '/shops', { body: { deviceName: 'Counter tablet' } });
    expect(owner.status).toBe(201);
    const ownerToken = owner.body.token as string;
    const code = await call(server.base, 'POST', '/pairing-codes', { token: ownerToken });
    expect(code.status).toBe(201);
    expect(code.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const joined = await call(server.base, 'POST', '/pair', { body: { code: code.body.code, deviceName: "Owner's phone" } });
    expect(joined.status).toBe(201);
    return {
      ownerToken,
      ownerId: owner.body.deviceId as string,
      phoneToken: joined.body.token as string,
      phoneId: joined.body.deviceId as string,
      shopId: owner.body.shopId,
    };
  }

  it('pairs a second device with a one-time code, in the same shop, each with its own token', async () => {
    const { ownerToken, phoneToken, shopId } = await shopWithTwoDevices();
    expect(phoneToken).not.toBe(ownerToken);
    const me = await call(server.base, 'GET', '/me', { token: phoneToken });
    expect(me.body).toMatchObject({ shopId, owner: false });
    const devices = await call(server.base, 'GET', '/devices', { token: ownerToken });
    expect((devices.body.devices as { name: string }[]).map((d) => d.name)).toEqual(['Counter tablet', "Owner's phone"]);
  });

  it('refuses a code used twice, an expired code and an unknown code', async () => {
    const { ownerToken } = await shopWithTwoDevices();
    const code = (await call(server.base, 'POST', '/pairing-codes', { token: ownerToken })).body.code as string;
    expect((await call(server.base, 'POST', '/pair', { body: { code: code.toLowerCase().replace('-', ' '), deviceName: 'Tablet 2' } })).status).toBe(201);
    const reused = await call(server.base, 'POST', '/pair', { body: { code, deviceName: 'Thief' } });
    expect(reused).toEqual({ status: 410, body: { error: 'code-used' } });

    const late = (await call(server.base, 'POST', '/pairing-codes', { token: ownerToken })).body.code as string;
    server.clock.now += PAIRING_CODE_TTL_MS + 1;
    expect(await call(server.base, 'POST', '/pair', { body: { code: late, deviceName: 'Late' } })).toEqual({
      status: 410,
      body: { error: 'code-expired' },
    });
    expect(await call(server.base, 'POST', '/pair', { body: { code: 'AAAA-AAAA', deviceName: 'Guess' } })).toEqual({
      status: 404,
      body: { error: 'code-unknown' },
    });
  });

  it('lets only the owner device make codes and revoke, and a revoked device is refused with 401', async () => {
    const { ownerToken, phoneToken, phoneId } = await shopWithTwoDevices();
    expect((await call(server.base, 'POST', '/pairing-codes', { token: phoneToken })).status).toBe(403);
    expect((await call(server.base, 'POST', `/devices/${phoneId}/revoke`, { token: phoneToken })).status).toBe(403);
    expect((await call(server.base, 'POST', `/devices/${phoneId}/revoke`, { token: ownerToken })).status).toBe(200);
    for (const [method, route] of [
      ['GET', '/pull'],
      ['POST', '/push'],
      ['GET', '/me'],
    ] as const) {
      expect(await call(server.base, method, route, { token: phoneToken, body: method === 'POST' ? { changes: [] } : undefined })).toEqual({
        status: 401,
        body: { error: 'unauthorized' },
      });
    }
    expect((await call(server.base, 'GET', '/pull', { token: 'x'.repeat(43) })).status).toBe(401);
    expect((await call(server.base, 'GET', '/pull')).status).toBe(401);
  });

  it('stores a replayed push once, and never hands a device its own changes back', async () => {
    const { ownerToken, phoneToken } = await shopWithTwoDevices();
    const batch = [change(1), change(2), change(3)];
    expect((await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: batch } })).body).toEqual({ accepted: 3, duplicates: 0 });
    expect((await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: batch } })).body).toEqual({ accepted: 0, duplicates: 3 });
    const pulled = await call(server.base, 'GET', '/pull?after=0', { token: ownerToken });
    expect((pulled.body.changes as WireChange[]).map((c) => c.row)).toEqual(['c1', 'c2', 'c3']);
    const own = await call(server.base, 'GET', '/pull?after=0', { token: phoneToken });
    expect(own.body.changes).toEqual([]);
    expect(own.body.cursor).toBe(pulled.body.cursor);
  });

  it('pages through changes after a cursor', async () => {
    const { ownerToken, phoneToken } = await shopWithTwoDevices();
    const all = Array.from({ length: 25 }, (_, i) => change(i + 1));
    await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: all } });
    const seen: string[] = [];
    let cursor = 0;
    const mores: boolean[] = [];
    for (;;) {
      const page = await call(server.base, 'GET', `/pull?after=${cursor}&limit=10`, { token: ownerToken });
      seen.push(...(page.body.changes as WireChange[]).map((c) => c.row));
      cursor = page.body.cursor as number;
      mores.push(page.body.more as boolean);
      if (!page.body.more) break;
    }
    expect(seen).toEqual(all.map((c) => c.row));
    expect(mores).toEqual([true, true, false]);
    expect((await call(server.base, 'GET', `/pull?after=${cursor}`, { token: ownerToken })).body.changes).toEqual([]);
  });

  it('refuses a 10 MB body, malformed JSON and payloads that break the protocol', async () => {
    const { phoneToken } = await shopWithTwoDevices();
    const huge = JSON.stringify({ changes: [{ ...change(1), payload: { set: { about: 'x'.repeat(10 * 1024 * 1024) } } }] });
    expect((await call(server.base, 'POST', '/push', { token: phoneToken, raw: huge })).status).toBe(413);
    expect(await call(server.base, 'POST', '/push', { token: phoneToken, raw: '{"changes": [' })).toEqual({
      status: 400,
      body: { error: 'invalid-request' },
    });
    expect((await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [{ ...change(1), hlc: 'yesterday' }] } })).status).toBe(400);
    expect((await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [change(1)], shopId: 'another shop' } })).status).toBe(400);
    expect((await call(server.base, 'POST', '/shops', { raw: 'not json' })).status).toBe(400);
    expect((await call(server.base, 'GET', '/pull?limit=100000', { token: phoneToken })).status).toBe(400);
  });

  it('keeps shops apart: a token only ever reads its own shop', async () => {
    const { phoneToken } = await shopWithTwoDevices();
    await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [change(1, '秘密の客')] } });
    const other = await call(server.base, 'POST', '/shops', { body: { deviceName: 'Another shop' } });
    const pulled = await call(server.base, 'GET', '/pull?after=0', { token: other.body.token as string });
    expect(pulled.body.changes).toEqual([]);
  });

  it('loses nothing across a restart in the middle of a sync', async () => {
    const { ownerToken, phoneToken } = await shopWithTwoDevices();
    await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [change(1), change(2)] } });
    const firstPage = await call(server.base, 'GET', '/pull?after=0&limit=1', { token: ownerToken });
    await server.stop();

    server = await startServer(await backend.open());
    await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [change(2), change(3)] } });
    const rest = await call(server.base, 'GET', `/pull?after=${firstPage.body.cursor as number}`, { token: ownerToken });
    expect([...(firstPage.body.changes as WireChange[]), ...(rest.body.changes as WireChange[])].map((c) => c.row)).toEqual(['c1', 'c2', 'c3']);
  });

  it('refuses changes stamped more than five minutes ahead of its clock, names them, and takes the rest sent again', async () => {
    const { ownerToken, phoneToken } = await shopWithTwoDevices();
    const now = server.clock.now;
    const at = (millis: number, row: string): WireChange => {
      const hlc = `${String(millis).padStart(15, '0')}-0000-00000000000000b2`;
      return { id: `${hlc} customers ${row}`, table: 'customers', row, hlc, payload: { set: { name: row } } };
    };
    const fine = at(now + 4 * 60_000, 'slightly-ahead');
    const nextYear = at(now + 365 * 24 * 3_600_000, 'next-year');
    const past = at(now - 60_000, 'past');
    const refused = await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [past, nextYear, fine] } });
    expect(refused).toEqual({
      status: 400,
      body: { error: 'clock-ahead', refused: [nextYear.id], serverTime: now, maxAheadMs: 5 * 60_000 },
    });
    // Nothing of the refused push was stored: no device's clock is dragged a year ahead.
    expect((await call(server.base, 'GET', '/pull?after=0', { token: ownerToken })).body.changes).toEqual([]);
    expect((await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [past, fine] } })).body).toEqual({ accepted: 2, duplicates: 0 });
    // Once the server's time has caught up, the set-aside change goes through.
    server.clock.now = now + 365 * 24 * 3_600_000;
    expect((await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [nextYear] } })).body).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('pages pull answers by size as well as by count, so large changes never make one huge answer', async () => {
    const { ownerToken, phoneToken } = await shopWithTwoDevices({ limits: { pullPageBytes: 1024 * 1024 } });
    const large = (n: number) => change(n, `${n}`.padEnd(300 * 1024, '大'));
    for (let n = 1; n <= 12; n += 3) {
      const pushed = await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [large(n), large(n + 1), large(n + 2)] } });
      expect(pushed.status).toBe(200);
    }
    const pages: string[][] = [];
    let cursor = 0;
    for (;;) {
      const response = await fetch(`${server.base}/pull?after=${cursor}&limit=1000`, { headers: { Authorization: `Bearer ${ownerToken}` } });
      const text = await response.text();
      // 1 MB of changes, plus at most the one that crossed the line (900 KB of 大 in UTF-8).
      expect(Buffer.byteLength(text)).toBeLessThan(1024 * 1024 + 1000 * 1024);
      const page = JSON.parse(text) as { changes: WireChange[]; cursor: number; more: boolean };
      pages.push(page.changes.map((c) => c.row));
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(pages.flat()).toEqual(Array.from({ length: 12 }, (_, i) => `c${i + 1}`));
    expect(pages.filter((p) => p.length > 0).every((p) => p.length <= 2)).toBe(true);
  });

  it('stops a shop at its storage quota with a clear answer, storing nothing of the push that would overflow it', async () => {
    const { ownerToken, phoneToken, shopId } = await shopWithTwoDevices({ limits: { shopQuotaBytes: 4096 } });
    const note = (n: number) => change(n, 'x'.repeat(1000));
    expect((await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [note(1), note(2)] } })).status).toBe(200);
    const full = await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [note(3), note(4), note(5)] } });
    expect(full.status).toBe(507);
    expect(full.body).toMatchObject({ error: 'shop-full', quotaBytes: 4096 });
    expect(full.body.usedBytes).toBeGreaterThan(2000);
    expect(((await call(server.base, 'GET', '/pull?after=0', { token: ownerToken })).body.changes as WireChange[]).map((c) => c.row)).toEqual(['c1', 'c2']);
    // A replay of what the shop already holds costs nothing and is still acknowledged.
    expect((await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [note(1)] } })).body).toEqual({ accepted: 0, duplicates: 1 });
    // What still fits goes in.
    expect((await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [note(3)] } })).body).toEqual({ accepted: 1, duplicates: 0 });
    const third = note(3);
    expect(await server.storage.usedBytes(shopId as string)).toBe((full.body.usedBytes as number) + storedBytes({ ...third, payload: JSON.stringify(third.payload) }));
  });

  it('hands ownership to another device, after which the old owner device is an ordinary one the new owner may revoke', async () => {
    const { ownerToken, ownerId, phoneToken, phoneId } = await shopWithTwoDevices();
    expect(await call(server.base, 'POST', `/devices/${ownerId}/revoke`, { token: ownerToken })).toEqual({
      status: 409,
      body: { error: 'cannot-revoke-owner' },
    });
    expect((await call(server.base, 'POST', `/devices/${ownerId}/make-owner`, { token: phoneToken })).status).toBe(403);
    expect((await call(server.base, 'POST', `/devices/nobody/make-owner`, { token: ownerToken })).status).toBe(404);
    expect(await call(server.base, 'POST', `/devices/${phoneId}/make-owner`, { token: ownerToken })).toEqual({ status: 200, body: { ok: true } });

    expect((await call(server.base, 'GET', '/me', { token: phoneToken })).body.owner).toBe(true);
    expect((await call(server.base, 'GET', '/me', { token: ownerToken })).body.owner).toBe(false);
    expect((await call(server.base, 'GET', '/devices', { token: ownerToken })).status).toBe(403);
    const devices = (await call(server.base, 'GET', '/devices', { token: phoneToken })).body.devices as Array<{ id: string; owner: boolean }>;
    expect(devices.map((d) => [d.id, d.owner])).toEqual([
      [phoneId, true],
      [ownerId, false],
    ]);
    // The lost tablet can now be cut off.
    expect((await call(server.base, 'POST', `/devices/${ownerId}/revoke`, { token: phoneToken })).status).toBe(200);
    expect((await call(server.base, 'GET', '/me', { token: ownerToken })).status).toBe(401);
    expect((await call(server.base, 'POST', `/devices/${ownerId}/make-owner`, { token: phoneToken })).body).toEqual({ error: 'device-revoked' });
  });

  it('limits new shops and pairing attempts per address, and pushes per device, with 429 and when to try again', async () => {
    const { ownerToken, phoneToken } = await shopWithTwoDevices({ limits: { shopsPerHour: 2, pairAttemptsPerHour: 3, pushesPerMinute: 2 } });
    // One shop and one pairing already spent from this address.
    expect((await call(server.base, 'POST', '/shops', { body: { deviceName: 'Second' } })).status).toBe(201);
    const tooMany = await call(server.base, 'POST', '/shops', { body: { deviceName: 'Third' } });
    expect(tooMany).toMatchObject({ status: 429, body: { error: 'rate-limited', retryAfter: 1800 }, retryAfter: '1800' });

    expect((await call(server.base, 'POST', '/pair', { body: { code: 'AAAA-AAAA', deviceName: 'Guess 1' } })).status).toBe(404);
    expect((await call(server.base, 'POST', '/pair', { body: { code: 'AAAA-AAAB', deviceName: 'Guess 2' } })).status).toBe(404);
    // The right code no longer helps a guesser who used up the address's attempts.
    const code = (await call(server.base, 'POST', '/pairing-codes', { token: ownerToken })).body.code as string;
    expect((await call(server.base, 'POST', '/pair', { body: { code, deviceName: 'Guess 3' } })).status).toBe(429);

    expect((await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [change(1)] } })).status).toBe(200);
    expect((await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [change(2)] } })).status).toBe(200);
    const pushed = await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [change(3)] } });
    expect(pushed).toMatchObject({ status: 429, retryAfter: '30' });
    // Another device of the shop pushes on its own allowance.
    expect((await call(server.base, 'POST', '/push', { token: ownerToken, body: { changes: [change(4)] } })).status).toBe(200);

    server.clock.now += 30_000;
    expect((await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [change(3)] } })).status).toBe(200);
    server.clock.now += 20 * 60_000;
    const fresh = (await call(server.base, 'POST', '/pairing-codes', { token: ownerToken })).body.code as string;
    expect((await call(server.base, 'POST', '/pair', { body: { code: fresh, deviceName: 'Tablet 3' } })).status).toBe(201);
  });

  it('behind a trusted proxy, counts the address the proxy saw, not what the client wrote before it', async () => {
    server = await startServer(await backend.open(), { limits: { shopsPerHour: 1 }, trustProxy: true });
    const from = (address: string, spoofed = '') => ({ headers: { 'X-Forwarded-For': `${spoofed}${address}` }, body: { deviceName: 'Tablet' } });
    expect((await call(server.base, 'POST', '/shops', from('192.168.1.20'))).status).toBe(201);
    expect((await call(server.base, 'POST', '/shops', from('192.168.1.21'))).status).toBe(201);
    expect((await call(server.base, 'POST', '/shops', from('192.168.1.20', '10.0.0.1, '))).status).toBe(429);
    expect((await call(server.base, 'POST', '/shops', from('2001:db8:1:2::a'))).status).toBe(201);
    expect((await call(server.base, 'POST', '/shops', from('2001:db8:1:2:ffff::b'))).status).toBe(429);
  });

  it('answers 400 at once to JSON nested 100,000 deep on every endpoint that reads a body', async () => {
    const { ownerToken, phoneToken } = await shopWithTwoDevices();
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const inPayload = `{"changes":[${JSON.stringify(change(1)).replace('{"name":"客 1"}', `{"name":${deep}}`)}]}`;
    const attempts: Array<[string, string, string | undefined]> = [
      ['/shops', deep, undefined],
      ['/shops', `{"deviceName":${deep}}`, undefined],
      ['/pair', deep, undefined],
      ['/push', deep, phoneToken],
      ['/push', inPayload, phoneToken],
    ];
    for (const [route, raw, token] of attempts) {
      expect(await call(server.base, 'POST', route, { raw, token })).toEqual({ status: 400, body: { error: 'invalid-request' } });
    }
    expect(await call(server.base, 'PUT', '/encryption', { raw: `{"keyCheck":${deep}}`, token: ownerToken })).toEqual({
      status: 400,
      body: { error: 'invalid-request' },
    });
    // Nesting a real ledger uses still goes through.
    const nested = { ...change(2), payload: { set: { phones: [{ number: '+81312345678', labels: [['home']] }] } } };
    expect((await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [nested] } })).status).toBe(200);
  });

  it('once the shop encrypts, refuses plain pushes and tells joining devices how to check the passphrase', async () => {
    const { ownerToken, phoneToken } = await shopWithTwoDevices();
    expect((await call(server.base, 'PUT', '/encryption', { token: phoneToken, body: { keyCheck: 'k'.repeat(40) } })).status).toBe(403);
    expect((await call(server.base, 'PUT', '/encryption', { token: ownerToken, body: { keyCheck: 'k'.repeat(40) } })).status).toBe(200);
    expect((await call(server.base, 'PUT', '/encryption', { token: ownerToken, body: { keyCheck: 'j'.repeat(40) } })).status).toBe(409);
    expect(await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [change(1)] } })).toEqual({
      status: 409,
      body: { error: 'encryption-required' },
    });
    const sealed = { ...change(1), payload: { enc: 'c2VhbGVkLWJ5dGVzLW9ubHk' } };
    expect((await call(server.base, 'POST', '/push', { token: phoneToken, body: { changes: [sealed] } })).status).toBe(200);
    const code = (await call(server.base, 'POST', '/pairing-codes', { token: ownerToken })).body.code;
    expect((await call(server.base, 'POST', '/pair', { body: { code, deviceName: 'New tablet' } })).body.keyCheck).toBe('k'.repeat(40));
  });
});
