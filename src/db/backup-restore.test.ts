// @vitest-environment node
import type { DBCore, Middleware } from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../../test/support/database';
import { consentGrant, customerInput } from '../../test/support/factories';
import { ledgerV1, MISAKI } from '../../test/support/fixtures/ledger-v1';
import { quotaExceeded } from '../../test/support/full-disk';
import { BackupFileError } from '../lib/backup-format';
import { WrongPassphraseError } from '../lib/backup-crypto';
import { exportBackup, lastBackupAt } from './backup';
import { createCustomer, deleteCustomer, updateCustomer } from './customers';
import { db } from './db';
import { OwnerOnlyError, StorageError } from './errors';
import { findCustomers, timelineOf } from './queries';
import { PassphraseNeededError, readBackupText, recoverInterruptedRestore, RESTORE_BATCH, restoreBackup } from './restore';
import { addStaff, ensureFirstStaff } from './staff';
import { recordVisit } from './visits';

const SYNCED_TABLES = ['customers', 'visits', 'consents', 'staff', 'settings', 'suppressions'] as const;

async function theOwner() {
  await ensureFirstStaff('店主');
  const owner = (await db.staff.toArray()).find((s) => s.role === 'owner' && !s.deletedAt)!;
  return { staffId: owner.id };
}

async function snapshot() {
  const tables: Record<string, unknown[]> = {};
  for (const table of SYNCED_TABLES) {
    tables[table] = await db.table(table).toArray();
  }
  return tables;
}

/** A brand-new device: an empty ledger with its own first owner. */
async function freshDevice() {
  await resetDatabase();
  return theOwner();
}

afterEach(async () => {
  db.close();
  for (const name of ['test-full-disk-restore']) db.unuse({ stack: 'dbcore', name });
  await db.open();
});

const PHONES = ['090-1234-5678', '080-2345-6789', '03-1234-5678', '+1 415 555 2671'];
const NAMES = ['田中 花子', '渡辺美咲', 'John Smith', '🐶 ポチの飼い主さん', '佐藤 一郎', 'Ōno Ai'];

const arbitraryCustomer = fc.record({
  name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0)),
  reading: fc.constantFrom('', 'たなか はなこ', 'ワタナベ ミサキ', 'じょん'),
  phones: fc.subarray(PHONES, { maxLength: 2 }),
  email: fc.constantFrom('', 'hana@example.jp', 'x.y+z@example.co.jp'),
  about: fc.string({ unit: 'grapheme', maxLength: 60 }),
  tags: fc.array(fc.constantFrom('常連', 'VIP', '着物'), { maxLength: 3 }),
  birthday: fc.constantFrom('', '1985-05-17', '--02-29'),
  visits: fc.array(
    fc.record({
      at: fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2030, 0, 1) }),
      kind: fc.constantFrom('purchase', 'buy-in', 'appraisal', 'consultation', 'other'),
      amount: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined }),
      note: fc.string({ unit: 'grapheme', maxLength: 40 }),
    }),
    { maxLength: 3 },
  ),
  consent: fc.boolean(),
  deleted: fc.boolean(),
});

