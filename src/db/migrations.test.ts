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
  SHINICHI,
} from '../../test/support/fixtures/ledger-v1';
import { ledgerV2 } from '../../test/support/fixtures/ledger-v2';
import { dayNumber, startOfDayNumber } from '../lib/days';
import { ledgerV3, MISAKI_SMS_SUPPRESSION } from '../../test/support/fixtures/ledger-v3';
import { ledgerV4 } from '../../test/support/fixtures/ledger-v4';
import { APPRAISAL, BUY_IN, CORRECTION, ledgerV5, PHOTO, PHOTO_BYTES } from '../../test/support/fixtures/ledger-v5';
import { ledgerV6, withSearchKeysV6 } from '../../test/support/fixtures/ledger-v6';
import { ledgerV7 } from '../../test/support/fixtures/ledger-v7';
import { ledgerV8, SET_ASIDE_KEY } from '../../test/support/fixtures/ledger-v8';
import { HANAKO_WANTED, ledgerV9 } from '../../test/support/fixtures/ledger-v9';
import { cautionLevelOf } from '../lib/refusal';
import { ledgerV10, withSearchKeysV10 } from '../../test/support/fixtures/ledger-v10';
import {
  ledgerV11,
  MONEY_BY_DAY_V11,
  MONEY_BY_DAY_ZONE_V11,
} from '../../test/support/fixtures/ledger-v11';
import { BULK_CHANGE_IDS, ledgerV12 } from '../../test/support/fixtures/ledger-v12';
import { CLOSED, ledgerV13, MISAKI_WANTED, WRITTEN_WHOLE } from '../../test/support/fixtures/ledger-v13';
import { changeId, type Change } from '../lib/sync/merge';
import { applyRemoteChanges } from './sync/apply';
import { buildSearchIndex } from '../lib/search-keys';
import { CustomerSearchIndex } from './search/search-index';
import { CURRENT_SCHEMA_VERSION, DaifukuDB, SCHEMA_VERSIONS } from './schema';
import { countPending, pendingChanges, removePushed } from './sync/outbox';
import { dueForRetry, setAsideSummary } from './sync/set-aside';

interface MigrationCase {
  /** The ledger as its version wrote it. */
  written: LedgerSnapshot;
  /** The rows as today's schema should read them; the written rows when no upgrade changed them. */
  expected?: LedgerSnapshot['tables'];
}

const v1Time = (month: number, day: number) => Date.UTC(2026, month - 1, day, 3, 0);

/**
 * Version 1's cards as the relationships upgrade (version 2) leaves them: visit times from their
 * visits (the deleted one left out), birthday index, no referrals or prompts yet, and a lapse day
 * for Hanako, a regular who came every ~24.5 days (3 × 24.5 → 74 days after her last visit).
 * Days are counted in the device's time zone, as the upgrade does.
 */
const v1UpgradedTo2: Record<string, Record<string, unknown>> = {
  [HANAKO]: {
    visitTimes: [v1Time(1, 12), v1Time(2, 5), v1Time(3, 2)],
    birthMonthDay: '05-17',
    lapseAt: startOfDayNumber(dayNumber(v1Time(3, 2)) + 74),
  },
  [MISAKI]: { visitTimes: [v1Time(1, 20)] },
  [JOHN]: { visitTimes: [v1Time(2, 14)] },
  [SHINICHI]: { visitTimes: [], birthMonthDay: '11-03' },
  // Deleted: its visits are summarised, but it joins no birthday or lapse index.
  [ICHIRO_DELETED]: { visitTimes: [v1Time(1, 15)] },
};

/** Version 6 rebuilds the cards' search keys without the ones a longer key covers. */
function searchKeysOfV6(ledger: LedgerSnapshot): LedgerSnapshot['tables'] {
  return { customers: ledger.tables.customers!.map(withSearchKeysV6) };
}

/**
 * Version 10 rebuilds every card's phone keys (trailing digits of any length): what each earlier
 * version's rows look like once today's app has opened them.
 */
function withTodaysKeys(tables: LedgerSnapshot['tables']): LedgerSnapshot['tables'] {
  return { ...tables, customers: tables.customers!.map(withSearchKeysV10) };
}

