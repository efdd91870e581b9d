// @vitest-environment node
/**
 * The data layer's side of sync: what the outbox records for the app's own writes, and how
 * changes from other devices land (derived fields recomputed, nothing sent back out).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { consentGrant, customerInput } from '../../../test/support/factories';
import { fillTheDisk, freeTheDisk } from '../../../test/support/full-disk';
import { changeId, type Change } from '../../lib/sync/merge';
import { formatHlc } from '../../lib/sync/hlc';
import { findCustomers, timelineOf } from '../queries';
import { createCustomer, deleteCustomer, updateCustomer } from '../customers/customers';
import { db } from '../db';
import { DaifukuDB } from '../schema';
import { saveSetting } from '../settings';
import { applyRemoteChanges, followLastVisits } from './apply';
import { startCapturing } from './snapshot';
import { readClockState } from './state';
import { deleteVisit, recordVisit } from '../visits/visits';
import { StorageError } from '../errors';
import { entriesIn, CHANGES_PER_ROW, countPending, outboxChanges, outboxRows, pendingChanges, removePushed } from './outbox';
import { importCustomers } from '../import/import';

afterEach(async () => {
  await freeTheDisk();
});

const outbox = () => outboxChanges(db);
const remote = (millis: number, table: string, row: string, set: Change['set']): Change => {
  const hlc = formatHlc({ millis, counter: 0, node: 'ffffffffffffffff' });
  return { id: changeId(hlc, table, row), table, row, hlc, set };
};

describe('a ledger that never syncs', () => {
  it('writes no outbox and no clocks', async () => {
    const id = await createCustomer(customerInput(), consentGrant(), {});
    await recordVisit(id, { at: Date.now(), kind: 'purchase', note: 'Arita vase' }, {});
    await saveSetting('shopName', '呉服 やまもと', {});
    expect(await countPending(db)).toBe(0);
    expect(await db.fieldClocks.count()).toBe(0);
  });
});

describe('capturing the app’s own writes once sync has started', () => {
  it('snapshots what was there, stamped with each row’s own edit time', async () => {
    const id = await createCustomer(customerInput(), undefined, {});
    await saveSetting('shopName', '呉服 やまもと', {});
    const recorded = await startCapturing(db);
    const changes = await outbox();
    expect(recorded).toBe(changes.length);
    const card = changes.find((c) => c.row === id)!;
    expect(card.set).toMatchObject({ name: '田中 花子', reading: 'たなか はなこ', phones: ['+819012345678'] });
    expect(card.set).not.toHaveProperty('searchKeys');
    const row = await db.customers.get(id);
    expect(Number(card.hlc.slice(0, 15))).toBe(row!.updatedAt);
    expect(changes.find((c) => c.table === 'settings' && c.row === 'shopName')?.set).toMatchObject({ value: '呉服 やまもと' });
    // Starting again records nothing twice.
    expect(await startCapturing(db)).toBe(0);
  });

  it('records only the fields an edit changed, in the edit’s own transaction', async () => {
    await startCapturing(db);
    const id = await createCustomer(customerInput(), undefined, {});
    await db.outbox.clear();
    await updateCustomer(id, customerInput({ email: 'hana@example.jp' }), undefined, {});
    const [edit, ...rest] = await outbox();
    expect(rest).toEqual([]);
    expect(Object.keys(edit!.set!).sort()).toEqual(['email', 'updatedAt']);
    // The card was written whole since sync started: it holds the edit's clocks itself.
    expect((await db.customers.get(id))?.rowEdits?.email).toBe(edit!.hlc);
  });

  it('records a visit and nothing for the customer’s derived last visit', async () => {
    await startCapturing(db);
    const id = await createCustomer(customerInput(), undefined, {});
    await db.outbox.clear();
    await recordVisit(id, { at: Date.now(), kind: 'purchase', note: 'Arita vase' }, {});
    expect((await outbox()).map((c) => c.table)).toEqual(['visits']);
  });

  it('records a delete as the deletedAt field', async () => {
    await startCapturing(db);
    const id = await createCustomer(customerInput(), undefined, {});
    await deleteCustomer(id, {});
    const last = (await outbox()).at(-1)!;
    expect(last.set).toMatchObject({ deletedAt: expect.any(Number) });
  });

  it('records nothing when the write fails', async () => {
    await startCapturing(db);
    await fillTheDisk();
    await expect(createCustomer(customerInput(), consentGrant(), {})).rejects.toBeInstanceOf(StorageError);
    expect(await countPending(db)).toBe(0);
  });

  it('syncs a table added later without being told, but not an auto-increment or device-local one', async () => {
    // A later schema version, as another feature might add: follow-ups by id, an audit log by ++id.
    class LaterDB extends DaifukuDB {
      constructor() {
        super('daifuku-later-tables');
        this.version(90).stores({ followUps: 'id, customerId', auditLog: '++id' });
      }
    }
    const later = new LaterDB();
    try {
      await startCapturing(later);
      await later.table('followUps').add({ id: 'f1', customerId: 'c1', kind: 'thank-you', updatedAt: 1 });
      await later.table('auditLog').add({ what: 'exported', at: 1 });
      await later.meta.put({ key: 'lastBackupAt', value: 1 });
      const tables = (await outboxChanges(later)).map((c) => c.table);
      expect(tables).toEqual(['followUps']);
    } finally {
      later.close();
      await later.delete();
    }
  });
});

describe('the outbox of a write of many rows', () => {
  it('keeps an import’s cards together, a few hundred changes to a row, counted and pushed change by change', async () => {
    await startCapturing(db);
    const before = await countPending(db);
    const text = ['name,phone', ...Array.from({ length: 450 }, (_, i) => `客 ${i},090${12_340_000 + i}`)].join('\n');
    const result = await importCustomers(text, { ctx: { staffId: 'staff-1' } });
    expect(result.bad.slice(0, 2)).toEqual([]);
    expect(result.imported).toBe(450);

    const changes = (await outbox()).slice(before);
    expect(changes.filter((c) => c.table === 'customers')).toHaveLength(450);
    expect(await countPending(db)).toBe(before + changes.length);
    // One IndexedDB row for up to CHANGES_PER_ROW changes of the import's transaction.
    expect(await db.outbox.count()).toBeLessThan(before + 10);
    expect(Math.max(...(await db.outbox.toArray()).map((r) => r.size ?? 1))).toBe(CHANGES_PER_ROW);

    // Pushed a part at a time (a request cut short by its byte budget): what is left still waits, in order.
    const all = await pendingChanges(db, 10_000);
    expect(all.map((p) => p.change.id)).toEqual((await outbox()).map((c) => c.id));
    await removePushed(db, all.slice(0, before + 150));
    expect(await countPending(db)).toBe(all.length - before - 150);
    expect((await pendingChanges(db, 1))[0]!.change.id).toBe(all[before + 150]!.change.id);
    await removePushed(db, await pendingChanges(db, 10_000));
    expect(await countPending(db)).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps the clocks a row being added already has, read by range or row by row', async () => {
    await startCapturing(db);
    const earlier = formatHlc({ millis: 1_000, counter: 0, node: 'ffffffffffffffff' });
    const id = (i: number) => `w-${String(i).padStart(3, '0')}`;
    const item = (i: number) => ({ id: id(i), customerId: 'c1', text: `品 ${i}`, status: 'open', updatedAt: 1 });
    // A row purged here before, re-added (its clocks stay), among new ones: one range read finds it.
    await db.fieldClocks.put({ id: `wantedItems/${id(5)}`, clocks: { note: earlier } });
    await db.wantedItems.bulkAdd(Array.from({ length: 20 }, (_, i) => item(i)) as never);
    expect((await db.fieldClocks.get(`wantedItems/${id(5)}`))!.clocks).toMatchObject({ note: earlier, text: expect.any(String) });
    // The others are new rows: each holds its clock itself.
    expect(await db.fieldClocks.get(`wantedItems/${id(6)}`)).toBeUndefined();
    expect(await db.wantedItems.get(id(6))).toHaveProperty('rowClock', expect.any(String));
    // Rows added between many that have clocks: the range holds more than the write, read row by row.
    const added = Array.from({ length: 10 }, (_, i) => 100 + 3 * i);
    const between = Array.from({ length: 28 }, (_, i) => 100 + i).filter((i) => !added.includes(i));
    await db.fieldClocks.bulkPut([...between, 127].map((i) => ({ id: `wantedItems/${id(i)}`, clocks: { note: earlier } })));
    await db.wantedItems.bulkAdd(added.map(item) as never);
    expect((await db.fieldClocks.get(`wantedItems/${id(127)}`))!.clocks).toMatchObject({ note: earlier, text: expect.any(String) });
    expect(await db.fieldClocks.get(`wantedItems/${id(118)}`)).toBeUndefined();
  });

  it('gives a photo’s bytes a row of their own', () => {
    const change = (row: string, set: Change['set']) => remote(1, 'photos', row, set);
    const rows = outboxRows([
      change('p1', { appraisalId: 'a1' }),
      change('p2', { blob: new Blob([new Uint8Array(8)]) }),
      change('p3', { appraisalId: 'a1' }),
      change('p4', { appraisalId: 'a1' }),
    ]);
    expect(rows.map((r) => entriesIn(r).map((c) => c.row))).toEqual([['p1'], ['p2'], ['p3', 'p4']]);
    expect(rows.map((r) => r.size)).toEqual([undefined, undefined, 2]);
  });
});

describe('a row written whole, which holds its own clock', () => {
  it('needs no field clocks row, edited or not, until a pulled change meets it', async () => {
    await startCapturing(db);
    const id = await createCustomer(customerInput(), undefined, {});
    const [created] = (await outbox()).filter((c) => c.row === id);
    expect(await db.fieldClocks.get(`customers/${id}`)).toBeUndefined();
    expect(await db.customers.get(id)).toHaveProperty('rowClock', created!.hlc);
    // Sync started again (a device joining a shop again) counts it as clocked: nothing to record.
    expect(await startCapturing(db)).toBe(0);

    // Edits keep the clocks of what they change in the row too, each field at its latest edit.
    await updateCustomer(id, customerInput({ email: 'hana@example.jp' }), undefined, {});
    const edit = (await outbox()).at(-1)!;
    await updateCustomer(id, customerInput({ email: 'hana@example.jp', about: '振袖の相談' }), undefined, {});
    const later = (await outbox()).at(-1)!;
    expect(later.set).toMatchObject({ about: '振袖の相談' });
    expect(later.set).not.toHaveProperty('email');
    expect(await db.fieldClocks.get(`customers/${id}`)).toBeUndefined();
    const card = (await db.customers.get(id))!;
    expect(card).toMatchObject({ rowClock: created!.hlc, rowEdits: { email: edit.hlc, about: later.hlc, updatedAt: later.hlc } });
    expect(card.rowEdits).not.toHaveProperty('name');
    expect(card.rowEdits).not.toHaveProperty('searchKeys');
    expect(await startCapturing(db)).toBe(0);

    // Another device's change made after the card was written here and before its edits: it wins
    // where the card still stands as written, and loses where an edit here is newer.
    const between = `${created!.hlc.slice(0, -16)}ffffffffffffffff`;
    const change: Change = { id: changeId(between, 'customers', id), table: 'customers', row: id, hlc: between, set: { reading: 'はなこ', email: 'older@example.jp', about: 'older' } };
    await applyRemoteChanges(db, [change]);
    expect(await db.customers.get(id)).toMatchObject({ reading: 'はなこ', email: 'hana@example.jp', about: '振袖の相談' });
    const { clocks } = (await db.fieldClocks.get(`customers/${id}`))!;
    expect(clocks).toMatchObject({ name: created!.hlc, reading: between, phones: created!.hlc, email: edit.hlc, about: later.hlc });
  });

  it('is named in the outbox rather than copied, and pushed with the fields it holds', async () => {
    await startCapturing(db);
    await db.outbox.clear();
    const id = await createCustomer(customerInput({ email: 'hana@example.jp' }), undefined, {});
    const hlc = (await db.customers.get(id))!.rowClock!;
    const [stored] = await db.outbox.toArray();
    expect(stored).toMatchObject({ written: { table: 'customers', rows: [id], hlcs: [hlc] }, size: 1 });
    expect(JSON.stringify(stored)).not.toContain('hana@example.jp');
    expect(await countPending(db)).toBe(1);

    const [pending] = await pendingChanges(db, 10);
    expect(pending!.change).toMatchObject({ id: changeId(hlc, 'customers', id), table: 'customers', row: id, hlc });
    expect(pending!.change.set).toMatchObject({ name: '田中 花子', reading: 'たなか はなこ', email: 'hana@example.jp' });
    expect(pending!.change.set).not.toHaveProperty('searchKeys');
    expect(pending!.change.set).not.toHaveProperty('rowClock');
    await removePushed(db, [pending!]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('leaves to later changes what was written over before the push, its own or another device’s', async () => {
    await startCapturing(db);
    await db.outbox.clear();
    const id = await createCustomer(customerInput(), undefined, {});
    const hlc = (await db.customers.get(id))!.rowClock!;
    const millis = Number(hlc.slice(0, 15));
    // A field the new card lacked, set on another device just before: its value arrives at that
    // device's time, and must not go out again at this card's (later) time, where it would win
    // over a change a third device made in between.
    await applyRemoteChanges(db, [remote(millis - 1_000, 'customers', id, { birthday: '1980-04-01' })]);
    await updateCustomer(id, customerInput({ email: 'hana@example.jp' }), undefined, {});
    const [created, edit, ...rest] = (await pendingChanges(db, 10)).map((p) => p.change);
    expect(rest).toEqual([]);
    expect(created!.hlc).toBe(hlc);
    expect(created!.set).toMatchObject({ name: '田中 花子', reading: 'たなか はなこ' });
    expect(created!.set).not.toHaveProperty('birthday');
    expect(created!.set).not.toHaveProperty('email');
    expect(created!.set).not.toHaveProperty('updatedAt');
    expect(edit!.set).toMatchObject({ email: 'hana@example.jp', updatedAt: expect.any(Number) });
  });

  it('sends only the purge of a row erased before it was pushed, and leaves nothing waiting', async () => {
    await startCapturing(db);
    await db.outbox.clear();
    await db.wantedItems.add({ id: 'w-1', customerId: 'c1', text: '九谷焼の皿', status: 'open', updatedAt: 1 } as never);
    await db.wantedItems.add({ id: 'w-2', customerId: 'c1', text: '鉄瓶', status: 'open', updatedAt: 1 } as never);
    await db.wantedItems.delete('w-1');
    expect(await countPending(db)).toBe(3);
    const pending = await pendingChanges(db, 10);
    expect(pending.map((p) => [p.change.row, p.change.purge ?? p.change.set?.text])).toEqual([
      ['w-2', '鉄瓶'],
      ['w-1', true],
    ]);
    // What had nothing left to send is gone from the outbox already.
    expect(await countPending(db)).toBe(2);
    await removePushed(db, pending);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps its place among changes when a push sends only part of a row of them', async () => {
    await startCapturing(db);
    await db.outbox.clear();
    await db.wantedItems.bulkAdd(Array.from({ length: 5 }, (_, i) => ({ id: `w-${i}`, customerId: 'c1', text: `品 ${i}`, status: 'open', updatedAt: 1 })) as never);
    const all = await pendingChanges(db, 10);
    await removePushed(db, all.slice(0, 2));
    const rest = await pendingChanges(db, 10);
    expect(rest.map((p) => p.change.id)).toEqual(all.slice(2).map((p) => p.change.id));
    expect(rest.map((p) => p.change.set?.text)).toEqual(['品 2', '品 3', '品 4']);
  });

  it('keeps its clock through a write that changes none of its synced fields', async () => {
    await startCapturing(db);
    const id = await createCustomer(customerInput(), undefined, {});
    const held = (await db.customers.get(id))!.rowClock;
    const pending = await countPending(db);
    // A derived field only, as a visit recorded elsewhere moves a card's last visit.
    await db.transaction('rw', db.customers, async () => {
      const card = (await db.customers.get(id))!;
      const { rowClock: _held, ...rest } = card;
      await db.customers.put({ ...rest, lastVisitAt: 5_000 });
    });
    expect(await db.customers.get(id)).toMatchObject({ rowClock: held, lastVisitAt: 5_000 });
    expect(await db.fieldClocks.get(`customers/${id}`)).toBeUndefined();
    expect(await countPending(db)).toBe(pending);
  });

  it('meets a pulled change field by field, as any other row', async () => {
    await startCapturing(db);
    const id = await createCustomer(customerInput(), undefined, {});
    const hlc = (await db.customers.get(id))!.rowClock!;
    const millis = Number(hlc.slice(0, 15));
    // This device now has rows that hold their clocks: a pull reads the rows that have no clocks row.
    expect(await readClockState(db)).toMatchObject({ rowClocks: true });
    await applyRemoteChanges(db, [
      remote(millis + 1_000, 'customers', id, { email: 'later@example.jp' }),
      remote(millis - 1_000, 'customers', id, { name: 'older name', reading: 'おーるど' }),
    ]);
    const card = await db.customers.get(id);
    expect(card).toMatchObject({ name: '田中 花子', reading: 'たなか はなこ', phones: ['+819012345678'], email: 'later@example.jp' });
    const { clocks } = (await db.fieldClocks.get(`customers/${id}`))!;
    expect(clocks.name).toBe(hlc);
    expect((clocks.email ?? '') > hlc).toBe(true);
    expect(await countPending(db)).toBe(1);
  });
});

describe('changes from other devices', () => {
  it('land with their search index and sort key, and are not sent back out', async () => {
    await startCapturing(db);
    await db.outbox.clear();
    await applyRemoteChanges(db, [
      remote(1_000, 'customers', 'c1', { createdAt: 1_000, updatedAt: 1_000, name: '渡辺美咲', reading: 'わたなべ みさき', phones: [], email: '', handles: [], address: '', tags: [], about: '' }),
      remote(2_000, 'visits', 'v1', { createdAt: 2_000, updatedAt: 2_000, customerId: 'c1', at: 2_000, kind: 'purchase', note: '抹茶茶碗' }),
    ]);
    expect((await findCustomers('watanabe')).map((m) => m.customer.id)).toEqual(['c1']);
    expect(await db.customers.get('c1')).toMatchObject({ sortKey: 'わたなべみさき', lastVisitAt: 2_000, activityAt: 2_000 });
    expect((await timelineOf('c1')).map((v) => v.note)).toEqual(['抹茶茶碗']);
    expect(await countPending(db)).toBe(0);
  });

  it('move a card’s last visit once at the end of a long pull, not on every page', async () => {
    await startCapturing(db);
    const customer = remote(1_000, 'customers', 'c1', { createdAt: 1_000, updatedAt: 1_000, name: 'John Smith', reading: '', phones: [], email: '', handles: [], address: '', tags: [], about: '' });
    await applyRemoteChanges(db, [customer]);
    const visit = (id: string, at: number) => remote(at, 'visits', id, { createdAt: at, updatedAt: at, customerId: 'c1', at, kind: 'purchase', note: id });
    await applyRemoteChanges(db, [visit('v1', 5_000)]);
    await applyRemoteChanges(db, [visit('v2', 7_000)]);
    expect((await db.customers.get('c1'))?.lastVisitAt).toBeUndefined();
    await followLastVisits(db);
    expect(await db.customers.get('c1')).toMatchObject({ lastVisitAt: 7_000, activityAt: 7_000 });
  });

  it.each([
    ['at the counter', () => deleteCustomer('c1', {})],
    [
      'in another tab',
      // Another tab's app writes the cards' stamp with every card it writes (ledger-stamp.ts).
      async () => {
        const tab = new DaifukuDB(db.name);
        await tab.open();
        await tab.customers.update('c1', { deletedAt: 9_000 });
        tab.close();
      },
    ],
  ])('leave a pulled sale out of the day totals once its card is deleted between two pages (%s)', async (_, deleteTheCard) => {
    await startCapturing(db);
    await applyRemoteChanges(db, [
      remote(1_000, 'customers', 'c1', { createdAt: 1_000, updatedAt: 1_000, name: 'John Smith', reading: '', phones: [], email: '', handles: [], address: '', tags: [], about: '' }),
    ]);
    const day = Date.UTC(2026, 4, 10, 3);
    const sale = (id: string, amount: number) =>
      remote(day + amount, 'visits', id, { createdAt: day, updatedAt: day, customerId: 'c1', at: day, kind: 'purchase', amount, note: id });
    const sales = async () => (await db.moneyByDay.toArray()).reduce((sum, d) => sum + d.sale, 0);
    await applyRemoteChanges(db, [sale('v1', 3_000)]);
    // The page before found the card there: this one is told so rather than reading it again.
    await applyRemoteChanges(db, [sale('v2', 4_000)]);
    expect(await sales()).toBe(7_000);
    await deleteTheCard();
    await applyRemoteChanges(db, [sale('v3', 5_000)]);
    expect(await sales()).toBe(0);
  });

  it('read the card’s visits again when the noted last visit was deleted meanwhile', async () => {
    await startCapturing(db);
    const id = await createCustomer(customerInput(), undefined, {});
    const own = await recordVisit(id, { at: 3_000, kind: 'purchase', note: 'kept' }, {});
    await applyRemoteChanges(db, [remote(Date.now() + 10, 'visits', 'v9', { createdAt: 9_000, updatedAt: 9_000, customerId: id, at: 9_000, kind: 'purchase', note: 'gone' })]);
    await deleteVisit('v9', {});
    await followLastVisits(db);
    expect((await db.customers.get(id))?.lastVisitAt).toBe(3_000);
    expect(own).toBeTruthy();
  });

  it('leave search and lists when they delete a card', async () => {
    await startCapturing(db);
    const create = remote(1_000, 'customers', 'c1', { createdAt: 1_000, updatedAt: 1_000, name: 'John Smith', reading: '', phones: [], email: '', handles: [], address: '', tags: [], about: '' });
    await applyRemoteChanges(db, [create, remote(3_000, 'customers', 'c1', { deletedAt: 3_000, updatedAt: 3_000 })]);
    expect(await findCustomers('john')).toEqual([]);
    expect(await db.customers.get('c1')).toMatchObject({ searchKeys: [], deletedAt: 3_000 });
    expect(await db.customers.get('c1')).not.toHaveProperty('sortKey');
  });

  it('apply the fields this version knows and set aside the ones from a newer version', async () => {
    await startCapturing(db);
    const id = await createCustomer(customerInput(), undefined, {});
    await applyRemoteChanges(db, [remote(Date.now() + 1, 'customers', id, { about: 'Likes Arita ware', nickname: 'Hana-chan' })]);
    expect(await db.customers.get(id)).toMatchObject({ about: 'Likes Arita ware' });
    expect(await db.customers.get(id)).not.toHaveProperty('nickname');
    const settingRow = remote(Date.now() + 2, 'settings', 'shopName', { value: '呉服', updatedAt: 1, note: 'from a newer version' });
    await applyRemoteChanges(db, [settingRow]);
    expect(await db.settings.get('shopName')).toMatchObject({ value: '呉服' });
    const setAside = await db.syncSetAside.toArray();
    expect(setAside.map((r) => [r.table, r.reason, r.fields])).toEqual([
      ['customers', 'newer-version', ['nickname']],
      ['settings', 'newer-version', ['note']],
    ]);
    // Kept whole, to apply after an update.
    expect(setAside[0]?.change?.set).toMatchObject({ nickname: 'Hana-chan' });
  });

  it('set aside tables this version does not have, without failing the rest', async () => {
    await startCapturing(db);
    const result = await applyRemoteChanges(db, [
      remote(1_000, 'giftCards', 'g1', { note: 'a gift card, in a table a later version adds' }),
      remote(1_000, 'staff', 's9', { name: '佐々木', role: 'staff', createdAt: 1_000, updatedAt: 1_000 }),
    ]);
    expect(result).toEqual({ applied: 1, setAside: 1 });
    expect((await db.syncSetAside.toArray()).map((r) => [r.table, r.reason])).toEqual([['giftCards', 'newer-version']]);
    expect((await db.staff.get('s9'))?.name).toBe('佐々木');
  });

  it('wait for the next round when the disk is full, and nothing is set aside', async () => {
    await startCapturing(db);
    await fillTheDisk();
    const card = remote(1_000, 'customers', 'c1', { createdAt: 1_000, updatedAt: 1_000, name: 'John Smith', reading: '', phones: [], email: '', handles: [], address: '', tags: [], about: '' });
    await expect(applyRemoteChanges(db, [card], { cursor: 1, tables: [] })).rejects.toBeTruthy();
    expect(await db.syncSetAside.count()).toBe(0);
    expect(await db.syncState.get('progress')).toBeUndefined();
    await freeTheDisk();
    await applyRemoteChanges(db, [card], { cursor: 1, tables: [] });
    expect((await db.customers.get('c1'))?.name).toBe('John Smith');
  });
});
