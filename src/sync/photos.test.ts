// @vitest-environment node
/**
 * Photos survive sync, and pushes stay within what the server takes. A photo's Blob used to go on
 * the wire as `{}`; now it travels as tagged base64 (src/sync/binary.ts), encrypted or not, and
 * opens on the other device byte for byte. Photos make pushes heavy: a push is cut into requests
 * below the server's body limit, and a change no request could carry is set aside, not retried
 * forever in front of the rest.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openReplicaDatabases,
  pairedShop,
  wipe,
  type Replica,
} from '../../test/support/sync-replicas';
import type { WireChange } from '../../server/sync/protocol';
import type { SyncService } from '../../server/sync/service';
import type { DaifukuDB } from '../db/schema';
import { setAsideSummary } from '../db/sync/set-aside';
import { newId } from '../db/ids';
import { PHOTOS_RESENT_KEY } from '../db/sync/repair';
import { deriveShopKey, makeKeyCheck } from './crypto';
import { pushOutbox, retrySetAside, syncRound, type SyncKeys } from './engine';
import { SyncRequestError, type SyncTransport } from './http-api';
import { countPending, outboxChanges } from '../db/sync/outbox';

let shops = 0;
let service: SyncService;
let tablet: Replica;
let phone: Replica;

beforeEach(async () => {
  shops += 1;
  const dbs = await openReplicaDatabases(2, `photos-${shops}`);
  for (const db of dbs) await wipe(db);
  const shop = await pairedShop(dbs);
  service = shop.service;
  [tablet, phone] = shop.replicas as [Replica, Replica];
});

afterEach(async () => {
  for (const replica of [tablet, phone]) {
    replica.db.close();
    await replica.db.delete();
  }
});

/** Bytes that look like a JPEG and do not compress to nothing. */
function jpegBytes(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x >> 16;
  }
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
}

async function takePhoto(db: DaifukuDB, size: number, seed = 1): Promise<string> {
  const id = newId();
  const now = Date.now();
  const blob = new Blob([jpegBytes(size, seed)], { type: 'image/jpeg' });
  await db.photos.add({
    id,
    createdAt: now,
    updatedAt: now,
    blob,
    type: 'image/jpeg',
    width: 1280,
    height: 853,
    bytes: blob.size,
  });
  return id;
}

async function bytesOf(db: DaifukuDB, id: string): Promise<number[]> {
  const photo = await db.photos.get(id);
  expect(photo?.blob).toBeInstanceOf(Blob);
  expect(photo?.blob.type).toBe('image/jpeg');
  return [...new Uint8Array(await photo!.blob.arrayBuffer())];
}

describe('a photo taken on the counter tablet', () => {
  it('opens on the owner’s phone, byte for byte', async () => {
    const id = await takePhoto(tablet.db, 60_000);
    await syncRound(tablet.db, tablet.transport);
    await syncRound(phone.db, phone.transport);
    expect(await bytesOf(phone.db, id)).toEqual([...jpegBytes(60_000)]);
    expect(await phone.db.photos.get(id)).toMatchObject({
      width: 1280,
      height: 853,
      bytes: 60_000,
    });
  });

  it('opens on the phone in a shop that encrypts, and the server holds no photo bytes in the clear', async () => {
    const shopId = tablet.transport.device.shopId;
    const key = await deriveShopKey('yamamoto-gofuku-1972', shopId, 1_000);
    await service.setEncryption(tablet.transport.device, await makeKeyCheck(key));
    const keys: SyncKeys = { key, shopId };
    const id = await takePhoto(tablet.db, 30_000, 7);
    await syncRound(tablet.db, tablet.transport, keys);
    const stored = await service.pull(phone.transport.device, 0, 1000);
    expect(JSON.stringify(stored.changes)).not.toContain('"$binary"');
    await syncRound(phone.db, phone.transport, keys);
    expect(await bytesOf(phone.db, id)).toEqual([...jpegBytes(30_000, 7)]);
  });

  it('is not sent again when its appraisal claims it', async () => {
    const id = await takePhoto(tablet.db, 40_000);
    await syncRound(tablet.db, tablet.transport);
    await tablet.db.photos.update(id, { appraisalId: 'a1', updatedAt: Date.now() + 1 });
    const [claim, ...rest] = await outboxChanges(tablet.db);
    expect(rest).toEqual([]);
    expect(Object.keys(claim!.set!).sort()).toEqual(['appraisalId', 'updatedAt']);
  });
});