const CASES: ReadonlyMap<number, MigrationCase> = new Map([
  [
    1,
    {
      written: ledgerV1,
      expected: withTodaysKeys({
        ...ledgerV1.tables,
        customers: ledgerV1.tables.customers!.map((row) =>
          withSearchKeysV6({
            ...row,
            ...v1UpgradedTo2[row.id as string],
            referredCount: 0,
            talkAbout: [],
          }),
        ),
        // Version 3 copies withdrawn consents into the "do not contact" list.
        suppressions: [MISAKI_SMS_SUPPRESSION],
        audit: [],
      }),
    },
  ],
  [
    2,
    {
      written: ledgerV2,
      expected: withTodaysKeys({ ...ledgerV2.tables, ...searchKeysOfV6(ledgerV2), suppressions: [MISAKI_SMS_SUPPRESSION], audit: [] }),
    },
  ],
  [3, { written: ledgerV3, expected: withTodaysKeys({ ...ledgerV3.tables, ...searchKeysOfV6(ledgerV3) }) }],
  [4, { written: ledgerV4, expected: withTodaysKeys({ ...ledgerV4.tables, ...searchKeysOfV6(ledgerV4) }) }],
  [5, { written: ledgerV5, expected: withTodaysKeys({ ...ledgerV5.tables, ...searchKeysOfV6(ledgerV5) }) }],
  [6, { written: ledgerV6, expected: withTodaysKeys(ledgerV6.tables) }],
  [7, { written: ledgerV7, expected: withTodaysKeys(ledgerV7.tables) }],
  [8, { written: ledgerV8, expected: withTodaysKeys(ledgerV8.tables) }],
  [9, { written: ledgerV9, expected: withTodaysKeys(ledgerV9.tables) }],
  [10, { written: ledgerV10 }],
  [11, { written: ledgerV11 }],
  [12, { written: ledgerV12 }],
  [13, { written: ledgerV13 }],
]);

/** Changes each version's fixture has waiting to be pushed: one from version 4, two more in a bulk row from 12. */
const pendingIn = (version: number) => (version >= 12 ? 3 : version >= 4 ? 1 : 0);

/**
 * Version 11 adds up the amounts noted at the counter by day (device-local): every older ledger
 * opened by today's app has the totals of ledger-v11.ts, made from its timeline, which all of them
 * share, and says which time zone they are in.
 */
function withMoneyByDayV11(tables: LedgerSnapshot['tables']): LedgerSnapshot['tables'] {
  if (tables.moneyByDay) return tables;
  return {
    ...tables,
    meta: [...(tables.meta ?? []), MONEY_BY_DAY_ZONE_V11],
    moneyByDay: MONEY_BY_DAY_V11,
  };
}

/**
 * Version 9 grades the caution flag: a flag (and its history) from before levels reads "caution".
 * Applied to every older case's expected rows; rows that carry a level already are left alone.
 */
function gradedByV9(tables: LedgerSnapshot['tables']): LedgerSnapshot['tables'] {
  const grade = (row: StoredRow): StoredRow => {
    const caution = row.caution as Record<string, unknown> | undefined;
    return caution && caution.level === undefined ? { ...row, caution: { ...caution, level: 'caution' } } : row;
  };
  return {
    ...tables,
    ...(tables.customers ? { customers: tables.customers.map(grade) } : {}),
    ...(tables.cautionHistory
      ? { cautionHistory: tables.cautionHistory.map((row) => (row.level === undefined ? { ...row, level: 'caution' } : row)) }
      : {}),
  };
}

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

