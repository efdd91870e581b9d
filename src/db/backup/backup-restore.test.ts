// @vitest-environment node
import type { DBCore, Middleware } from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../../../test/support/database';
import { consentGrant, customerInput } from '../../../test/support/factories';
import { ledgerV1, MISAKI } from '../../../test/support/fixtures/ledger-v1';
import { quotaExceeded } from '../../../test/support/full-disk';
import { BackupFileError } from '../../lib/backup-format';
import { WrongPassphraseError } from '../../lib/backup-crypto';
import { exportBackup, lastBackupAt } from './backup';
import { createCustomer, deleteCustomer, updateCustomer } from '../customers/customers';
import { db } from '../db';
import { OwnerOnlyError, StorageError } from '../errors';
import { findCustomers, getCustomer, timelineOf } from '../queries';
import { loadBackup, openBackup, PassphraseNeededError, recoverInterruptedRestore, RESTORE_BATCH, restoreBackup } from './restore';
import { addStaff, ensureFirstStaff } from '../staff/staff';
import { recordVisit } from '../visits/visits';
import { fixtureBytes, fixtureText } from '../../../test/support/fixture-files';
import { importCustomers } from '../import/import';
import { buyInWithPhoto, photoBytes } from '../../../test/support/shop-records';
import { deletePersonalData } from '../privacy/personal-data';
import { syncedTableNames } from '../sync/tables';

const SYNCED_TABLES = ['customers', 'visits', 'consents', 'staff', 'settings', 'suppressions'] as const;

const openText = (text: string, passphrase?: string) => openBackup(new Blob([text]), passphrase);

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
        await restoreBackup(await openBackup(file.blob), 'replace', newDevice);

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
    await restoreBackup(await openBackup(file.blob), 'replace', await freshDevice());
    expect((await findCustomers('tanaka')).map((m) => m.customer.name)).toEqual(['田中 花子']);
    expect((await findCustomers('5678')).length).toBe(1);
  });

  it('keeps a card imported from a POS as it was: its member number finds it, its counted visits stay', async () => {
    const owner = await theOwner();
    await importCustomers(fixtureBytes('square-customers.csv'), { ctx: owner });
    const [before] = await findCustomers('M-00123');
    const file = await exportBackup(owner);
    await restoreBackup(await openBackup(file.blob), 'replace', await freshDevice());
    const [after] = await findCustomers('M-00123');
    expect(await getCustomer(after!.customer.id)).toMatchObject({
      name: '田中 花子',
      memberNumber: 'M-00123',
      visitsBefore: before!.customer.visitsBefore,
      lastVisitAt: before!.customer.lastVisitAt,
    });
  });

  it('encrypts a backup with a passphrase and opens it only with that passphrase', async () => {
    const owner = await theOwner();
    await createCustomer(customerInput({ about: '秘密のメモ' }), undefined, owner);
    const file = await exportBackup(owner, { passphrase: '大福 2026 spring' });
    expect(file.fileName).toMatch(/^daifuku-backup-\d{4}-\d{2}-\d{2}\.encrypted\.json$/);
    const text = await file.blob.text();
    expect(text).not.toContain('田中');
    expect(text).not.toContain('秘密');

    await expect(openBackup(file.blob)).rejects.toBeInstanceOf(PassphraseNeededError);
    await expect(openBackup(file.blob, 'wrong')).rejects.toBeInstanceOf(WrongPassphraseError);
    const backup = await loadBackup(file.blob, '大福 2026 spring');
    expect(backup.tables.customers!.map((c) => c.about)).toEqual(['秘密のメモ']);
  });

  it('refuses a file that is not a backup, or comes from a newer app', async () => {
    await expect(openText('name,phone\n田中,090')).rejects.toMatchObject({ problem: 'notJson' });
    await expect(openText('{"customers": []}')).rejects.toMatchObject({ problem: 'notBackup' });
    const newer = JSON.stringify({ format: 'daifuku-backup', formatVersion: 1, schemaVersion: 99, exportedAt: 0, tables: {} });
    await expect(openText(newer)).rejects.toBeInstanceOf(BackupFileError);
    await expect(openText(newer)).rejects.toMatchObject({ problem: 'newerSchema' });
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
    const backup = await openBackup((await exportBackup(owner)).blob);
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
    await restoreBackup(await openText(v1File), 'replace', await theOwner());
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
    const backup = await loadBackup(file.blob);
    const lost = { ...backup.tables.customers![0]!, id: 'lost-card', name: '鈴木 慎一', reading: 'すずき しんいち', phones: [] };
    backup.tables.customers!.push(lost);
    backup.tables.visits!.push({ id: 'lost-visit', customerId: 'lost-card', at: Date.UTC(2026, 5, 1), kind: 'purchase', note: '茶碗', createdAt: 1, updatedAt: 1 });

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
    const result = await restoreBackup(await openBackup(file.blob), 'replace', owner);
    expect((await db.customers.toArray()).map((c) => c.name)).toEqual(['田中 花子']);
    expect(result.removed).toBeGreaterThanOrEqual(1);
  });
});

