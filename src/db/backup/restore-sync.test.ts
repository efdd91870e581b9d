// @vitest-environment node
/**
 * A restore on a tablet that syncs with the owner's phone, through the real sync service: what the
 * outbox carries, and what each device holds after both have synced.
 */
import type { DBCore, Middleware } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerInput } from '../../../test/support/factories';
import { quotaExceeded } from '../../../test/support/full-disk';
import { createCustomer as createOnPhone, editCustomer, pairedShop, type Replica } from '../../../test/support/sync-replicas';
import { BackupFileError } from '../../lib/backup-format';
import type { OpenedBackup } from '../../lib/backup-reader';
import { formatHlc } from '../../lib/sync/hlc';
import { changeId, PURGED, type Change } from '../../lib/sync/merge';
import { syncRound } from '../../sync/engine';
import { exportBackup } from './backup';
import { auditEntry } from '../audit';
import { createCustomer, updateCustomer } from '../customers/customers';
import { db } from '../db';
import { openBackup, planRestore, recoverInterruptedRestore, restoreBackup } from './restore';
import { bringBackRestoreRemovals, undoableRestores } from './restore-undo';
import { DaifukuDB } from '../schema';
import { ensureFirstStaff } from '../staff/staff';
import { applyRemoteChanges } from '../sync/apply';
import { recordVisit } from '../visits/visits';
import { countPending, outboxChanges } from '../sync/outbox';

let phoneDb: DaifukuDB;
let tablet: Replica;
let phone: Replica;
let owner: { staffId: string };

beforeEach(async () => {
  await ensureFirstStaff('店主');
  owner = { staffId: (await db.staff.toArray())[0]!.id };
  phoneDb = new DaifukuDB(`restore-sync-phone-${Math.random()}`);
  await phoneDb.open();
});

afterEach(async () => {
  phoneDb.close();
  await phoneDb.delete();
});

async function startShop() {
  [tablet, phone] = (await pairedShop([db, phoneDb])).replicas as [Replica, Replica];
  await syncBoth();
}

async function syncBoth() {
  // Twice round: each device pushes, then pulls what the other pushed.
  for (let i = 0; i < 2; i++) {
    await syncRound(tablet.db, tablet.transport);
    await syncRound(phone.db, phone.transport);
  }
}

const outbox = () => outboxChanges(db);

/** What the phone does after the backup: a new card and an audit entry of its own. */
async function phoneWorksOn() {
  const ichiro = await createOnPhone(phoneDb, '佐藤 一郎');
  const audit = auditEntry('csv-export', { updatedAt: Date.now(), deviceId: 'phone' }, undefined, { rows: 2 });
  await phoneDb.audit.add(audit);
  return { ichiro, auditId: audit.id };
}