describe('backing up and restoring the whole ledger', () => {
  it('restores any ledger into a new device with nothing lost', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryCustomer, { maxLength: 6 }), async (customers) => {
        const owner = await freshDevice();
        await addStaff('佐々木', 'staff', owner);
        for (const c of customers) {
          const { visits, consent, deleted, ...fields } = c;
          const id = await createCustomer(customerInput(fields), consent ? consentGrant({ channels: ['mail', 'sms'] }) : undefined, owner);
          for (const visit of visits) await recordVisit(id, visit, owner);
          if (consent && c.email) await updateCustomer(id, customerInput(fields), consentGrant({ channels: ['sms'] }), owner);
          if (deleted) await deleteCustomer(id, owner);
        }
        const before = await snapshot();
        const audit = await db.audit.toArray();
        const file = await exportBackup(owner);

        const newDevice = await freshDevice();
        await restoreBackup(await readBackupText(file.text), 'replace', newDevice);

        expect(await snapshot()).toEqual(before);
        const restoredAudit = await db.audit.toArray();
        expect(restoredAudit).toEqual(expect.arrayContaining(audit));
        expect(restoredAudit.map((a) => a.action)).toContain('restore');
      }),
      { numRuns: 12 },
    );
  }, 60_000);

  it('makes restored cards findable by the search box again', async () => {
    const owner = await theOwner();
    await createCustomer(customerInput(), undefined, owner);
    const file = await exportBackup(owner);
    await restoreBackup(await readBackupText(file.text), 'replace', await freshDevice());
    expect((await findCustomers('tanaka')).map((m) => m.customer.name)).toEqual(['田中 花子']);
    expect((await findCustomers('5678')).length).toBe(1);
  });

  it('encrypts a backup with a passphrase and opens it only with that passphrase', async () => {
    const owner = await theOwner();
    await createCustomer(customerInput({ about: '秘密のメモ' }), undefined, owner);
    const file = await exportBackup(owner, { passphrase: '大福 2026 spring' });
    expect(file.fileName).toMatch(/^daifuku-backup-\d{4}-\d{2}-\d{2}\.encrypted\.json$/);
    expect(file.text).not.toContain('田中');
    expect(file.text).not.toContain('秘密');

    await expect(readBackupText(file.text)).rejects.toBeInstanceOf(PassphraseNeededError);
    await expect(readBackupText(file.text, 'wrong')).rejects.toBeInstanceOf(WrongPassphraseError);
    const backup = await readBackupText(file.text, '大福 2026 spring');
    expect(backup.tables.customers.map((c) => c.about)).toEqual(['秘密のメモ']);
  });

  it('refuses a file that is not a backup, or comes from a newer app', async () => {
    await expect(readBackupText('name,phone\n田中,090')).rejects.toMatchObject({ problem: 'notJson' });
    await expect(readBackupText('{"customers": []}')).rejects.toMatchObject({ problem: 'notBackup' });
    const newer = JSON.stringify({ format: 'daifuku-backup', formatVersion: 1, schemaVersion: 99, exportedAt: 0, tables: {} });
    await expect(readBackupText(newer)).rejects.toBeInstanceOf(BackupFileError);
    await expect(readBackupText(newer)).rejects.toMatchObject({ problem: 'newerSchema' });
  });

  it('remembers the last backup and writes it in the audit log', async () => {
    const owner = await theOwner();
    expect(await lastBackupAt()).toBeUndefined();
    await exportBackup(owner);
    expect(await lastBackupAt()).toBeGreaterThan(0);
    expect(await db.audit.toArray()).toEqual([expect.objectContaining({ action: 'backup-export', staffId: owner.staffId })]);
  });

  it('lets only an owner export or restore', async () => {
    const owner = await theOwner();
    const staff = { staffId: await addStaff('佐々木', 'staff', owner) };
    await expect(exportBackup(staff)).rejects.toBeInstanceOf(OwnerOnlyError);
    await expect(exportBackup({})).rejects.toBeInstanceOf(OwnerOnlyError);
    const backup = await readBackupText((await exportBackup(owner)).text);
    await expect(restoreBackup(backup, 'replace', staff)).rejects.toBeInstanceOf(OwnerOnlyError);
  });
});

describe('a backup made by an older version', () => {
  const v1File = JSON.stringify({
    format: 'daifuku-backup',
    formatVersion: 1,
    schemaVersion: 1,
    exportedAt: Date.UTC(2026, 2, 5),
    tables: ledgerV1.tables,
  });

  it('restores every row, indexed for today’s search, with earlier withdrawals on the do-not-contact list', async () => {
    await restoreBackup(await readBackupText(v1File), 'replace', await theOwner());
    for (const table of ['customers', 'visits', 'consents', 'staff', 'settings'] as const) {
      expect(await db.table(table).count(), table).toBe(ledgerV1.tables[table]!.length);
    }
    expect((await findCustomers('watanabe')).map((m) => m.customer.id)).toEqual([MISAKI]);
    expect(await findCustomers('さとう')).toEqual([]);
    expect(await db.suppressions.toArray()).toEqual([expect.objectContaining({ channel: 'sms', reason: 'withdrawn' })]);
  });
});

