// @vitest-environment node
/**
 * A sync database written before quotas and size-capped pulls (no byte counts) keeps working when
 * the new server opens it: every shop's stored bytes are counted once, pull pages are sized, and the
 * quota holds from the first push. PostgreSQL when DATABASE_URL_TEST is set.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStorage } from './postgres-storage.js';
import { SqliteStorage } from './sqlite-storage.js';
import { ShopFullError, storedBytes, type ChangeInput, type SyncStorage } from './storage.js';

/** The tables as the first release (0.1.0) created them. */
const SQLITE_SCHEMA_0_1 = `
CREATE TABLE IF NOT EXISTS shops (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  key_check TEXT
);
CREATE TABLE IF NOT EXISTS devices (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id),
  name TEXT NOT NULL,
  owner INTEGER NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX IF NOT EXISTS devices_shop ON devices(shop_id);
CREATE TABLE IF NOT EXISTS pairing_codes (
  code_hash TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id TEXT NOT NULL REFERENCES shops(id),
  device_id TEXT NOT NULL,
  change_id TEXT NOT NULL,
  table_name TEXT NOT NULL,
  row_key TEXT NOT NULL,
  hlc TEXT NOT NULL,
  payload TEXT NOT NULL,
  UNIQUE (shop_id, change_id)
);
CREATE INDEX IF NOT EXISTS changes_shop_seq ON changes(shop_id, seq);
`;
const POSTGRES_SCHEMA_0_1 = `
CREATE TABLE IF NOT EXISTS shops (
  id TEXT PRIMARY KEY,
  created_at BIGINT NOT NULL,
  key_check TEXT,
  last_seq BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS devices (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id),
  name TEXT NOT NULL,
  owner BOOLEAN NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX IF NOT EXISTS devices_shop ON devices(shop_id);
CREATE TABLE IF NOT EXISTS pairing_codes (
  code_hash TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE TABLE IF NOT EXISTS changes (
  shop_id TEXT NOT NULL REFERENCES shops(id),
  seq BIGINT NOT NULL,
  device_id TEXT NOT NULL,
  change_id TEXT NOT NULL,
  table_name TEXT NOT NULL,
  row_key TEXT NOT NULL,
  hlc TEXT NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (shop_id, seq),
  UNIQUE (shop_id, change_id)
);
`;

const changes: ChangeInput[] = Array.from({ length: 5 }, (_, i) => ({
  id: `00177700000000${i}-0000-00000000000000a1 customers c${i}`,
  table: 'customers',
  row: `c${i}`,
  hlc: `00177700000000${i}-0000-00000000000000a1`,
  payload: JSON.stringify({ set: { name: `客 ${i}`, about: '大福'.repeat(100 * (i + 1)) } }),
}));
const totalBytes = changes.reduce((sum, c) => sum + storedBytes(c), 0);

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function expectUpgraded(storage: SyncStorage): Promise<void> {
  try {
    expect(await storage.usedBytes('shop-a')).toBe(totalBytes);
    expect(await storage.usedBytes('shop-b')).toBe(0);
    const firstTwo = storedBytes(changes[0]!) + storedBytes(changes[1]!);
    const page = await storage.changesAfter('shop-a', 0, { count: 100, maxBytes: firstTwo });
    expect(page.map((c) => c.row)).toEqual(['c0', 'c1']);
    expect(page[1]!.payload).toBe(changes[1]!.payload);
    const more: ChangeInput = { ...changes[0]!, id: 'new', row: 'c9' };
    await expect(
      storage.appendChanges('shop-a', 'd1', [more], totalBytes + storedBytes(more) - 1),
    ).rejects.toBeInstanceOf(ShopFullError);
    expect(
      await storage.appendChanges('shop-a', 'd1', [more], totalBytes + storedBytes(more)),
    ).toEqual({ accepted: 1, duplicates: 0 });
    expect(await storage.usedBytes('shop-a')).toBe(totalBytes + storedBytes(more));
  } finally {
    await storage.close();
  }
}

describe('a sync database from before quotas', () => {
  it('on SQLite counts what each shop holds and sizes pages from the first start', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'daifuku-sync-upgrade-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const old = new Database(path.join(dir, 'sync.sqlite'));
    old.exec(SQLITE_SCHEMA_0_1);
    old.prepare('INSERT INTO shops (id, created_at) VALUES (?, 1), (?, 1)').run('shop-a', 'shop-b');
    const insert = old.prepare(
      'INSERT INTO changes (shop_id, device_id, change_id, table_name, row_key, hlc, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const c of changes) insert.run('shop-a', 'd1', c.id, c.table, c.row, c.hlc, c.payload);
    old.close();

    await expectUpgraded(new SqliteStorage(dir));
    // A second start finds the counts in place and changes nothing.
    const again = new SqliteStorage(dir);
    expect(await again.usedBytes('shop-a')).toBe(
      totalBytes + storedBytes({ ...changes[0]!, id: 'new', row: 'c9' }),
    );
    await again.close();
  });

  it.skipIf(!process.env.DATABASE_URL_TEST)(
    'on PostgreSQL counts what each shop holds and sizes pages from the first start',
    async () => {
      const url = process.env.DATABASE_URL_TEST!;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const name = `daifuku_upgrade_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
      await admin.query(`CREATE DATABASE ${name}`);
      cleanups.push(async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      });
      const testUrl = new URL(url);
      testUrl.pathname = `/${name}`;
      const old = new pg.Client({ connectionString: testUrl.toString() });
      await old.connect();
      await old.query(POSTGRES_SCHEMA_0_1);
      await old.query(
        `INSERT INTO shops (id, created_at, last_seq) VALUES ('shop-a', 1, ${changes.length}), ('shop-b', 1, 0)`,
      );
      for (const [i, c] of changes.entries()) {
        await old.query(
          'INSERT INTO changes (shop_id, seq, device_id, change_id, table_name, row_key, hlc, payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          ['shop-a', i + 1, 'd1', c.id, c.table, c.row, c.hlc, c.payload],
        );
      }
      await old.end();

      await expectUpgraded(await PostgresStorage.connect(testUrl.toString()));
    },
  );
});
