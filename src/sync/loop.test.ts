// @vitest-environment node
/** The background loop's promises: it says where sync stands and what needs the person. */
import { afterEach, describe, expect, it } from 'vitest';
import { createCustomer, openReplicaDatabases, pairedShop, wipe, type Replica } from '../../test/support/sync-replicas';
import { saveConnection, saveEncryption } from '../db/sync-state';
import type { SyncConnection } from '../db/sync-state';
import { deriveShopKey, makeKeyCheck } from './crypto';
import { SyncLoop } from './loop';

const loops: SyncLoop[] = [];
afterEach(() => {
  for (const loop of loops.splice(0)) loop.stop();
});

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
    expect(await replicas[0]!.db.outbox.count()).toBe(0);
  });

  it('keeps changes waiting and says the server cannot be reached, then catches up', async () => {
    const { replicas } = await shop();
    const replica = replicas[0]!;
    const { loop, connect } = loopFor(replica);
    await connect();
    await createCustomer(replica.db, '田中 花子');
    replica.transport.faults = ['lose-request'];
    expect(await loop.syncNow()).toMatchObject({ phase: 'error', problem: 'unreachable' });
    expect(await replica.db.outbox.count()).toBeGreaterThan(0);
    expect((await loop.syncNow()).phase).toBe('idle');
    expect(await replica.db.outbox.count()).toBe(0);
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
});