describe('“replace” on a tablet that syncs', () => {
  it('marks cards made on the phone since the backup deleted on both devices instead of erasing them, and keeps every audit entry', async () => {
    const hanako = await createCustomer(customerInput({ about: 'in the backup' }), undefined, owner);
    await startShop();
    const file = await exportBackup(owner);
    const { ichiro, auditId } = await phoneWorksOn();
    await editCustomer(phoneDb, hanako, { about: 'changed on the phone after the backup' });
    await syncBoth();
    expect(await db.customers.get(ichiro)).toBeTruthy();

    const plan = await planRestore(await openBackup(file.blob), 'replace');
    expect(plan).toMatchObject({ syncing: true, removed: 1, customers: { removed: 1, changed: 1 } });
    await db.outbox.clear();
    const result = await restoreBackup(await openBackup(file.blob), 'replace', owner);
    expect(result).toMatchObject({ removed: 1, markedDeleted: 1 });

    const sent = await outbox();
    expect(sent.filter((c) => c.purge)).toEqual([]);
    expect(sent.find((c) => c.row === ichiro)?.set).toMatchObject({ deletedAt: expect.any(Number), removedByRestore: result.restoreId });
    expect(sent.find((c) => c.row === hanako)?.set).toMatchObject({ about: 'in the backup' });

    await syncBoth();
    for (const device of [db, phoneDb]) {
      const card = await device.customers.get(ichiro);
      // Which restore marked it travels too: the phone can bring the card back as well as the tablet.
      expect(card, device.name).toMatchObject({ name: '佐藤 一郎', deletedAt: expect.any(Number), removedByRestore: result.restoreId });
      expect((await device.fieldClocks.get(`customers/${ichiro}`))?.clocks[PURGED], device.name).toBeUndefined();
      expect((await device.customers.get(hanako))?.about, device.name).toBe('in the backup');
      expect(await device.audit.get(auditId), device.name).toBeTruthy();
      expect(await device.audit.get(result.restoreId), device.name).toMatchObject({ action: 'restore' });
    }

    // Any device can see what the restore marked, and bring it back everywhere.
    expect(await undoableRestores()).toEqual([expect.objectContaining({ id: result.restoreId, markedDeleted: 1 })]);
    expect(await bringBackRestoreRemovals(result.restoreId, owner)).toBe(1);
    await syncBoth();
    for (const device of [db, phoneDb]) {
      const card = await device.customers.get(ichiro);
      expect(card?.deletedAt, device.name).toBeUndefined();
      expect(card, device.name).not.toHaveProperty('removedByRestore');
    }
    expect(await undoableRestores()).toEqual([]);
  });

  it('marks deleted on the phone too a card the tablet made since the backup, which holds its own clock', async () => {
    await startShop();
    const file = await exportBackup(owner);
    const jiro = await createCustomer(customerInput({ name: '鈴木 次郎', reading: 'すずき じろう', phones: ['090-5555-0101'] }), undefined, owner);
    // Written whole while syncing: its clock is in the row, no field clocks row of its own.
    expect(await db.fieldClocks.get(`customers/${jiro}`)).toBeUndefined();
    expect(await db.customers.get(jiro)).toHaveProperty('rowClock');
    // An edit since keeps its clocks in the row as well.
    const edited = { name: '鈴木 次郎', reading: 'すずき じろう', phones: ['090-5555-0101'], email: 'jiro@example.jp' };
    await updateCustomer(jiro, customerInput(edited), undefined, owner);
    expect(await db.customers.get(jiro)).toHaveProperty('rowEdits.email', expect.any(String));
    // No backup carries those clocks: they are this device's bookkeeping.
    const later = await openBackup((await exportBackup(owner)).blob);
    const backedUp = [];
    for await (const batch of later.batches()) backedUp.push(...batch.rows);
    expect(backedUp.find((row) => row.id === jiro)).toMatchObject({ name: '鈴木 次郎' });
    expect(backedUp.filter((row) => 'rowClock' in row || 'rowEdits' in row)).toEqual([]);
    await syncBoth();
    expect(await phoneDb.customers.get(jiro)).toMatchObject({ name: '鈴木 次郎', email: 'jiro@example.jp' });
    expect(await phoneDb.customers.get(jiro)).not.toHaveProperty('rowClock');
    expect(await phoneDb.customers.get(jiro)).not.toHaveProperty('rowEdits');

    const result = await restoreBackup(await openBackup(file.blob), 'replace', owner);
    expect(result).toMatchObject({ markedDeleted: 1 });
    expect((await outbox()).find((c) => c.row === jiro)?.set).toMatchObject({ deletedAt: expect.any(Number) });
    await syncBoth();
    for (const device of [db, phoneDb]) {
      expect(await device.customers.get(jiro), device.name).toMatchObject({ name: '鈴木 次郎', deletedAt: expect.any(Number) });
    }
  });

  it('sends nothing at all when the restore fails midway, and leaves the ledger as it was', async () => {
    const hanako = await createCustomer(customerInput(), undefined, owner);
    await startShop();
    const file = await exportBackup(owner);
    const { ichiro } = await phoneWorksOn();
    await syncBoth();
    await db.outbox.clear();
    const before = { hanako: await db.customers.get(hanako), ichiro: await db.customers.get(ichiro) };

    const opened = await openBackup(file.blob);
    const failing: OpenedBackup = {
      ...opened,
      batches: async function* () {
        yield* opened.batches();
        throw new BackupFileError('damaged', 42);
      },
    };
    await expect(restoreBackup(failing, 'replace', owner)).rejects.toMatchObject({ problem: 'damaged' });
    expect(await countPending(db)).toBe(0);
    expect(await db.customers.get(hanako)).toEqual(before.hanako);
    expect(await db.customers.get(ichiro)).toEqual(before.ichiro);
    await syncBoth();
    expect((await phoneDb.customers.get(ichiro))?.deletedAt).toBeUndefined();
  });
});