describe('a restore that does not finish', () => {
  /** A backup big enough to take several batches. */
  async function bigBackup(owner: { staffId: string }) {
    const backup = await loadBackup((await exportBackup(owner)).blob);
    const template = backup.tables.customers![0]!;
    for (let i = 0; i < RESTORE_BATCH * 2 + 10; i++) {
      backup.tables.customers!.push({ ...template, id: `restored-${i}`, name: `顧客 ${i}`, phones: [] });
    }
    return backup;
  }

  it('is rolled back at the next start when the tab died midway, leaving the ledger as it was', async () => {
    const owner = await theOwner();
    const hanako = await createCustomer(customerInput({ about: 'before the restore' }), undefined, owner);
    await recordVisit(hanako, { at: Date.UTC(2026, 3, 1), kind: 'purchase', note: '花瓶' }, owner);
    const backup = await bigBackup(owner);
    backup.tables.customers![0] = { ...backup.tables.customers![0]!, about: 'from the backup', updatedAt: Date.now() + 1000 };
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
    await expect(restoreBackup(await openBackup((await exportBackup(owner)).blob), 'merge', owner)).rejects.toThrow(
      /another window/,
    );
  });
});

/** Every synced table as stored, photos as their bytes (Blobs do not compare by content). */
async function everySyncedTable(except: readonly string[] = []) {
  const tables: Record<string, unknown[]> = {};
  for (const name of syncedTableNames(db.core.schema)) {
    if (except.includes(name)) continue;
    const rows = (await db.table(name).toArray()) as Record<string, unknown>[];
    tables[name] = await Promise.all(
      rows.map(async (row) => {
        const plain: Record<string, unknown> = { ...row };
        for (const [field, value] of Object.entries(row)) {
          if (value instanceof Blob) plain[field] = { type: value.type, bytes: [...new Uint8Array(await value.arrayBuffer())] };
        }
        return plain;
      }),
    );
  }
  return tables;
}

