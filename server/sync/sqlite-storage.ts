// SyncStorage on an embedded SQLite file (better-sqlite3): the default, nothing to install or run.
// WAL mode so reads do not wait for a push; every multi-row write is one transaction, and
// better-sqlite3 runs them one at a time, so sequence numbers are handed out in commit order.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  ShopFullError,
  storedBytes,
  type ChangeInput,
  type HandOverResult,
  type PageLimit,
  type RedeemResult,
  type StoredChange,
  type StoredDevice,
  type SyncStorage,
} from './storage.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS shops (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  key_check TEXT,
  bytes_used INTEGER NOT NULL DEFAULT 0
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
  bytes INTEGER NOT NULL DEFAULT 0,
  UNIQUE (shop_id, change_id)
);
`;

/**
 * A file written before quotas had no byte counts: they are added and counted once, in one
 * transaction. The same octet lengths as storedBytes.
 */
const ADD_BYTE_COUNTS = `
ALTER TABLE changes ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
UPDATE changes SET bytes = length(CAST(payload AS BLOB)) + length(CAST(change_id AS BLOB)) + length(CAST(table_name AS BLOB))
  + length(CAST(row_key AS BLOB)) + length(CAST(hlc AS BLOB));
ALTER TABLE shops ADD COLUMN bytes_used INTEGER NOT NULL DEFAULT 0;
UPDATE shops SET bytes_used = (SELECT COALESCE(SUM(bytes), 0) FROM changes WHERE changes.shop_id = shops.id);
`;

// With the byte count in the index, sizing a pull page never reads the payloads it leaves out.
const INDEXES = `
CREATE INDEX IF NOT EXISTS changes_shop_seq_bytes ON changes(shop_id, seq, bytes);
DROP INDEX IF EXISTS changes_shop_seq;
`;

interface DeviceRecord {
  id: string;
  shop_id: string;
  name: string;
  owner: number;
  token_hash: string;
  created_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
}

interface ChangeRecord {
  seq: number;
  device_id: string;
  change_id: string;
  table_name: string;
  row_key: string;
  hlc: string;
  payload: string;
}

function toDevice(r: DeviceRecord): StoredDevice {
  return {
    id: r.id,
    shopId: r.shop_id,
    name: r.name,
    owner: r.owner === 1,
    tokenHash: r.token_hash,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
  };
}

function toChange(r: ChangeRecord): StoredChange {
  return {
    seq: Number(r.seq),
    deviceId: r.device_id,
    id: r.change_id,
    table: r.table_name,
    row: r.row_key,
    hlc: r.hlc,
    payload: r.payload,
  };
}

export class SqliteStorage implements SyncStorage {
  private db: Database.Database;

  /** Opens (creating when missing) `sync.sqlite` in `dataDir`. */
  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'sync.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // Durable on power loss at the counter: a push is acknowledged only once it is on disk.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.transaction(() => {
      this.db.exec(SCHEMA);
      const columns = this.db.prepare('SELECT name FROM pragma_table_info(?)').all('changes') as Array<{ name: string }>;
      if (!columns.some((c) => c.name === 'bytes')) this.db.exec(ADD_BYTE_COUNTS);
      this.db.exec(INDEXES);
    })();
  }

  async createShop(shopId: string, createdAt: number, owner: StoredDevice): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO shops (id, created_at) VALUES (?, ?)').run(shopId, createdAt);
      this.insertDevice(owner);
    })();
  }

  private insertDevice(d: StoredDevice): void {
    this.db
      .prepare(
        'INSERT INTO devices (id, shop_id, name, owner, token_hash, created_at, last_seen_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(d.id, d.shopId, d.name, d.owner ? 1 : 0, d.tokenHash, d.createdAt, d.lastSeenAt, d.revokedAt);
  }

  async deviceByTokenHash(tokenHash: string): Promise<StoredDevice | undefined> {
    const row = this.db.prepare('SELECT * FROM devices WHERE token_hash = ?').get(tokenHash) as DeviceRecord | undefined;
    return row && toDevice(row);
  }

  async touchDevice(deviceId: string, at: number): Promise<void> {
    this.db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?').run(at, deviceId);
  }

  async addPairingCode(codeHash: string, shopId: string, createdAt: number, expiresAt: number): Promise<void> {
    this.db
      .prepare('INSERT INTO pairing_codes (code_hash, shop_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(codeHash, shopId, createdAt, expiresAt);
  }

  async redeemPairingCode(codeHash: string, now: number, device: Omit<StoredDevice, 'shopId'>): Promise<RedeemResult> {
    return this.db.transaction((): RedeemResult => {
      const code = this.db.prepare('SELECT * FROM pairing_codes WHERE code_hash = ?').get(codeHash) as
        | { shop_id: string; expires_at: number; used_at: number | null }
        | undefined;
      if (!code) return { ok: false, reason: 'unknown' };
      if (code.used_at !== null) return { ok: false, reason: 'used' };
      if (code.expires_at <= now) return { ok: false, reason: 'expired' };
      this.db.prepare('UPDATE pairing_codes SET used_at = ? WHERE code_hash = ?').run(now, codeHash);
      this.insertDevice({ ...device, shopId: code.shop_id });
      return { ok: true, shopId: code.shop_id };
    })();
  }

  async listDevices(shopId: string): Promise<StoredDevice[]> {
    const rows = this.db.prepare('SELECT * FROM devices WHERE shop_id = ? ORDER BY owner DESC, created_at, id').all(shopId) as DeviceRecord[];
    return rows.map(toDevice);
  }

  async revokeDevice(shopId: string, deviceId: string, at: number): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND shop_id = ?')
      .run(at, deviceId, shopId);
    return result.changes > 0;
  }

  async handOverOwnership(shopId: string, fromId: string, toId: string): Promise<HandOverResult> {
    return this.db.transaction((): HandOverResult => {
      const from = this.db.prepare('SELECT * FROM devices WHERE id = ? AND shop_id = ?').get(fromId, shopId) as DeviceRecord | undefined;
      if (!from || from.owner !== 1 || from.revoked_at !== null) return { ok: false, reason: 'not-owner' };
      const to = this.db.prepare('SELECT * FROM devices WHERE id = ? AND shop_id = ?').get(toId, shopId) as DeviceRecord | undefined;
      if (!to || toId === fromId) return { ok: false, reason: 'unknown' };
      if (to.revoked_at !== null) return { ok: false, reason: 'revoked' };
      this.db.prepare('UPDATE devices SET owner = 0 WHERE id = ?').run(fromId);
      this.db.prepare('UPDATE devices SET owner = 1 WHERE id = ?').run(toId);
      return { ok: true };
    })();
  }

  async appendChanges(shopId: string, deviceId: string, changes: readonly ChangeInput[], quotaBytes = Infinity) {
    const insert = this.db.prepare(
      `INSERT INTO changes (shop_id, device_id, change_id, table_name, row_key, hlc, payload, bytes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (shop_id, change_id) DO NOTHING`,
    );
    // Throwing inside the transaction rolls the whole push back: a shop past its quota stores nothing.
    const accepted = this.db.transaction(() => {
      let count = 0;
      let added = 0;
      for (const c of changes) {
        const bytes = storedBytes(c);
        const inserted = insert.run(shopId, deviceId, c.id, c.table, c.row, c.hlc, c.payload, bytes).changes;
        count += inserted;
        added += inserted * bytes;
      }
      if (added > 0) {
        const { bytes_used: used } = this.db.prepare('SELECT bytes_used FROM shops WHERE id = ?').get(shopId) as { bytes_used: number };
        if (used + added > quotaBytes) throw new ShopFullError(used, quotaBytes);
        this.db.prepare('UPDATE shops SET bytes_used = bytes_used + ? WHERE id = ?').run(added, shopId);
      }
      return count;
    })();
    return { accepted, duplicates: changes.length - accepted };
  }

  async usedBytes(shopId: string): Promise<number> {
    const row = this.db.prepare('SELECT bytes_used FROM shops WHERE id = ?').get(shopId) as { bytes_used: number } | undefined;
    return row?.bytes_used ?? 0;
  }

  async changesAfter(shopId: string, after: number, { count, maxBytes }: PageLimit): Promise<StoredChange[]> {
    // The page's running size comes from the index alone; a change is in the page when the ones
    // before it hold less than maxBytes, so the first always is.
    const rows = this.db
      .prepare(
        `SELECT c.seq, c.device_id, c.change_id, c.table_name, c.row_key, c.hlc, c.payload
         FROM (
           SELECT seq, bytes, SUM(bytes) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) AS running
           FROM (SELECT seq, bytes FROM changes WHERE shop_id = ? AND seq > ? ORDER BY seq LIMIT ?)
         ) page
         JOIN changes c ON c.seq = page.seq
         WHERE page.running - page.bytes < ?
         ORDER BY c.seq`,
      )
      .all(shopId, after, count, maxBytes) as ChangeRecord[];
    return rows.map(toChange);
  }

  async keyCheck(shopId: string): Promise<string | null> {
    const row = this.db.prepare('SELECT key_check FROM shops WHERE id = ?').get(shopId) as { key_check: string | null } | undefined;
    return row?.key_check ?? null;
  }

  async setKeyCheck(shopId: string, keyCheck: string): Promise<boolean> {
    return this.db.prepare('UPDATE shops SET key_check = ? WHERE id = ? AND key_check IS NULL').run(keyCheck, shopId).changes > 0;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