describe('merging a backup into a ledger in use', () => {
  it('keeps the newer side of each card, adds what is missing and removes nothing', async () => {
    const owner = await theOwner();
    const hanako = await createCustomer(customerInput(), undefined, owner);
    const file = await exportBackup(owner);

    // After the backup: Hanako's card is edited and someone new arrives.
    await updateCustomer(hanako, customerInput({ about: 'newer than the backup' }), undefined, owner);
    const ichiro = await createCustomer(customerInput({ name: '佐藤 一郎', reading: 'さとう いちろう', phones: [] }), undefined, owner);

    // The backup also knows a customer this ledger lost.
    const backup = await readBackupText(file.text);
    const lost = { ...backup.tables.customers[0]!, id: 'lost-card', name: '鈴木 慎一', reading: 'すずき しんいち', phones: [] };
    backup.tables.customers.push(lost);
    backup.tables.visits.push({ id: 'lost-visit', customerId: 'lost-card', at: Date.UTC(2026, 5, 1), kind: 'purchase', note: '茶碗', createdAt: 1, updatedAt: 1 });

    const result = await restoreBackup(backup, 'merge', owner);
    expect((await db.customers.get(hanako))?.about).toBe('newer than the backup');
    expect(await db.customers.get(ichiro)).toBeTruthy();
    expect((await findCustomers('suzuki')).map((m) => m.customer.id)).toEqual(['lost-card']);
    expect((await db.customers.get('lost-card'))?.lastVisitAt).toBe(Date.UTC(2026, 5, 1));
    expect(result.kept).toBeGreaterThan(0);
  });

  it('replacing removes cards that are not in the backup', async () => {
    const owner = await theOwner();
    await createCustomer(customerInput(), undefined, owner);
    const file = await exportBackup(owner);
    await createCustomer(customerInput({ name: '佐藤 一郎', reading: 'さとう いちろう', phones: [] }), undefined, owner);
    const result = await restoreBackup(await readBackupText(file.text), 'replace', owner);
    expect((await db.customers.toArray()).map((c) => c.name)).toEqual(['田中 花子']);
    expect(result.removed).toBeGreaterThanOrEqual(1);
  });
});

describe('a restore that does not finish', () => {
  /** A backup big enough to take several batches. */
  async function bigBackup(owner: { staffId: string }) {
    const backup = await readBackupText((await exportBackup(owner)).text);
    const template = backup.tables.customers[0]!;
    for (let i = 0; i < RESTORE_BATCH * 2 + 10; i++) {
      backup.tables.customers.push({ ...template, id: `restored-${i}`, name: `顧客 ${i}`, phones: [] });
    }
    return backup;
  }

  it('is rolled back at the next start when the tab died midway, leaving the ledger as it was', async () => {
    const owner = await theOwner();
    const hanako = await createCustomer(customerInput({ about: 'before the restore' }), undefined, owner);
    await recordVisit(hanako, { at: Date.UTC(2026, 3, 1), kind: 'purchase', note: '花瓶' }, owner);
    const backup = await bigBackup(owner);
    backup.tables.customers[0] = { ...backup.tables.customers[0]!, about: 'from the backup', updatedAt: Date.now() + 1000 };
    const before = await snapshot();

    const dying = restoreBackup(backup, 'replace', owner, ({ done, total }) => {
      // The tab is closed two batches into the cards: its connection goes away mid-restore.
      if (done > RESTORE_BATCH && done < total) db.close();
    });
    await expect(dying).rejects.toBeInstanceOf(StorageError);

    await db.open();
    // Half a restore is on disk: the first batch of cards, not the rest.
    expect(await db.customers.count()).toBe(RESTORE_BATCH);
    expect(await recoverInterruptedRestore(Date.now() + 120_000)).toBe('rolled-back');
    expect(await snapshot()).toEqual(before);
    expect((await timelineOf(hanako)).map((v) => v.note)).toEqual(['花瓶']);
    expect(await db.restoreJournal.count()).toBe(0);
    expect(await recoverInterruptedRestore()).toBe('none');
  });

  it('is rolled back at once when the disk fills up midway, and says the disk is full', async () => {
    const owner = await theOwner();
    await createCustomer(customerInput(), undefined, owner);
    const backup = await bigBackup(owner);
    const before = await snapshot();

    let customerWrites = 0;
    const fillsUp: Middleware<DBCore> = {
      stack: 'dbcore',
      name: 'test-full-disk-restore',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (name !== 'customers') return table;
          return {
            ...table,
            mutate: (req) => (req.type === 'put' && ++customerWrites > 1 ? Promise.reject(quotaExceeded()) : table.mutate(req)),
          };
        },
      }),
    };
    db.close();
    db.use(fillsUp);
    await db.open();

    await expect(restoreBackup(backup, 'merge', owner)).rejects.toMatchObject({ name: 'StorageError', kind: 'quota' });
    expect(await snapshot()).toEqual(before);
    expect(await db.restoreJournal.count()).toBe(0);
    expect(await db.meta.get('restoreInProgress')).toBeUndefined();
  });

  it('is left alone while another window may still be writing it', async () => {
    const owner = await theOwner();
    await db.meta.put({
      key: 'restoreInProgress',
      value: { phase: 'writing', mode: 'merge', startedAt: Date.now(), touchedAt: Date.now(), done: 0, total: 10 },
    });
    expect(await recoverInterruptedRestore()).toBe('running');
    await expect(restoreBackup(await readBackupText((await exportBackup(owner)).text), 'merge', owner)).rejects.toThrow(
      /another window/,
    );
  });
});