describe('a photo an earlier version sent as an empty object', () => {
  it('reaches the other device once the device that took it updates', async () => {
    const id = await takePhoto(tablet.db, 20_000, 3);
    // As the earlier version pushed it: JSON.stringify made the Blob `{}`.
    const [pending] = await outboxChanges(tablet.db);
    const asSent = JSON.parse(JSON.stringify(pending!)) as WireChange & {
      set: Record<string, unknown>;
    };
    const { set, ...where } = asSent;
    await service.push(tablet.transport.device, [{ ...where, payload: { set } } as WireChange]);
    await tablet.db.outbox.clear();
    await tablet.db.syncState.delete(PHOTOS_RESENT_KEY);
    await syncRound(phone.db, phone.transport);
    expect((await phone.db.photos.get(id))?.blob).toBeUndefined();

    // The tablet updates: its next round sends the photo's bytes once more, under a newer stamp.
    expect(await syncRound(tablet.db, tablet.transport)).toMatchObject({ pushed: 1 });
    await syncRound(phone.db, phone.transport);
    expect(await bytesOf(phone.db, id)).toEqual([...jpegBytes(20_000, 3)]);
    // Once only, and never a photo another device took.
    expect(await syncRound(tablet.db, tablet.transport)).toMatchObject({ pushed: 0 });
    await phone.db.syncState.delete(PHOTOS_RESENT_KEY);
    expect(await syncRound(phone.db, phone.transport)).toMatchObject({ pushed: 0 });
  });
});

/** The tablet's transport, measuring each push as the server would receive it. */
function measured(
  inner: SyncTransport,
  serverLimit = Infinity,
  refuse: (c: WireChange) => boolean = () => false,
) {
  const requests: number[] = [];
  const transport: SyncTransport = {
    async push(changes) {
      const bytes = new TextEncoder().encode(JSON.stringify({ changes })).length;
      requests.push(bytes);
      if (bytes > serverLimit) throw new SyncRequestError('server', 413);
      if (changes.some(refuse)) throw new SyncRequestError('server', 400);
      return inner.push(changes);
    },
    pull: (after, limit) => inner.pull(after, limit),
  };
  return { transport, requests };
}

