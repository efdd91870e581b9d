// @vitest-environment node
/**
 * One bad change cannot stop sync. Another device of the shop (or whoever holds its token, or the
 * relay itself) puts a change on the server that this device cannot apply: the wrong type, a table
 * from a newer version, an edit to a record the buy-in ledger must keep, a payload that does not
 * open, a clock at the end of time. The change is set aside with its reason, the cursor moves past
 * it, and every good change around it still arrives, on this round and every later one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  openReplicaDatabases,
  pairedShop,
  wipe,
  type Replica,
} from '../../test/support/sync-replicas';
import type { WireChange } from '../../server/sync/protocol';
import type { SyncService } from '../../server/sync/service';
import { DaifukuDB } from '../db/schema';
import { createCustomer } from '../../test/support/sync-replicas';
import { setAsideSummary } from '../db/sync/set-aside';
import { readClockState, readProgress } from '../db/sync/state';
import { encryptText, deriveShopKey, makeKeyCheck, sealChange } from './crypto';
import { APPLY_SLICE_IDLE, retrySetAside, syncRound, toWire, type SyncKeys } from './engine';
import { SyncHttpApi } from './http-api';
import { formatHlc, isHlc, MAX_MILLIS, parseHlc } from '../lib/sync/hlc';
import { changeId, type Json } from '../lib/sync/merge';
import { outboxChanges } from '../db/sync/outbox';

const NODE = 'eeeeeeeeeeeeeeee';
let counter = 0;

function stamp(millis = Date.now()): string {
  counter = (counter + 1) % 0xffff;
  return formatHlc({ millis, counter, node: NODE });
}

/** A change as another device's app (or someone holding its token) would push it. */
function wire(table: string, row: string, set: Record<string, unknown>, hlc = stamp()): WireChange {
  return {
    id: changeId(hlc, table, row),
    table,
    row,
    hlc,
    payload: { set: set as Record<string, Json> },
  };
}

const card = (name: string, at = Date.now()) => ({
  name,
  reading: '',
  phones: [],
  email: '',
  handles: [],
  address: '',
  tags: [],
  about: '',
  talkAbout: [],
  createdAt: at,
  updatedAt: at,
});

let shops = 0;
let service: SyncService;
let counterTablet: Replica;
let otherDevice: Replica;

beforeEach(async () => {
  shops += 1;
  const dbs = await openReplicaDatabases(2, `bad-changes-${shops}`);
  for (const db of dbs) await wipe(db);
  const shop = await pairedShop(dbs);
  service = shop.service;
  [counterTablet, otherDevice] = shop.replicas as [Replica, Replica];
});

afterEach(async () => {
  vi.useRealTimers();
  for (const replica of [counterTablet, otherDevice]) {
    replica.db.close();
    await replica.db.delete();
  }
});

/**
 * What the other device puts on the server, as it is, bypassing its app and the server's own checks
 * (a relay of another make, or one of an older version, may store what ours refuses).
 */
async function onServer(...changes: WireChange[]): Promise<void> {
  const device = otherDevice.transport.device;
  await service.storage.appendChanges(
    device.shopId,
    device.id,
    changes.map(({ id, table, row, hlc, payload }) => ({ id, table, row, hlc, payload: JSON.stringify(payload) })),
    Number.MAX_SAFE_INTEGER,
  );
}

async function names(db: DaifukuDB): Promise<string[]> {
  return (await db.customers.toArray()).map((c) => c.name).sort();
}