describe('another device’s edit that lands while a restore runs', () => {
  /** The phone's edit of Hanako's note, as the tablet's sync pull would apply it. */
  function phoneEdit(hanako: string, about: string): Change {
    const hlc = formatHlc({ millis: Date.now() + 1, counter: 0, node: 'ffffffffffffffff' });
    return { id: changeId(hlc, 'customers', hanako), table: 'customers', row: hanako, hlc, set: { about } };
  }

  /** A backup whose restore lets a pull land right after the cards are written. */
  function pullingMidway(opened: OpenedBackup, pull: () => Promise<unknown>, fail: boolean): OpenedBackup {
    return {
      ...opened,
      batches: async function* () {
        for await (const batch of opened.batches()) {
          yield batch;
          if (batch.table === 'customers') await pull();
        }
        if (fail) throw new BackupFileError('damaged', 7);
      },
    };
  }

  it('is kept when the restore is rolled back', async () => {
    const hanako = await createCustomer(customerInput({ about: 'first note' }), undefined, owner);
    await startShop();
    const file = await exportBackup(owner);
    await updateCustomer(hanako, customerInput({ email: 'hana@example.jp', about: 'second note' }), undefined, owner);
    const opened = pullingMidway(await openBackup(file.blob), () => applyRemoteChanges(db, [phoneEdit(hanako, 'from the phone')]), true);

    await expect(restoreBackup(opened, 'replace', owner)).rejects.toBeInstanceOf(BackupFileError);
    // The restore's own change (the email, back to none) is taken back; the phone's note stays.
    expect(await db.customers.get(hanako)).toMatchObject({ email: 'hana@example.jp', about: 'from the phone' });
  });

  it('is not sent back out as the restore’s when the restore commits', async () => {
    const hanako = await createCustomer(customerInput({ about: 'first note' }), undefined, owner);
    await recordVisit(hanako, { at: Date.now(), kind: 'purchase', note: '花瓶' }, owner);
    await startShop();
    const file = await exportBackup(owner);
    await updateCustomer(hanako, customerInput({ email: 'hana@example.jp', about: 'second note' }), undefined, owner);
    await db.outbox.clear();
    const opened = pullingMidway(await openBackup(file.blob), () => applyRemoteChanges(db, [phoneEdit(hanako, 'from the phone')]), false);

    await restoreBackup(opened, 'replace', owner);
    const sent = (await outbox()).filter((c) => c.row === hanako);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.set).toMatchObject({ email: '' });
    expect(sent[0]!.set).not.toHaveProperty('about');
    expect((await db.customers.get(hanako))?.about).toBe('from the phone');
  });
});

describe('a restore on a tablet that syncs, cut short after it committed', () => {
  const NAME = 'test-outbox-full';
  afterEach(async () => {
    db.close();
    db.unuse({ stack: 'dbcore', name: NAME });
    await db.open();
  });

  it('is not rolled back, and finishes sending its changes at the next start', async () => {
    await createCustomer(customerInput(), undefined, owner);
    await startShop();
    const file = await exportBackup(owner);
    const { ichiro } = await phoneWorksOn();
    await syncBoth();
    await db.outbox.clear();
    // The disk fills just as the committed restore turns its journal into changes to send.
    const outboxFull: Middleware<DBCore> = {
      stack: 'dbcore',
      name: NAME,
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (name !== 'outbox') return table;
          return { ...table, mutate: (req) => (req.type === 'add' ? Promise.reject(quotaExceeded()) : table.mutate(req)) };
        },
      }),
    };
    db.close();
    db.use(outboxFull);
    await db.open();
    await expect(restoreBackup(await openBackup(file.blob), 'replace', owner)).rejects.toMatchObject({ name: 'StorageError', kind: 'quota' });
    expect((await db.customers.get(ichiro))?.deletedAt).toEqual(expect.any(Number));
    // Only the restore's audit entry went out with its commit; none of its rows yet.
    expect((await outbox()).map((c) => c.table)).toEqual(['audit']);

    db.close();
    db.unuse({ stack: 'dbcore', name: NAME });
    await db.open();
    expect(await recoverInterruptedRestore(Date.now() + 120_000)).toBe('finished');
    expect((await outbox()).find((c) => c.row === ichiro)?.set).toMatchObject({ deletedAt: expect.any(Number) });
    await syncBoth();
    expect((await phoneDb.customers.get(ichiro))?.deletedAt).toEqual(expect.any(Number));
  });
});
