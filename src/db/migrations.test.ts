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
 * The test then runs once per version. Today only version 1 exists, so it checks version 1
 * against itself, which proves the fixture, the stores and the index queries.
 */
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerSnapshot, StoredRow } from '../../test/support/fixtures/ledger';
import {
  HANAKO,
  ICHIRO_DELETED,
  JOHN,
  ledgerV1,
  MISAKI,
} from '../../test/support/fixtures/ledger-v1';
import { ledgerV4 } from '../../test/support/fixtures/ledger-v4';
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
  [4, { written: ledgerV4 }],
]);

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

function primaryKeyOf(db: Dexie, table: string, row: StoredRow): string | number {
  const keyPath = db.table(table).schema.primKey.keyPath;
  if (typeof keyPath !== 'string') throw new Error(`${table}: expected a single primary key`);
  const key = row[keyPath];
  // Strings (ids, setting keys) or the outbox's auto-incremented numbers.
  if (typeof key !== 'string' && typeof key !== 'number') throw new Error(`${table}: row without a ${keyPath}`);
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

    it('keeps sync off for a ledger that never started it, and the state of one that did', async () => {
      const db = await upgradedLedger(written);
      const clock = await db.syncState.get('clock');
      expect(Boolean(clock?.capturing)).toBe(version >= 4);
      expect(await db.outbox.count()).toBe(version >= 4 ? 1 : 0);
      // A write after the upgrade: captured only where sync was on.
      await db.customers.update(HANAKO, { about: 'after the upgrade' });
      expect(await db.outbox.count()).toBe(version >= 4 ? 2 : 0);
    });

    it('opens at the current schema version with every table', async () => {
      const db = await upgradedLedger(written);
      expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
      expect(db.tables.map((t) => t.name).sort()).toEqual(
        [...new Set(SCHEMA_VERSIONS.flatMap((v) => Object.keys(v.stores)))].sort(),
      );
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