describe('a change this device cannot apply', () => {
  it('is set aside with its reason, and the cards before and after it still arrive, now and on every later round', async () => {
    await onServer(
      wire('customers', 'c-before', card('田中 花子')),
      // An object where the timeline's index expects a time.
      wire('visits', 'v-poison', {
        customerId: 'c-before',
        at: { $gt: '' },
        kind: 'purchase',
        note: 'x',
        createdAt: 1,
        updatedAt: 1,
      }),
      wire('customers', 'c-after', card('John Smith')),
    );
    const result = await syncRound(counterTablet.db, counterTablet.transport);
    expect(result).toMatchObject({ pulled: 3, setAside: 1 });
    expect(await names(counterTablet.db)).toEqual(['John Smith', '田中 花子']);
    expect(await counterTablet.db.visits.count()).toBe(0);

    const summary = await setAsideSummary(counterTablet.db);
    expect(summary.byReason).toEqual({ invalid: 1 });
    expect(summary.latest[0]).toMatchObject({
      table: 'visits',
      row: 'v-poison',
      reason: 'invalid',
      fields: ['at'],
      origin: 'pulled',
    });
    // The cursor is past all three: the next round reads nothing again, and does not fail.
    expect((await readProgress(counterTablet.db)).cursor).toBe(3);
    await onServer(wire('customers', 'c-later', card('鈴木 一郎')));
    expect(await syncRound(counterTablet.db, counterTablet.transport)).toMatchObject({
      pulled: 1,
      setAside: 0,
    });
    expect(await names(counterTablet.db)).toEqual(['John Smith', '田中 花子', '鈴木 一郎']);
    expect((await setAsideSummary(counterTablet.db)).total).toBe(1);
  });

  it('in a page longer than one slice of applying, stops only itself: every card of the page arrives and the cursor passes the whole page', async () => {
    // Nobody uses a screen here: the slices are the large ones.
    const total = APPLY_SLICE_IDLE + 10;
    const poisonAt = APPLY_SLICE_IDLE + 5;
    const changes = Array.from({ length: total }, (_, i) =>
      i === poisonAt
        ? wire('customers', `c-${i}`, { ...card('x'), name: 42 })
        : wire('customers', `c-${i}`, card(`客 ${String(i).padStart(3, '0')}`)),
    );
    await onServer(...changes);
    const result = await syncRound(counterTablet.db, counterTablet.transport);
    expect(result).toMatchObject({ pulled: total, setAside: 1 });
    expect(await counterTablet.db.customers.count()).toBe(total - 1);
    expect((await readProgress(counterTablet.db)).cursor).toBe(total);
    expect(await syncRound(counterTablet.db, counterTablet.transport)).toMatchObject({ pulled: 0, setAside: 0 });
  });

  it.each([
    // As JSON.parse gives it: `__proto__` as a key of its own, not a prototype.
    [
      'a __proto__ field',
      () =>
        JSON.parse(
          `{"__proto__":{"isOwner":true},${JSON.stringify(card('Prototype')).slice(1)}`,
        ) as object,
      '__proto__',
    ],
    ['a name that is a number', () => ({ ...card('x'), name: 42 }), 'name'],
    [
      'a name of three million characters',
      () => ({ ...card('x'), name: 'あ'.repeat(3_000_000) }),
      'name',
    ],
    [
      'a handle whose value is an object',
      () => ({ ...card('x'), handles: [{ kind: 'line', value: { nested: true } }] }),
      'handles',
    ],
    ['a phone list that is a string', () => ({ ...card('x'), phones: '+819012345678' }), 'phones'],
    [
      'a photo in place of a name',
      () => ({ ...card('x'), name: { $binary: 'blob', type: 'image/jpeg', base64: 'AAAA' } }),
      'name',
    ],
    [
      'a malformed photo',
      () => ({ ...card('x'), name: { $binary: 'blob', type: 'image/jpeg', base64: '%%%' } }),
      undefined,
    ],
  ])('with %s is set aside whole, and nothing of it is stored', async (_what, set, field) => {
    await onServer(
      wire('customers', 'c-hostile', set() as Record<string, unknown>),
      wire('customers', 'c-good', card('田中 花子')),
    );
    await syncRound(counterTablet.db, counterTablet.transport);
    expect(await names(counterTablet.db)).toEqual(['田中 花子']);
    expect(await counterTablet.db.customers.get('c-hostile')).toBeUndefined();
    const [row] = (await setAsideSummary(counterTablet.db)).latest;
    expect(row).toMatchObject({ row: 'c-hostile', reason: 'invalid' });
    if (field) expect(row!.fields).toEqual([field]);
    expect(({} as Record<string, unknown>).isOwner).toBeUndefined();
  });

  it('that sets the stage rules outside what an owner may set is set aside, and the shop keeps its rules', async () => {
    await onServer(
      wire('settings', 'stageRules', {
        value: { regularMinVisits: 0, regularWindowDays: -5, lapseFactor: 1e300, lapseMinDays: 60 },
        updatedAt: Date.now(),
      }),
      wire('settings', 'shopName', { value: '呉服 やまもと', updatedAt: Date.now() }),
    );
    await syncRound(counterTablet.db, counterTablet.transport);
    expect(await counterTablet.db.settings.get('stageRules')).toBeUndefined();
    expect((await counterTablet.db.settings.get('shopName'))?.value).toBe('呉服 やまもと');
    expect((await setAsideSummary(counterTablet.db)).latest[0]).toMatchObject({
      row: 'stageRules',
      reason: 'invalid',
      fields: ['value'],
    });
  });

  it('for a table this version does not have is set aside as from a newer version, and arrives after the update', async () => {
    await onServer(
      wire('giftCards', 'g1', { balance: 5000, createdAt: 1, updatedAt: 1 }),
      wire('customers', 'c1', card('田中 花子')),
    );
    await syncRound(counterTablet.db, counterTablet.transport);
    expect(await names(counterTablet.db)).toEqual(['田中 花子']);
    expect((await setAsideSummary(counterTablet.db)).byReason).toEqual({ 'newer-version': 1 });

    // The app updates: the same database, opened by a version that has gift cards.
    const name = counterTablet.db.name;
    counterTablet.db.close();
    class WithGiftCards extends DaifukuDB {
      constructor() {
        super(name);
        this.version(90).stores({ giftCards: 'id' });
      }
    }
    const updated = new WithGiftCards();
    counterTablet = { ...counterTablet, db: updated };
    await syncRound(updated, counterTablet.transport);
    expect(await updated.table('giftCards').get('g1')).toMatchObject({ balance: 5000 });
    expect((await setAsideSummary(updated)).total).toBe(0);
  });

  it('applies what this version knows of a change from a newer version, and sets aside the fields it does not know', async () => {
    await onServer(wire('customers', 'c1', { ...card('田中 花子'), nickname: 'Hana-chan' }));
    await syncRound(counterTablet.db, counterTablet.transport);
    const stored = await counterTablet.db.customers.get('c1');
    expect(stored).toMatchObject({ name: '田中 花子' });
    expect(stored).not.toHaveProperty('nickname');
    expect((await setAsideSummary(counterTablet.db)).latest[0]).toMatchObject({
      reason: 'newer-version',
      fields: ['nickname'],
    });
  });

  it('sets aside a visit of a kind this version does not know, as from a newer version', async () => {
    await onServer(
      wire('visits', 'v1', {
        customerId: 'c1',
        at: 1,
        kind: 'repair',
        note: '帯の修理',
        createdAt: 1,
        updatedAt: 1,
      }),
    );
    await syncRound(counterTablet.db, counterTablet.transport);
    expect(await counterTablet.db.visits.count()).toBe(0);
    expect((await setAsideSummary(counterTablet.db)).latest[0]).toMatchObject({
      reason: 'newer-version',
      fields: ['kind'],
    });
  });

  it('that edits a buy-in record the law keeps is set aside, and the record stays as it was written', async () => {
    const at = Date.now();
    const entry = {
      kind: 'buy-in',
      customerId: 'c1',
      transactedAt: at,
      items: [
        {
          category: 'game-software',
          description: 'Mario Kart 8 Deluxe',
          features: 'serial HAC-0042',
          quantity: 1,
          price: 2500,
        },
      ],
      total: 2500,
      rule: { required: true, byTotal: false, categories: ['game-software'] },
      visitId: 'v1',
      searchText: 'mario kart',
      createdAt: at,
      updatedAt: at,
    };
    await onServer(wire('ledgerEntries', 'l1', entry));
    await syncRound(counterTablet.db, counterTablet.transport);
    expect(await counterTablet.db.ledgerEntries.get('l1')).toMatchObject({ total: 2500 });

    await onServer(
      wire('ledgerEntries', 'l1', { total: 1, updatedAt: at + 1 }),
      wire('customers', 'c2', card('John Smith')),
    );
    await onServer({
      id: changeId(stamp(), 'ledgerEntries', 'l1'),
      table: 'ledgerEntries',
      row: 'l1',
      hlc: stamp(),
      payload: { purge: true },
    });
    await syncRound(counterTablet.db, counterTablet.transport);
    expect(await counterTablet.db.ledgerEntries.get('l1')).toMatchObject({
      total: 2500,
      items: entry.items,
    });
    expect(await names(counterTablet.db)).toEqual(['John Smith']);
    expect((await setAsideSummary(counterTablet.db)).byReason).toEqual({ 'ledger-kept': 2 });
  });

  it('that does not even match the protocol is set aside, and the page around it applies', async () => {
    const good = { ...wire('customers', 'c1', card('田中 花子')), seq: 1 };
    const bad = {
      seq: 2,
      id: 'x',
      table: 'customers',
      row: 'c2',
      hlc: 'not a clock',
      payload: { set: {} },
    };
    const page = { changes: [good, bad], cursor: 2, more: false, keyCheck: null };
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(JSON.stringify(page), { headers: { 'Content-Type': 'application/json' } }),
    );
    try {
      const api = new SyncHttpApi('http://shop.test', 'a-token-of-twenty-characters');
      const relay = {
        push: counterTablet.transport.push.bind(counterTablet.transport),
        pull: api.pull.bind(api),
      };
      await syncRound(counterTablet.db, relay);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(await names(counterTablet.db)).toEqual(['田中 花子']);
    expect(
      (await setAsideSummary(counterTablet.db)).latest.map((r) => [r.row, r.reason, r.seq]),
    ).toEqual([['c2', 'invalid', 2]]);
    expect((await readProgress(counterTablet.db)).cursor).toBe(2);
  });

  it('that fails to save for a reason no check foresaw is set aside, and the rest of its page arrives', async () => {
    counterTablet.db.visits.hook('creating', (_key, visit) => {
      if (visit.note === 'breaks the hook') throw new TypeError('a bug this change runs into');
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await onServer(
      wire('customers', 'c1', card('田中 花子')),
      wire('visits', 'v1', {
        customerId: 'c1',
        at: 1,
        kind: 'purchase',
        note: 'breaks the hook',
        createdAt: 1,
        updatedAt: 1,
      }),
      wire('visits', 'v2', {
        customerId: 'c1',
        at: 2,
        kind: 'purchase',
        note: 'Arita vase',
        createdAt: 2,
        updatedAt: 2,
      }),
    );
    await syncRound(counterTablet.db, counterTablet.transport);
    expect((await counterTablet.db.visits.toArray()).map((v) => v.note)).toEqual(['Arita vase']);
    expect((await setAsideSummary(counterTablet.db)).latest.map((r) => [r.row, r.reason])).toEqual([
      ['v1', 'apply-failed'],
    ]);
    expect((await readProgress(counterTablet.db)).cursor).toBe(3);
  });
});

describe('a clock from elsewhere', () => {
  it('at the end of time is set aside, and this device’s clock and its own writes carry on', async () => {
    const poisoned = formatHlc({ millis: MAX_MILLIS, counter: 0xffff, node: NODE });
    await onServer(
      wire('customers', 'c-far', card('Far future'), poisoned),
      wire('customers', 'c1', card('田中 花子')),
    );
    await syncRound(counterTablet.db, counterTablet.transport);
    expect(await names(counterTablet.db)).toEqual(['田中 花子']);
    expect((await setAsideSummary(counterTablet.db)).byReason).toEqual({ 'clock-ahead': 1 });
    const clock = await readClockState(counterTablet.db);
    expect(parseHlc(clock!.hlc!).millis).toBeLessThan(Date.now() + 60_000);

    await createCustomer(counterTablet.db, 'John Smith');
    const [pending] = await outboxChanges(counterTablet.db);
    expect(isHlc(pending!.hlc)).toBe(true);
    expect(await syncRound(counterTablet.db, counterTablet.transport)).toMatchObject({ pushed: 1 });
  });

  it('two days ahead (a tablet with its date set wrong) arrives once that day comes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const now = Date.UTC(2026, 4, 1, 9, 0);
    vi.setSystemTime(now);
    const twoDaysOn = now + 2 * 24 * 3_600_000;
    await onServer(wire('customers', 'c-ahead', card('Ahead'), stamp(twoDaysOn)));
    await syncRound(counterTablet.db, counterTablet.transport);
    expect(await names(counterTablet.db)).toEqual([]);
    expect((await setAsideSummary(counterTablet.db)).byReason).toEqual({ 'clock-ahead': 1 });

    vi.setSystemTime(now + 25 * 3_600_000);
    await syncRound(counterTablet.db, counterTablet.transport);
    expect(await names(counterTablet.db)).toEqual(['Ahead']);
    expect((await setAsideSummary(counterTablet.db)).total).toBe(0);
  });
});

describe('in a shop that encrypts', () => {
  const ROUNDS = 1_000;
  let keys: SyncKeys;

  beforeEach(async () => {
    const shopId = counterTablet.transport.device.shopId;
    const key = await deriveShopKey('yamamoto-gofuku-1972', shopId, ROUNDS);
    await service.setEncryption(counterTablet.transport.device, await makeKeyCheck(key));
    keys = { key, shopId };
  });

  const sealed = (table: string, row: string, set: Record<string, Json>) =>
    toWire({ id: '', table, row, hlc: stamp(), set }, keys);

  it('a customer’s ciphertext moved onto another row by the relay is set aside, not applied', async () => {
    const hanako = await sealed('customers', 'c-hanako', card('田中 花子'));
    const john = await sealed('customers', 'c-john', card('John Smith'));
    // The relay swaps the payloads: each row now carries the other customer's ciphertext.
    const moved = {
      ...john,
      id: changeId(john.hlc, 'customers', 'c-john'),
      payload: hanako.payload,
    };
    const good = await sealed('customers', 'c-ichiro', card('鈴木 一郎'));
    await onServer({ ...hanako, id: changeId(hanako.hlc, 'customers', 'c-hanako') }, moved, {
      ...good,
      id: changeId(good.hlc, 'customers', 'c-ichiro'),
    });
    await syncRound(counterTablet.db, counterTablet.transport, keys);
    expect(await names(counterTablet.db)).toEqual(['田中 花子', '鈴木 一郎']);
    expect(await counterTablet.db.customers.get('c-john')).toBeUndefined();
    expect((await setAsideSummary(counterTablet.db)).latest.map((r) => [r.row, r.reason])).toEqual([
      ['c-john', 'undecodable'],
    ]);
  });

  it('a ciphertext moved to another time of the same row does not open either', async () => {
    const original = await sealed('customers', 'c1', card('田中 花子'));
    const later = stamp(Date.now() + 1_000);
    await onServer({ ...original, hlc: later, id: changeId(later, 'customers', 'c1') });
    await syncRound(counterTablet.db, counterTablet.transport, keys);
    expect((await setAsideSummary(counterTablet.db)).byReason).toEqual({ undecodable: 1 });
  });

  it('a payload sealed before payloads were bound to their rows still opens', async () => {
    const hlc = stamp();
    const legacy = await encryptText(keys.key!, JSON.stringify({ set: card('田中 花子') }));
    await onServer({
      id: changeId(hlc, 'customers', 'c1'),
      table: 'customers',
      row: 'c1',
      hlc,
      payload: { enc: legacy },
    });
    await syncRound(counterTablet.db, counterTablet.transport, keys);
    expect(await names(counterTablet.db)).toEqual(['田中 花子']);
  });

  it('a payload that does not open, or opens to something that is not a change, is set aside', async () => {
    const hlc = [stamp(), stamp(), stamp()];
    const notAChange = await sealChange(keys.key!, JSON.stringify(['not', 'a', 'payload']), {
      shopId: keys.shopId!,
      table: 'customers',
      row: 'c2',
      hlc: hlc[1]!,
    });
    const good = await sealed('customers', 'c3', card('John Smith'));
    await onServer(
      {
        id: changeId(hlc[0]!, 'customers', 'c1'),
        table: 'customers',
        row: 'c1',
        hlc: hlc[0]!,
        payload: { enc: '2.bm90IGNpcGhlcnRleHQgYXQgYWxs' },
      },
      {
        id: changeId(hlc[1]!, 'customers', 'c2'),
        table: 'customers',
        row: 'c2',
        hlc: hlc[1]!,
        payload: { enc: notAChange },
      },
      { ...good, id: changeId(good.hlc, 'customers', 'c3') },
    );
    await syncRound(counterTablet.db, counterTablet.transport, keys);
    expect(await names(counterTablet.db)).toEqual(['John Smith']);
    expect((await setAsideSummary(counterTablet.db)).byReason).toEqual({ undecodable: 2 });
  });

  it('a readable payload, which no device of the shop writes, is set aside', async () => {
    // The server refuses plain pushes to a shop that encrypts; a relay could still serve one.
    const page = {
      changes: [{ ...wire('customers', 'c1', card('Planted')), seq: 1 }],
      cursor: 1,
      more: false,
      keyCheck: await makeKeyCheck(keys.key!),
    };
    const relay = {
      push: counterTablet.transport.push.bind(counterTablet.transport),
      pull: async () => page,
    };
    await syncRound(counterTablet.db, relay, keys);
    expect(await names(counterTablet.db)).toEqual([]);
    expect((await setAsideSummary(counterTablet.db)).byReason).toEqual({
      'unexpected-encryption': 1,
    });
  });
});

describe('Try again', () => {
  it('tries every set-aside change again, and applies those that can be now', async () => {
    await onServer(wire('customers', 'c1', card('田中 花子')));
    await syncRound(counterTablet.db, counterTablet.transport);
    // As an older version would have set it aside (it did not know photos, say): today it applies.
    const change = {
      id: changeId(stamp(), 'customers', 'c2'),
      table: 'customers',
      row: 'c2',
      hlc: stamp(),
      set: card('John Smith'),
    };
    await counterTablet.db.syncSetAside.put({
      key: `pulled:${change.id}`,
      origin: 'pulled',
      reason: 'apply-failed',
      at: 1,
      rules: 'older',
      table: 'customers',
      row: 'c2',
      hlc: change.hlc,
      change,
    });
    expect(await retrySetAside(counterTablet.db, {}, true)).toBe(1);
    expect(await names(counterTablet.db)).toEqual(['John Smith', '田中 花子']);
    expect((await setAsideSummary(counterTablet.db)).total).toBe(0);
  });
});
