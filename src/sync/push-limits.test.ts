// @vitest-environment node
/**
 * What a device does when the shop's server holds it back, over the real HTTP client and routes
 * (fetch goes to the server app in-process): a change stamped far in the future is set aside on
 * the device while the rest of the outbox goes, "too many requests" means waiting as told, and a
 * full shop is said plainly. In every case nothing the staff typed leaves the device unsent.
 */
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app';
import type { SyncLimits } from '../../server/sync/limits';
import { MemoryStorage } from '../../server/sync/memory-storage';
import { SyncService } from '../../server/sync/service';
import {
  createCustomer,
  onDevice,
  openReplicaDatabases,
  wipe,
} from '../../test/support/sync-replicas';
import type { DaifukuDB } from '../db/schema';
import { countHeldBack } from '../db/sync/outbox';
import { readConnection, saveConnection } from '../db/sync/state';
import { startCapturing } from '../db/sync/snapshot';
import { pushOutbox } from './engine';
import { retryAfterMs, SyncHttpApi } from './http-api';
import { SyncLoop } from './loop';
import { countPending } from '../db/sync/outbox';

const SERVER = 'http://shop.test';
const YEAR = 365 * 24 * 3_600_000;

const loops: SyncLoop[] = [];
afterEach(() => {
  for (const loop of loops.splice(0)) loop.stop();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

let databases = 0;

async function shopServer(limits: Partial<SyncLimits> = {}) {
  const clock = { now: Date.now() };
  const service = new SyncService(new MemoryStorage(), { now: () => clock.now, limits });
  const app = createApp({ staticDir: tmpdir(), sync: service });
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) =>
    app.fetch(new Request(input, init)),
  );
  const tablet = await service.createShop('Counter tablet');
  const [db] = (await openReplicaDatabases(1, `push-limits-${++databases}`)) as [DaifukuDB];
  await wipe(db);
  await startCapturing(db);
  await saveConnection(db, {
    serverUrl: SERVER,
    shopId: tablet.shopId,
    deviceId: tablet.deviceId,
    deviceName: 'Counter tablet',
    token: tablet.token,
    owner: true,
  });
  const phone = await service.pair(
    (await service.createPairingCode(await service.authenticate(tablet.token))).code,
    'Phone',
  );
  return {
    clock,
    service,
    db,
    tablet: new SyncHttpApi(SERVER, tablet.token),
    phone: new SyncHttpApi(SERVER, phone.token),
  };
}

async function pulledNames(api: SyncHttpApi): Promise<unknown[]> {
  const page = await api.pull(0, 1000);
  return page.changes
    .filter((c) => c.table === 'customers')
    .map((c) => ('set' in c.payload ? c.payload.set?.name : undefined));
}

describe('pushing when the server holds a device back', () => {
  it('sets aside changes stamped a year ahead, sends the rest, and sends the set-aside ones once the server’s time catches up', async () => {
    const { clock, db, tablet, phone } = await shopServer();
    await createCustomer(db, '田中 花子');
    // The tablet's date was set a year ahead while a customer was added, then put right: the next
    // customer carries the right time again (the device's clock does not stay a year ahead).
    const wrongClock = { db, transport: undefined as never, skew: YEAR };
    await onDevice(wrongClock, () => createCustomer(db, '未来 一郎'));
    await createCustomer(db, '未来 二郎');

    const pushed = await pushOutbox(db, tablet, {});
    expect(await countPending(db)).toBe(0);
    expect(await countHeldBack(db)).toBe(1);
    expect(pushed.pushed).toBeGreaterThan(0);
    expect(new Set(await pulledNames(phone))).toEqual(new Set(['田中 花子', '未来 二郎']));
    // Nothing leaves the device meanwhile: the customers stay in this ledger.
    expect((await db.customers.toArray()).map((c) => c.name).sort()).toEqual([
      '未来 一郎',
      '未来 二郎',
      '田中 花子',
    ]);

    // Tried again within the hour: still too early for the server, still kept aside.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3_600_000 });
    await pushOutbox(db, tablet, {});
    expect(await countHeldBack(db)).toBe(1);

    // A year on, the server's clock has caught up with them.
    clock.now += YEAR + 3_600_000;
    vi.setSystemTime(Date.now() + 2 * 3_600_000);
    await pushOutbox(db, tablet, {});
    expect(await countHeldBack(db)).toBe(0);
    expect(await countPending(db)).toBe(0);
    expect(new Set(await pulledNames(phone))).toEqual(
      new Set(['田中 花子', '未来 一郎', '未来 二郎']),
    );
  });

  it('waits as long as the server says when it has had too many pushes, and loses nothing meanwhile', async () => {
    const { db, service } = await shopServer({ pushesPerMinute: 1 });
    const loop = new SyncLoop(db, { debounceMs: 0 });
    loops.push(loop);
    await createCustomer(db, '田中 花子');
    await loop.start();
    await vi.waitFor(() => expect(loop.status.phase).toBe('idle'), { timeout: 10_000 });
    const { shopId } = (await readConnection(db))!;
    const stored = await service.storage.usedBytes(shopId);

    const timers = vi.spyOn(globalThis, 'setTimeout');
    await createCustomer(db, '佐藤 健');
    // The next try is when the server said (a minute per push here), not the loop's own back-off.
    await vi.waitFor(() => expect(timers).toHaveBeenCalledWith(expect.any(Function), 60_000), {
      timeout: 10_000,
    });
    expect(loop.status.phase).toBe('syncing');
    expect(loop.status.problem).toBeUndefined();
    expect(await countPending(db)).toBeGreaterThan(0);
    expect(await service.storage.usedBytes(shopId)).toBe(stored);
  });

  it('says the shop’s storage on the server is full, and keeps every change waiting on the device', async () => {
    const { db } = await shopServer({ shopQuotaBytes: 300 });
    const loop = new SyncLoop(db);
    loops.push(loop);
    await createCustomer(db, '田中 花子');
    const waiting = await countPending(db);
    expect(await loop.syncNow()).toMatchObject({ phase: 'error', problem: 'shop-full' });
    expect(await countPending(db)).toBe(waiting);
  });
});

describe('Retry-After', () => {
  it('is read in seconds or as a date, and means a minute when it cannot be read', () => {
    expect(retryAfterMs('30')).toBe(30_000);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:30 GMT', Date.UTC(2026, 9, 21, 7, 28, 0))).toBe(
      30_000,
    );
    expect(retryAfterMs(null)).toBe(60_000);
    expect(retryAfterMs('soon')).toBe(60_000);
  });
});