describe('a push full of photos', () => {
  it('goes in several requests, each within the limit', async () => {
    for (let i = 0; i < 6; i++) await takePhoto(tablet.db, 100_000, i + 1);
    const { transport, requests } = measured(tablet.transport);
    const result = await pushOutbox(tablet.db, transport, {}, 200, 300_000);
    expect(result).toEqual({ pushed: 6, setAside: 0 });
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const bytes of requests) expect(bytes).toBeLessThanOrEqual(300_000 + 100);
    expect(await countPending(tablet.db)).toBe(0);
  });

  it('sets aside a change larger than any request may be, and sends the rest', async () => {
    const big = await takePhoto(tablet.db, 200_000);
    const small = await takePhoto(tablet.db, 10_000);
    const { transport } = measured(tablet.transport);
    expect(await pushOutbox(tablet.db, transport, {}, 200, 100_000)).toEqual({
      pushed: 1,
      setAside: 1,
    });
    expect(
      (await setAsideSummary(tablet.db)).latest.map((r) => [r.row, r.reason, r.origin]),
    ).toEqual([[big, 'too-large', 'local']]);
    await syncRound(phone.db, phone.transport);
    expect(await phone.db.photos.get(small)).toBeDefined();
    expect(await countPending(tablet.db)).toBe(0);
  });

  it('sets aside a photo too large for the server’s payload limit once encrypted', async () => {
    const shopId = tablet.transport.device.shopId;
    const key = await deriveShopKey('yamamoto-gofuku-1972', shopId, 1_000);
    await service.setEncryption(tablet.transport.device, await makeKeyCheck(key));
    const huge = await takePhoto(tablet.db, 600_000);
    const fine = await takePhoto(tablet.db, 10_000);
    expect(await pushOutbox(tablet.db, tablet.transport, { key, shopId })).toEqual({
      pushed: 1,
      setAside: 1,
    });
    expect((await setAsideSummary(tablet.db)).latest.map((r) => [r.row, r.reason])).toEqual([
      [huge, 'too-large'],
    ]);
    expect((await service.pull(phone.transport.device, 0, 10)).changes.map((c) => c.row)).toEqual([
      fine,
    ]);
  });

  it('sets aside a change the protocol refuses (a field name longer than it allows), and sends the rest', async () => {
    await tablet.db.customers.add({
      id: 'c1',
      createdAt: 1,
      updatedAt: 1,
      name: 'x',
      ['x'.repeat(101)]: 1,
    } as never);
    const fine = await takePhoto(tablet.db, 10_000);
    expect(await pushOutbox(tablet.db, tablet.transport, {})).toEqual({ pushed: 1, setAside: 1 });
    expect((await setAsideSummary(tablet.db)).latest.map((r) => [r.row, r.reason])).toEqual([
      ['c1', 'refused'],
    ]);
    expect((await service.pull(phone.transport.device, 0, 10)).changes.map((c) => c.row)).toEqual([
      fine,
    ]);
  });

  it('sends smaller requests when the server takes less than expected', async () => {
    for (let i = 0; i < 4; i++) await takePhoto(tablet.db, 100_000, i + 1);
    const { transport, requests } = measured(tablet.transport, 300_000);
    expect(await pushOutbox(tablet.db, transport, {}, 200, 3_000_000)).toEqual({
      pushed: 4,
      setAside: 0,
    });
    expect(requests[0]).toBeGreaterThan(300_000);
    expect(requests.at(-1)).toBeLessThanOrEqual(300_000);
  });
});

describe('a change of ours the server refuses', () => {
  it('is set aside once the server has taken others, and "Try again" sends it again', async () => {
    const refused = await takePhoto(tablet.db, 1_000, 1);
    await takePhoto(tablet.db, 1_000, 2);
    await takePhoto(tablet.db, 1_000, 3);
    const { transport } = measured(tablet.transport, Infinity, (c) => c.row === refused);
    expect(await pushOutbox(tablet.db, transport, {})).toEqual({ pushed: 2, setAside: 1 });
    expect((await setAsideSummary(tablet.db)).byReason).toEqual({ refused: 1 });

    // The server is updated and takes it: "Try again" puts it back in the outbox.
    await retrySetAside(tablet.db, {}, true);
    expect(await countPending(tablet.db)).toBe(1);
    expect(await pushOutbox(tablet.db, tablet.transport, {})).toEqual({ pushed: 1, setAside: 0 });
    expect((await setAsideSummary(tablet.db)).total).toBe(0);
  });

  it('is reported, and nothing is set aside, when the server refuses everything', async () => {
    for (let i = 0; i < 5; i++) await takePhoto(tablet.db, 1_000, i + 1);
    const { transport } = measured(tablet.transport, Infinity, () => true);
    await expect(pushOutbox(tablet.db, transport, {})).rejects.toBeInstanceOf(SyncRequestError);
    expect(await countPending(tablet.db)).toBe(5);
    expect((await setAsideSummary(tablet.db)).total).toBe(0);
  });
});