describe('a backup carries every shared table', () => {
  it('holds every table that syncs, read from the schema, so a table added later cannot be left out', async () => {
    const owner = await theOwner();
    const file = await exportBackup(owner);
    const { tables } = JSON.parse(await file.blob.text()) as { tables: Record<string, unknown[]> };
    expect(Object.keys(tables).sort()).toEqual(syncedTableNames(db.core.schema).sort());
    for (const local of ['meta', 'restoreJournal', 'outbox', 'fieldClocks', 'syncState']) expect(tables).not.toHaveProperty(local);
  });

  it('owner restores a backup on a new tablet and finds the 古物台帳, the photo, the reminder and the caution history', async () => {
    const owner = await theOwner();
    const sale = await buyInWithPhoto(owner);
    const before = await everySyncedTable(['audit']);
    for (const table of ['ledgerEntries', 'appraisals', 'photos', 'followUps', 'cautionHistory', 'visits']) {
      expect(before[table]!.length, table).toBeGreaterThan(0);
    }
    const file = await exportBackup(owner);

    const tablet = await freshDevice();
    await restoreBackup(await openBackup(file.blob), 'replace', tablet);

    expect(await everySyncedTable(['audit'])).toEqual(before);
    const photo = await db.photos.get(sale.photoId);
    expect(photo?.blob).toBeInstanceOf(Blob);
    expect(new Uint8Array(await photo!.blob.arrayBuffer())).toEqual(photoBytes(4096, '田中 花子'.length));
    expect(photo?.blob.type).toBe('image/jpeg');
    expect((await db.ledgerEntries.get(sale.ledgerEntryId))?.items[0]?.photoId).toBe(sale.photoId);
  });

  it('writes one row per line, so any JSON reader opens the file and the app reads it a line at a time', async () => {
    const owner = await theOwner();
    await buyInWithPhoto(owner);
    const text = await (await exportBackup(owner)).blob.text();
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\{"format":"daifuku-backup","formatVersion":2,"schemaVersion":\d+,.*"tables":\{$/);
    expect(lines.at(-1)).toBe('}}');
    const photoLine = lines.find((l) => l.includes('"$blob"'))!;
    expect(JSON.parse(photoLine.replace(/^,/, ''))).toMatchObject({ blob: { $blob: expect.any(String), type: 'image/jpeg' } });
  });

  it('encrypts photos too, a megabyte at a time, and opens them only with the passphrase', async () => {
    const owner = await theOwner();
    // Base64 of 1.6 MB makes the backup span three encrypted chunks.
    const sale = await buyInWithPhoto(owner, 1_600_000);
    const file = await exportBackup(owner, { passphrase: 'sakura', iterations: 1000 });
    const text = await file.blob.text();
    expect(text.split('\n').length).toBeGreaterThan(4);
    expect(text).not.toContain('田中');
    await expect(openBackup(file.blob, 'ume')).rejects.toBeInstanceOf(WrongPassphraseError);

    const tablet = await freshDevice();
    await restoreBackup(await openBackup(file.blob, 'sakura'), 'replace', tablet);
    const photo = await db.photos.get(sale.photoId);
    // Buffer.equals, not toEqual: a deep comparison of 1.6 million elements takes tens of seconds.
    const restored = Buffer.from(await photo!.blob.arrayBuffer());
    expect(restored.length).toBe(1_600_000);
    expect(restored.equals(Buffer.from(photoBytes(1_600_000, '田中 花子'.length)))).toBe(true);
  });
});

describe('a backup file written before every table was in it (format 1)', () => {
  it('still restores its cards, visits, consents, do-not-contact list and audit log', async () => {
    const file = fixtureText('backup-format1.json');
    const original = JSON.parse(file) as { tables: Record<string, unknown[]> };
    const opened = await openText(file);
    expect(opened.summary).toMatchObject({ customers: 2, visits: 1, staff: 2, consents: 3 });
    await restoreBackup(opened, 'replace', await theOwner());
    for (const table of ['customers', 'visits', 'consents', 'staff', 'settings', 'suppressions']) {
      expect(await db.table(table).toArray(), table).toEqual(expect.arrayContaining((original.tables[table] as object[]).map((r) => expect.objectContaining(r))));
    }
    expect((await findCustomers('satou')).map((m) => m.customer.name)).toEqual(['佐藤 一郎']);
    expect(await db.audit.count()).toBe(original.tables.audit!.length + 1);
  });

  it('still opens when it was encrypted', async () => {
    const file = fixtureText('backup-format1.encrypted.json');
    await expect(openText(file)).rejects.toBeInstanceOf(PassphraseNeededError);
    const opened = await openText(file, 'sakura');
    expect(opened.summary.customers).toBe(2);
  });
});

describe('a file the app cannot trust', () => {
  async function withLedger() {
    const owner = await theOwner();
    const sale = await buyInWithPhoto(owner);
    return { owner, sale, file: await exportBackup(owner) };
  }

  it('refuses a backup from a newer app before writing anything, plain or encrypted', async () => {
    const { owner, file } = await withLedger();
    const lines = (await file.blob.text()).split('\n');
    const before = await everySyncedTable();
    const newerFormat = [lines[0]!.replace('"formatVersion":2', '"formatVersion":3'), ...lines.slice(1)].join('\n');
    await expect(openText(newerFormat)).rejects.toMatchObject({ problem: 'newerFormat' });
    const newerSchema = [lines[0]!.replace(/"schemaVersion":\d+/, '"schemaVersion":99'), ...lines.slice(1)].join('\n');
    await expect(openText(newerSchema)).rejects.toMatchObject({ problem: 'newerSchema' });
    const encrypted = await (await exportBackup(owner, { passphrase: 'sakura', iterations: 1000 })).blob.text();
    await expect(openText(encrypted.replace('"formatVersion":2', '"formatVersion":3'), 'sakura')).rejects.toMatchObject({ problem: 'newerFormat' });
    expect(await everySyncedTable(['audit'])).toEqual(Object.fromEntries(Object.entries(before).filter(([t]) => t !== 'audit')));
  });

  it('says which line of a damaged file is wrong, and one cut short is incomplete', async () => {
    const { file } = await withLedger();
    const lines = (await file.blob.text()).split('\n');
    const damaged = [...lines];
    damaged[4] = '{"id": "half a row';
    await expect(openText(damaged.join('\n'))).rejects.toMatchObject({ problem: 'damaged', line: 5 });
    await expect(openText(lines.slice(0, lines.length - 6).join('\n'))).rejects.toMatchObject({ problem: 'incomplete' });
  });

  it('refuses rows that cannot be stored: no key, a date that is not a date, a “photo” that is a web page', async () => {
    const { file } = await withLedger();
    const lines = (await file.blob.text()).split('\n');
    const at = (needle: string) => lines.findIndex((l) => l.includes(needle));
    const customer = at('"reading"');
    const photo = at('"$blob"');
    const variants = [
      lines.map((l, i) => (i === customer ? l.replace(/"id":"[^"]+",?/, '') : l)),
      lines.map((l, i) => (i === customer ? l.replace(/"updatedAt":\d+/, '"updatedAt":"yesterday"') : l)),
      lines.map((l, i) => (i === photo ? l.replace('"type":"image/jpeg"', '"type":"text/html"') : l)),
      lines.map((l, i) => (i === photo ? l.replace(/"\$blob":"/, '"$blob":"<script>') : l)),
    ];
    for (const [i, variant] of variants.entries()) {
      await expect(openText(variant.join('\n')), `variant ${i}`).rejects.toMatchObject({ problem: 'damaged' });
    }
  });

  it('never writes this device’s own tables, whatever the file holds', async () => {
    const { file } = await withLedger();
    const text = await file.blob.text();
    const hostile = text.replace(
      /\n\}\}\n$/,
      '\n,"syncState":[\n{"key":"connection","value":{"serverUrl":"https://evil.example","token":"x"}}\n]\n,"meta":[\n{"key":"deviceId","value":"stolen"}\n]\n}}\n',
    );
    const owner = await freshDevice();
    await restoreBackup(await openText(hostile), 'replace', owner);
    expect(await db.syncState.get('connection')).toBeUndefined();
    expect((await db.meta.get('deviceId'))?.value).not.toBe('stolen');
  });

  it('refuses an encrypted file whose chunks were cut short or put out of order', async () => {
    const owner = await theOwner();
    await buyInWithPhoto(owner, 1_600_000);
    const lines = (await (await exportBackup(owner, { passphrase: 'sakura', iterations: 1000 })).blob.text()).trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(4);
    const cut = [...lines.slice(0, -2), ']}'].join('\n');
    await expect(openText(cut, 'sakura')).rejects.toMatchObject({ problem: 'incomplete' });
    const swapped = [lines[0], lines[2]!.replace(/^,/, ''), `,${lines[1]}`, ...lines.slice(3)].join('\n');
    await expect(openText(swapped, 'sakura')).rejects.toBeInstanceOf(WrongPassphraseError);
    const reordered = [lines[0], lines[1], lines[3], lines[2], ...lines.slice(4)].join('\n');
    await expect(openText(reordered, 'sakura')).rejects.toMatchObject({ problem: 'damaged', line: 3 });
  });

  it('leaves a new tablet’s 古物台帳 as it was when the file fails midway, after its records were written', async () => {
    const { file } = await withLedger();
    const tablet = await freshDevice();
    const before = await everySyncedTable();
    const opened = await openBackup(file.blob);
    // The file becomes unreadable (a card pulled out) once the ledger's records are in.
    const failing = {
      ...opened,
      batches: async function* () {
        for await (const batch of opened.batches()) {
          if (batch.table === 'photos') throw new BackupFileError('damaged', 99);
          yield batch;
        }
      },
    };
    await expect(restoreBackup(failing, 'replace', tablet)).rejects.toMatchObject({ problem: 'damaged' });
    expect(await everySyncedTable()).toEqual(before);
    expect(await db.ledgerEntries.count()).toBe(0);
    expect(await db.restoreJournal.count()).toBe(0);
  });

  it('the 古物台帳 stays append-only for everyone else: a restore never rewrites or removes a record', async () => {
    const { owner, sale, file } = await withLedger();
    const backup = await loadBackup(file.blob);
    const entry = backup.tables.ledgerEntries![0]!;
    backup.tables.ledgerEntries![0] = { ...entry, total: 1, updatedAt: Date.now() + 60_000 };
    backup.tables.ledgerEntries!.push({ ...entry, id: 'a-record-only-the-backup-has' });
    await restoreBackup(backup, 'merge', owner);
    expect((await db.ledgerEntries.get(sale.ledgerEntryId))?.total).toBe(2_500);
    expect(await db.ledgerEntries.get('a-record-only-the-backup-has')).toBeTruthy();

    const empty = await loadBackup(file.blob);
    empty.tables.ledgerEntries = [];
    await restoreBackup(empty, 'replace', owner);
    expect(await db.ledgerEntries.count()).toBe(2);
    await expect(db.ledgerEntries.delete(sale.ledgerEntryId)).rejects.toMatchObject({ name: 'LedgerRuleError' });
  });

  it('does not bring back personal data deleted on request', async () => {
    const owner = await theOwner();
    const hanako = await createCustomer(customerInput({ about: 'keeps a dog called Pochi' }), undefined, owner);
    await recordVisit(hanako, { at: Date.UTC(2026, 3, 1), kind: 'purchase', note: '訪問着、紺' }, owner);
    const file = await exportBackup(owner);
    await deletePersonalData(hanako, owner);
    for (const mode of ['merge', 'replace'] as const) {
      await restoreBackup(await openBackup(file.blob), mode, owner);
      expect((await db.customers.get(hanako))?.about, mode).toBe('');
      expect((await timelineOf(hanako)).map((v) => v.note), mode).not.toContain('訪問着、紺');
    }
  });
});