/** The app's search over an opened ledger: its cards' keys, read into memory as at start. */
async function searchIndexOf(db: DaifukuDB): Promise<CustomerSearchIndex> {
  const index = new CustomerSearchIndex();
  index.apply(await db.customers.toArray());
  return index;
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
    const { written, expected: upgraded = written.tables } = CASES.get(version)!;
    const expected = withMoneyByDayV11(gradedByV9(upgraded));

    it('still declares the stores it was released with', () => {
      expect(SCHEMA_VERSIONS.find((v) => v.version === version)?.stores).toEqual(written.stores);
    });

    it('keeps sync off for a ledger that never started it, and the state of one that did', async () => {
      const db = await upgradedLedger(written);
      const clock = await db.syncState.get('clock');
      expect(Boolean(clock?.capturing)).toBe(version >= 4);
      expect(await countPending(db)).toBe(pendingIn(version));
      // A write after the upgrade: captured only where sync was on.
      await db.customers.update(HANAKO, { about: 'after the upgrade' });
      expect(await countPending(db)).toBe(version >= 4 ? pendingIn(version) + 1 : 0);
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

    it('finds customers by their search keys, as the search box does', async () => {
      const index = await searchIndexOf(await upgradedLedger(written));
      const idsFor = (query: string) => index.find(query).map((m) => m.customer.id).sort();

      expect(idsFor('tana')).toEqual([HANAKO]);
      expect(idsFor('たなか')).toEqual([HANAKO]);
      expect(idsFor('美咲')).toEqual([MISAKI]);
      expect(idsFor('0901234')).toEqual([HANAKO]);
      expect(idsFor('smi')).toEqual([JOHN]);
      expect(idsFor('5678')).toEqual([HANAKO, MISAKI].sort());
      // Trailing digits of any length: a landline without its area code, a mobile without 090.
      expect(idsFor('1234-5678')).toEqual([HANAKO, MISAKI].sort());
      expect(idsFor('3123456')).toEqual([SHINICHI]);
      expect(idsFor('98765432')).toEqual([SHINICHI]);
      // The deleted card left the index when it was deleted.
      expect(idsFor('さとう')).toEqual([]);
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
      expect(await db.customers.where('createdAt').above(0).count()).toBe(5);
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

describe.each([ledgerV1, ledgerV2])('relationships in a ledger written by schema version $version', (written) => {
  it('finds regulars about to lapse, and birthdays by month, through their indexes', async () => {
    const db = await upgradedLedger(written);
    const lapsing = await db.customers.where('lapseAt').between(Date.UTC(2026, 4, 1), Date.UTC(2026, 5, 1)).primaryKeys();
    expect(lapsing).toEqual([HANAKO]);
    expect(await db.customers.where('birthMonthDay').startsWith('05-').primaryKeys()).toEqual([HANAKO]);
    expect(await db.customers.where('birthMonthDay').startsWith('11-').primaryKeys()).toEqual([SHINICHI]);
    expect(await db.customers.where('tags').equals('着物').primaryKeys()).toEqual([HANAKO]);
  });

  it('finds new customers and the notes written on a day through createdAt', async () => {
    const db = await upgradedLedger(written);
    const jan20 = [Date.UTC(2026, 0, 20), Date.UTC(2026, 0, 21)] as const;
    expect(await db.customers.where('createdAt').between(...jan20).primaryKeys()).toEqual([MISAKI]);
    expect((await db.visits.where('createdAt').between(...jan20).toArray()).map((v) => v.note)).toEqual(['抹茶茶碗']);
  });

  it('has a follow-ups table ordered by status and due day, and a caution history', async () => {
    const db = await upgradedLedger(written);
    const open = await db.followUps.where('[status+dueAt]').between(['open', 0], ['open', Infinity]).toArray();
    expect(open.map((f) => f.note)).toEqual(written.version === 1 ? [] : ['振袖の反物が入荷したら電話']);
    expect(await db.cautionHistory.where('customerId').equals(SHINICHI).count()).toBe(written.version === 1 ? 0 : 1);
    expect(await db.customers.where('referredBy').equals(HANAKO).primaryKeys()).toEqual(
      written.version === 1 ? [] : [MISAKI],
    );
  });
});

describe('the upgrade to schema version 3', () => {
  it('stops messages to a customer who withdrew consent before the "do not contact" list existed', async () => {
    const db = await upgradedLedger(ledgerV1);
    const [suppression] = await db.suppressions.toArray();
    expect(await db.suppressions.count()).toBe(1);
    expect(suppression).toMatchObject({ channel: 'sms', reason: 'withdrawn', at: Date.UTC(2026, 1, 25, 3, 0) });
    // The list keeps a hash of Misaki's number, never the number itself.
    expect(JSON.stringify(suppression)).not.toContain('312345678');
    expect(await db.suppressions.where('hash').equals(suppression!.hash).count()).toBe(1);
  });

  it('starts with an empty audit log and no restore in progress', async () => {
    const db = await upgradedLedger(ledgerV1);
    expect(await db.audit.count()).toBe(0);
    expect(await db.restoreJournal.count()).toBe(0);
  });
});

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

describe('the upgrade to schema version 6', () => {
  it('drops the updatedAt indexes nothing queried', async () => {
    const db = await upgradedLedger(ledgerV5);
    for (const table of db.tables) expect(table.schema.idxByName.updatedAt, table.name).toBeUndefined();
    expect(await db.customers.where('createdAt').above(0).count()).toBe(5);
  });

  it('leaves out the keys a longer key covers, and still finds the card by them', async () => {
    const db = await upgradedLedger(ledgerV5);
    const hanako = await db.customers.get(HANAKO);
    expect(hanako?.searchKeys).not.toContain('たなか');
    expect(hanako?.searchKeys).not.toContain('819012345678');
    const index = await searchIndexOf(db);
    expect(index.find('たなか').map((m) => m.customer.id)).toEqual([HANAKO]);
    expect(index.find('090123').map((m) => m.customer.id)).toEqual([HANAKO]);
    expect(index.find('+81 90 123').map((m) => m.customer.id)).toEqual([HANAKO]);
    expect((await db.customers.get(ICHIRO_DELETED))?.searchKeys).toEqual([]);
  });

  it('rebuilds every card of a ledger larger than one page of the upgrade', async () => {
    const name = freshName(5);
    const cards = Array.from({ length: 1_234 }, (_, i) => {
      const card = { name: `田中 ${i}`, reading: 'たなか', phones: [`+8190${String(i).padStart(8, '0')}`], email: '', handles: [], tags: [] };
      const { searchKeys, searchRanks } = buildSearchIndex(card);
      // As version 5 wrote them: the international digits and the covered first word as well.
      return { id: `card-${String(i).padStart(5, '0')}`, ...card, searchKeys: [...searchKeys, '田中', `8190${String(i).padStart(8, '0')}`], searchRanks: [...searchRanks, 10, 8], visitTimes: [] };
    });
    await writeLedgerAsVersion(name, { version: 5, stores: {}, tables: { customers: cards } });
    const db = await openWithToday(name);
    const rows = await db.customers.toArray();
    expect(rows).toHaveLength(cards.length);
    for (const row of rows) expect(row.searchKeys).toEqual(buildSearchIndex(row).searchKeys);
    expect((await searchIndexOf(db)).idsWithKey('たなか')).toHaveLength(cards.length);
  });
});

describe('the upgrade to schema version 7', () => {
  it('drops the index of search keys and keeps the keys on the cards, for search in memory', async () => {
    const db = await upgradedLedger(ledgerV6);
    expect(db.customers.schema.idxByName.searchKeys).toBeUndefined();
    // Kept on the card (and rebuilt once more by version 10 for trailing digits).
    expect((await db.customers.get(HANAKO))?.searchKeys).toEqual(ledgerV10.tables.customers!.find((c) => c.id === HANAKO)?.searchKeys);
    expect((await searchIndexOf(db)).find('hanako').map((m) => m.customer.name)).toEqual(['田中 花子']);
  });
});

describe('the upgrade to schema version 10', () => {
  it('finds a card written before it by the trailing digits of its phone, and no longer by a last-four key', async () => {
    const db = await upgradedLedger(ledgerV8);
    const hanako = await db.customers.get(HANAKO);
    expect(hanako?.searchKeys).not.toContain('5678');
    expect(hanako?.searchKeys).toContain('\uE00087654321090');
    const index = await searchIndexOf(db);
    expect(index.find('12345678').map((m) => m.customer.id).sort()).toEqual([HANAKO, MISAKI].sort());
    // The whole number typed still ranks first, before numbers that only end like it.
    expect(index.find('090-1234-5678').map((m) => [m.customer.id, m.rank])).toEqual([[HANAKO, 0]]);
  });
});

describe('the upgrade to schema version 8', () => {
  it('starts a ledger from before it with nothing set aside, and the table’s indexes working', async () => {
    const db = await upgradedLedger(ledgerV7);
    expect(await setAsideSummary(db)).toEqual({ total: 0, byReason: {}, latest: [] });
    expect(await dueForRetry(db, Date.now())).toEqual([]);
  });

  it('keeps what version 8 set aside, and tries a change from a newer version again under new rules', async () => {
    const db = await upgradedLedger(ledgerV8);
    const summary = await setAsideSummary(db);
    expect(summary.total).toBe(1);
    expect(summary.byReason).toEqual({ 'newer-version': 1 });
    expect(summary.latest.map((r) => r.key)).toEqual([SET_ASIDE_KEY]);
    // Set aside under other rules than today's: due to be tried again.
    expect((await dueForRetry(db, Date.now())).map((r) => r.key)).toEqual([SET_ASIDE_KEY]);
  });
});

describe('the upgrade to schema version 9', () => {
  it('makes a caution flag set before levels existed a plain "caution", in the flag and its history', async () => {
    const db = await upgradedLedger(ledgerV2);
    const shinichi = await db.customers.get(SHINICHI);
    expect(shinichi?.caution).toMatchObject({ reason: '値引きの強要で大声を出されたことがある', level: 'caution' });
    expect(cautionLevelOf(shinichi?.caution)).toBe('caution');
    expect((await db.cautionHistory.where('customerId').equals(SHINICHI).toArray()).map((e) => e.level)).toEqual([
      'caution',
    ]);
    // Cards without a flag stay without one.
    expect((await db.customers.get(HANAKO))?.caution).toBeUndefined();
  });

  it('starts an empty 探しもの帳 for a ledger from before it, with its index working', async () => {
    const db = await upgradedLedger(ledgerV8);
    expect(await db.wantedItems.count()).toBe(0);
    expect(await db.wantedItems.where('[status+category]').equals(['open', 'tools']).count()).toBe(0);
  });

  it('keeps the wanted items, graded flags and overrides version 9 wrote, and finds open wanted items by category', async () => {
    const db = await upgradedLedger(ledgerV9);
    expect(cautionLevelOf((await db.customers.get(MISAKI))?.caution)).toBe('no-buy-ins');
    const open = await db.wantedItems.where('[status+category]').anyOf([['open', 'tools'], ['open', 'any']]).toArray();
    expect(open.map((w) => w.id)).toEqual([HANAKO_WANTED]);
    expect(await db.followUps.where('createdAt').above(0).count()).toBe(ledgerV9.tables.followUps!.length);
  });
});

describe('the upgrade to schema version 12', () => {
  it('pushes the change an older outbox holds, then those of a bulk row, in the order they were made', async () => {
    const db = await upgradedLedger(ledgerV12);
    const pending = await pendingChanges(db, 10);
    const olderChange = (ledgerV11.tables.outbox![0] as { change: { id: string } }).change;
    expect(pending.map((p) => p.change.id)).toEqual([olderChange.id, ...BULK_CHANGE_IDS]);
    // A push cut short takes part of a bulk row: the rest still waits, and is counted.
    await removePushed(db, pending.slice(0, 2));
    expect(await countPending(db)).toBe(1);
    expect((await pendingChanges(db, 10)).map((p) => p.change.id)).toEqual([BULK_CHANGE_IDS[1]]);
  });

  it('counts an older outbox’s changes one per row, for a ledger from before it', async () => {
    const db = await upgradedLedger(ledgerV11);
    expect(await countPending(db)).toBe(1);
    expect(await db.outbox.where('size').above(1).count()).toBe(0);
  });
});

describe('the upgrade to schema version 13', () => {
  const from = (hlc: string, set: Change['set']): Change => {
    // Another device's timestamp, a millisecond either side of this device's own.
    const other = hlc.replace(/[0-9a-f]{16}$/, 'ffffffffffffffff');
    return { id: changeId(other, 'wantedItems', MISAKI_WANTED), table: 'wantedItems', row: MISAKI_WANTED, hlc: other, set };
  };
  const at = (hlc: string, ms: number) => String(Number(hlc.slice(0, 15)) + ms).padStart(15, '0') + hlc.slice(15);

  it('meets a pulled change by the clocks an entry holds itself, those of its edit included', async () => {
    const db = await upgradedLedger(ledgerV13);
    await applyRemoteChanges(db, [
      // Made before the entry was closed here: the closing stands.
      from(at(CLOSED, -1), { status: 'open' }),
      // Made after it was written, on a field the closing left: it wins.
      from(at(WRITTEN_WHOLE, 1), { text: '南部鉄器 鉄瓶 (小)' }),
      // Made before it was written: it loses.
      from(at(WRITTEN_WHOLE, -1), { category: 'clothes' }),
    ]);
    expect(await db.wantedItems.get(MISAKI_WANTED)).toMatchObject({ status: 'closed', text: '南部鉄器 鉄瓶 (小)', category: 'tools' });
    const { clocks } = (await db.fieldClocks.get(`wantedItems/${MISAKI_WANTED}`))!;
    expect(clocks).toMatchObject({ status: CLOSED, category: WRITTEN_WHOLE, customerId: WRITTEN_WHOLE });
    expect(await countPending(db)).toBe(3);
  });

  it('sends an edit of such an entry alone, with the clocks of its earlier edit kept', async () => {
    const db = await upgradedLedger(ledgerV13);
    await db.wantedItems.update(MISAKI_WANTED, { text: '鉄瓶' });
    const [edit] = (await pendingChanges(db, 10)).slice(3).map((p) => p.change);
    expect(edit!.set).toEqual({ text: '鉄瓶' });
    const stored = await db.wantedItems.get(MISAKI_WANTED);
    expect(stored).toMatchObject({ rowClock: WRITTEN_WHOLE, rowEdits: { status: CLOSED, text: edit!.hlc } });
    expect(await db.fieldClocks.get(`wantedItems/${MISAKI_WANTED}`)).toBeUndefined();
  });
});
