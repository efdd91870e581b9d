// @vitest-environment node
/**
 * Opening a ledger written by an older app version must keep every row and leave every index
 * usable. For each released schema version this test replays that version's stores with a raw
 * Dexie, writes the version's fixture ledger exactly as that version stored it, closes it, and
 * opens the same database with today's DaifukuDB.
 *
 * When you add schema version N:
 * 1. append `{ version: N, stores }` to SCHEMA_VERSIONS and give DaifukuDB its `.upgrade(...)`;
 * 2. add test/support/fixtures/ledger-vN.ts (version N's stores as released, and rows as version N
 *    writes them) and list it in CASES below;
 * 3. if the upgrade rewrites rows, list the older fixtures with `expected`: their rows as the
 *    upgrade should leave them. Never edit an older fixture: it is what real devices hold.
 * The test then runs once per version. A version may declare only the tables it adds or changes
 * (Dexie keeps the others), so "every table" is every table any version declared.
 */
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LedgerSnapshot, StoredRow } from '../../test/support/fixtures/ledger';
import {
  HANAKO,
  ICHIRO_DELETED,
  JOHN,
  ledgerV1,
  MISAKI,
} from '../../test/support/fixtures/ledger-v1';
import { APPRAISAL, BUY_IN, CORRECTION, ledgerV5, PHOTO, PHOTO_BYTES } from '../../test/support/fixtures/ledger-v5';
import { buildSearchIndex } from '../lib/search-keys';
import { CURRENT_SCHEMA_VERSION, DaifukuDB, SCHEMA_VERSIONS } from './schema';

interface MigrationCase {
  /** The ledger as its version wrote it. */
  written: LedgerSnapshot;
  /** The rows as today's schema should read them; the written rows when no upgrade changed them. */
  expected?: LedgerSnapshot['tables'];
}

const CASES: ReadonlyMap<number, MigrationCase> = new Map([
  [1, { written: ledgerV1 }],
  [5, { written: ledgerV5 }],
]);

/** Every table some version declared and none removed (a store set to null removes one). */
function tablesOfToday(): string[] {
  const tables = new Set<string>();
  for (const { stores } of SCHEMA_VERSIONS) {
    for (const [table, spec] of Object.entries(stores)) {
      if (spec === null) tables.delete(table);
      else tables.add(table);
    }
  }
  return [...tables].sort();
}

const opened: Dexie[] = [];
let databaseCount = 0;

afterEach(async () => {
  for (const database of opened.splice(0)) {
    database.close();
    await Dexie.delete(database.name);
  }
});

/** Each test gets its own database, so no test sees another's ledger. */
function freshName(version: number): string {
  databaseCount += 1;
  return `daifuku-migration-v${version}-${databaseCount}`;
}

/** Builds the database exactly as the app at `version` would have: its stores, no later ones. */
async function writeLedgerAsVersion(name: string, snapshot: LedgerSnapshot): Promise<void> {
  const old = new Dexie(name);
  opened.push(old);
  for (const { version, stores } of SCHEMA_VERSIONS) {
    if (version <= snapshot.version) old.version(version).stores(stores);
  }
  await old.open();
  expect(old.verno).toBe(snapshot.version);
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(snapshot.tables)) {
      await old.table(table).bulkAdd([...rows]);
    }
  });
  old.close();
}

async function openWithToday(name: string): Promise<DaifukuDB> {
  const current = new DaifukuDB(name);
  opened.push(current);
  await current.open();
  return current;
}

async function upgradedLedger(snapshot: LedgerSnapshot): Promise<DaifukuDB> {
  const name = freshName(snapshot.version);
  await writeLedgerAsVersion(name, snapshot);
  return openWithToday(name);
}

function primaryKeyOf(db: Dexie, table: string, row: StoredRow): string {
  const keyPath = db.table(table).schema.primKey.keyPath;
  if (typeof keyPath !== 'string') throw new Error(`${table}: expected a single primary key`);
  const key = row[keyPath];
  if (typeof key !== 'string') throw new Error(`${table}: row without a string ${keyPath}`);
  return key;
}

function hiddenVersions(): number[] {
  return SCHEMA_VERSIONS.map((v) => v.version).filter((v) => !CASES.has(v));
}

it('has a fixture ledger for every released schema version', () => {
  expect(hiddenVersions()).toEqual([]);
  expect(CURRENT_SCHEMA_VERSION).toBe(SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version);
});

