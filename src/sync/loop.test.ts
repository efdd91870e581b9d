// @vitest-environment node
/** The background loop's promises: it says where sync stands and what needs the person. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCustomer, openReplicaDatabases, pairedShop, wipe, type Replica } from '../../test/support/sync-replicas';
import { saveConnection, saveEncryption } from '../db/sync/state';
import type { SyncConnection } from '../db/sync/state';
import { deriveShopKey, makeKeyCheck } from './crypto';
import { SyncHttpApi, SyncRequestError } from './http-api';
import { SyncLoop } from './loop';
import { countPending } from '../db/sync/outbox';

const loops: SyncLoop[] = [];
afterEach(() => {
  for (const loop of loops.splice(0)) loop.stop();
  vi.unstubAllGlobals();
});

/** A loopback address where no server listens (the shop's sync server, stopped). */
async function stoppedServerUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

let shops = 0;

async function shop() {
  shops += 1;
  const dbs = await openReplicaDatabases(2, `loop-${shops}`);
  for (const db of dbs) await wipe(db);
  return pairedShop(dbs);
}

function loopFor(replica: Replica, connection: Partial<SyncConnection> = {}) {
  const loop = new SyncLoop(replica.db, { transportFor: () => replica.transport, pollMs: 60_000, debounceMs: 0 });
  loops.push(loop);
  return {
    loop,
    connect: () =>
      saveConnection(replica.db, {
        serverUrl: 'http://shop.test',
        shopId: 'shop',
        deviceId: 'device',
        deviceName: 'Counter tablet',
        token: 'token',
        owner: false,
        ...connection,
      }),
  };
}

describe('the sync loop', () => {
  it('is off on a device that never joined a shop', async () => {
    const { replicas } = await shop();
    const { loop } = loopFor(replicas[0]!);
    await loop.start();
    expect(loop.status.phase).toBe('off');
  });

  it('sends a local change and reports "synced"', async () => {
    const { replicas } = await shop();
    const { loop, connect } = loopFor(replicas[0]!);
    await connect();
    await createCustomer(replicas[0]!.db, '田中 花子');
    expect((await loop.syncNow()).phase).toBe('idle');
    expect(await countPending(replicas[0]!.db)).toBe(0);
  });

  it('keeps changes waiting and says the server cannot be reached, then catches up', async () => {
    const { replicas } = await shop();
    const replica = replicas[0]!;
    const { loop, connect } = loopFor(replica);
    await connect();
    await createCustomer(replica.db, '田中 花子');
    replica.transport.faults = ['lose-request'];
    expect(await loop.syncNow()).toMatchObject({ phase: 'error', problem: 'unreachable' });
    expect(await countPending(replica.db)).toBeGreaterThan(0);
    expect((await loop.syncNow()).phase).toBe('idle');
    expect(await countPending(replica.db)).toBe(0);
  });

  it('stops and says so when the owner revoked this device', async () => {
    const { replicas, service } = await shop();
    const replica = replicas[1]!;
    const { loop, connect } = loopFor(replica);
    await connect();
    expect((await loop.syncNow()).phase).toBe('idle');
    const { device } = replica.transport;
    await service.storage.revokeDevice(device.shopId, device.id, Date.now());
    expect(await loop.syncNow()).toMatchObject({ phase: 'error', problem: 'revoked' });
    // It does not keep knocking: the next start stays stopped until the device joins again.
    await loop.start();
    expect(loop.status).toMatchObject({ phase: 'error', problem: 'revoked' });
  });

  it('asks for the shop passphrase when the shop encrypts and this device has no key', async () => {
    const { replicas, service } = await shop();
    const replica = replicas[1]!;
    const phone = replica.transport.device;
    const key = await deriveShopKey('yamamoto-1972', phone.shopId, 1_000);
    await service.storage.setKeyCheck(phone.shopId, await makeKeyCheck(key));
    const { loop, connect } = loopFor(replica);
    await connect();
    expect(await loop.syncNow()).toMatchObject({ phase: 'error', problem: 'passphrase-needed' });
    await saveEncryption(replica.db, { key: await deriveShopKey('not it', phone.shopId, 1_000), keyCheck: 'x' });
    expect(await loop.syncNow()).toMatchObject({ phase: 'error', problem: 'wrong-passphrase' });
    await saveEncryption(replica.db, { key, keyCheck: 'x' });
    expect((await loop.syncNow()).phase).toBe('idle');
  });

  it('says the server cannot be reached, not "offline", when the tablet is on Wi-Fi but the server is stopped', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    const { replicas } = await shop();
    const replica = replicas[0]!;
    const serverUrl = await stoppedServerUrl();
    const loop = new SyncLoop(replica.db, { transportFor: (c) => new SyncHttpApi(c.serverUrl, c.token), pollMs: 60_000, debounceMs: 0 });
    loops.push(loop);
    await saveConnection(replica.db, { serverUrl, shopId: 'shop', deviceId: 'device', deviceName: 'Counter tablet', token: 'token', owner: false });
    await createCustomer(replica.db, '田中 花子');
    expect(await loop.syncNow()).toMatchObject({ phase: 'error', problem: 'unreachable', reason: 'network-error', serverUrl });
    expect(await countPending(replica.db), 'the change waits on the tablet').toBeGreaterThan(0);
  });

  it('says offline when the request failed and the device reports no network', async () => {
    const { replicas } = await shop();
    const replica = replicas[0]!;
    const { loop, connect } = loopFor(replica);
    await connect();
    await createCustomer(replica.db, '田中 花子');
    replica.transport.push = () => Promise.reject(new SyncRequestError('offline', undefined, { reason: 'no-network' }));
    expect(await loop.syncNow()).toMatchObject({ phase: 'offline', reason: 'no-network' });
  });

  it('takes the browser’s "offline" event as a hint to try again, and keeps saying synced while the server answers', async () => {
    const events = new EventTarget();
    vi.stubGlobal('addEventListener', events.addEventListener.bind(events));
    vi.stubGlobal('removeEventListener', events.removeEventListener.bind(events));
    const { replicas } = await shop();
    const replica = replicas[0]!;
    const { loop, connect } = loopFor(replica);
    await connect();
    await loop.start();
    await vi.waitFor(() => expect(loop.status.phase).toBe('idle'));
    const pulls = vi.spyOn(replica.transport, 'pull');
    events.dispatchEvent(new Event('offline'));
    expect(loop.status.phase, 'the event alone changes nothing on screen').toBe('idle');
    await vi.waitFor(() => expect(pulls).toHaveBeenCalled());
    await vi.waitFor(() => expect(loop.status.phase).toBe('idle'));
  });
});