describe.each(SCHEMA_VERSIONS.filter((v) => CASES.has(v.version)).map((v) => v.version))(
  'a ledger written by schema version %i, opened by today’s app',
  (version) => {
    const { written, expected = written.tables } = CASES.get(version)!;

    it('still declares the stores it was released with', () => {
      expect(SCHEMA_VERSIONS.find((v) => v.version === version)?.stores).toEqual(written.stores);
    });

    it('opens at the current schema version with every table', async () => {
      const db = await upgradedLedger(written);
      expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
      expect(db.tables.map((t) => t.name).sort()).toEqual(tablesOfToday());
    });

    it('keeps every row of every table, unchanged', async () => {
      const db = await upgradedLedger(written);
      for (const [table, rows] of Object.entries(expected)) {
        expect(await db.table(table).count(), table).toBe(rows.length);
        for (const row of rows) {
          const key = primaryKeyOf(db, table, row);
          expect(await db.table(table).get(key), `${table} ${key}`).toStrictEqual(row);
        }
      }
    });

    it('finds customers by prefix on the search keys, as the search box does', async () => {
      const db = await upgradedLedger(written);
      const idsFor = (prefix: string) =>
        db.customers.where('searchKeys').startsWith(prefix).distinct().primaryKeys();

      expect(await idsFor('tana')).toEqual([HANAKO]);
      expect(await idsFor('たなか')).toEqual([HANAKO]);
      expect(await idsFor('美咲')).toEqual([MISAKI]);
      expect(await idsFor('0901234')).toEqual([HANAKO]);
      expect(await idsFor('smi')).toEqual([JOHN]);
      expect((await idsFor('5678')).sort()).toEqual([HANAKO, MISAKI].sort());
      // The deleted card left the index when it was deleted.
      expect(await idsFor('さとう')).toEqual([]);
    });

    it('reads a customer’s timeline newest first through [customerId+at]', async () => {
      const db = await upgradedLedger(written);
      const timeline = await db.visits
        .where('[customerId+at]')
        .between([HANAKO, Dexie.minKey], [HANAKO, Dexie.maxKey])
        .reverse()
        .filter((v) => !v.deletedAt)
        .toArray();
      expect(timeline.map((v) => v.note)).toEqual([
        '祖母の訪問着を買い取り',
        '振袖の相談。次回は寸法を測る。',
        '帯締め',
      ]);
      expect(
        await db.visits
          .where('at')
          .above(Date.UTC(2026, 1, 1))
          .count(),
      ).toBe(4);
    });

    it('keeps the 50音 list, "Recent" and the other indexes working', async () => {
      const db = await upgradedLedger(written);
      expect((await db.customers.orderBy('sortKey').toArray()).map((c) => c.name)).toEqual([
        'John Smith',
        '鈴木 慎一',
        '田中 花子',
        '渡辺美咲',
      ]);
      expect((await db.customers.orderBy('activityAt').reverse().first())?.id).toBe(HANAKO);
      expect(await db.customers.where('updatedAt').above(0).count()).toBe(5);
      expect(
        (await db.consents.where('customerId').equals(HANAKO).toArray())
          .map((c) => c.channel)
          .sort(),
      ).toEqual(['line', 'mail']);
      expect((await db.customers.get(ICHIRO_DELETED))?.deletedAt).toBeGreaterThan(0);
    });

    it('keeps search keys that today’s index builder would write, so old cards stay findable', async () => {
      const db = await upgradedLedger(written);
      for (const customer of await db.customers.toArray()) {
        if (customer.deletedAt) continue;
        const { searchKeys, searchRanks } = buildSearchIndex(customer);
        expect(
          { searchKeys: customer.searchKeys, searchRanks: customer.searchRanks },
          customer.name,
        ).toEqual({
          searchKeys,
          searchRanks,
        });
      }
    });
  },
);

describe.each([ledgerV1, ledgerV5])('the buy-in ledger in a ledger written by schema version $version', (written) => {
  it('has its tables, empty for a ledger from before it, with their indexes working', async () => {
    const db = await upgradedLedger(written);
    const before = written.version < 5;
    expect(await db.appraisals.where('customerId').equals(MISAKI).primaryKeys()).toEqual(before ? [] : [APPRAISAL]);
    expect(
      await db.ledgerEntries.where('transactedAt').between(Date.UTC(2026, 0, 25), Date.UTC(2026, 0, 26)).primaryKeys(),
    ).toEqual(before ? [] : [BUY_IN, CORRECTION]);
    expect(await db.ledgerEntries.where('corrects').equals(BUY_IN).primaryKeys()).toEqual(before ? [] : [CORRECTION]);
    expect(await db.photos.where('appraisalId').equals(APPRAISAL).primaryKeys()).toEqual(before ? [] : [PHOTO]);
  });

  it('keeps old buy-in notes as plain timeline notes, still editable', async () => {
    const db = await upgradedLedger(written);
    const oldBuyIn = await db.visits.get('01932c4e-3c00-7000-8000-00000000e003');
    expect(oldBuyIn).toMatchObject({ kind: 'buy-in', amount: 15000, note: '祖母の訪問着を買い取り' });
    expect(oldBuyIn?.record).toBeUndefined();
  });
});

describe('a ledger written by schema version 5, opened by today’s app', () => {
  it('keeps the photo’s bytes', async () => {
    const db = await upgradedLedger(ledgerV5);
    const photo = await db.photos.get(PHOTO);
    expect([...new Uint8Array(await photo!.blob.arrayBuffer())]).toEqual(PHOTO_BYTES);
  });

  it('still refuses to change or delete the records it holds', async () => {
    const db = await upgradedLedger(ledgerV5);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.UTC(2027, 5, 1));
      await expect(db.ledgerEntries.update(BUY_IN, { total: 1 })).rejects.toMatchObject({ rule: 'appendOnly' });
      await expect(db.ledgerEntries.delete(BUY_IN)).rejects.toMatchObject({ rule: 'retained' });
    } finally {
      vi.useRealTimers();
    }
  });
});
