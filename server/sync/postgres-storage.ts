// SyncStorage on PostgreSQL (pg), for a shop chain that outgrows one machine. Pushes to one shop are
// serialised with a row lock on the shop, and each shop numbers its own changes inside that lock,
// so a change never becomes visible after one with a higher sequence number (a pull that raced a
// push could otherwise skip it for good).
import pg from 'pg';
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
  created_at BIGINT NOT NULL,
  key_check TEXT,
  last_seq BIGINT NOT NULL DEFAULT 0,
  bytes_used BIGINT NOT NULL DEFAULT 0
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
  bytes BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (shop_id, seq),
  UNIQUE (shop_id, change_id)
);
`;

/**
 * A database written before quotas had no byte counts: they are added and counted once (the same
 * octet lengths as storedBytes).
 */
const ADD_BYTE_COUNTS = `
ALTER TABLE changes ADD COLUMN bytes BIGINT NOT NULL DEFAULT 0;
UPDATE changes SET bytes = octet_length(payload) + octet_length(change_id) + octet_length(table_name)
  + octet_length(row_key) + octet_length(hlc);
ALTER TABLE shops ADD COLUMN bytes_used BIGINT NOT NULL DEFAULT 0;
UPDATE shops SET bytes_used = (SELECT COALESCE(SUM(bytes), 0) FROM changes WHERE changes.shop_id = shops.id);
`;

interface DeviceRecord {
  id: string;
  shop_id: string;
  name: string;
  owner: boolean;
  token_hash: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

function toDevice(r: DeviceRecord): StoredDevice {
  return {
    id: r.id,
    shopId: r.shop_id,
    name: r.name,
    owner: r.owner,
    tokenHash: r.token_hash,
    createdAt: Number(r.created_at),
    lastSeenAt: num(r.last_seen_at),
    revokedAt: num(r.revoked_at),
  };
}

export class PostgresStorage implements SyncStorage {
  private constructor(private pool: pg.Pool) {}

  static async connect(connectionString: string): Promise<PostgresStorage> {
    const pool = new pg.Pool({ connectionString, max: 10 });
    // An idle connection can be cut (a database restart, an administrator): the pool replaces it.
    // Without a listener node-postgres rethrows the error and the whole server would exit.
    pool.on('error', (error) => console.error(`Daifuku sync storage: a PostgreSQL connection closed: ${error.message}`));
    // Several servers may start at once against one database: only one creates the tables.
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(727274)');
      try {
        await client.query(SCHEMA);
        const { rows } = await client.query(
          `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'changes' AND column_name = 'bytes'`,
        );
        if (rows.length === 0) await client.query(`BEGIN; ${ADD_BYTE_COUNTS} COMMIT;`);
      } finally {
        await client.query('SELECT pg_advisory_unlock(727274)');
      }
    } finally {
      client.release();
    }
    return new PostgresStorage(pool);
  }

  private async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private insertDevice(client: pg.PoolClient, d: StoredDevice) {
    return client.query(
      'INSERT INTO devices (id, shop_id, name, owner, token_hash, created_at, last_seen_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [d.id, d.shopId, d.name, d.owner, d.tokenHash, d.createdAt, d.lastSeenAt, d.revokedAt],
    );
  }

  async createShop(shopId: string, createdAt: number, owner: StoredDevice): Promise<void> {
    await this.inTransaction(async (client) => {
      await client.query('INSERT INTO shops (id, created_at) VALUES ($1, $2)', [shopId, createdAt]);
      await this.insertDevice(client, owner);
    });
  }

  async deviceByTokenHash(tokenHash: string): Promise<StoredDevice | undefined> {
    const { rows } = await this.pool.query<DeviceRecord>('SELECT * FROM devices WHERE token_hash = $1', [tokenHash]);
    return rows[0] && toDevice(rows[0]);
  }

  async touchDevice(deviceId: string, at: number): Promise<void> {
    await this.pool.query('UPDATE devices SET last_seen_at = $1 WHERE id = $2', [at, deviceId]);
  }

  async addPairingCode(codeHash: string, shopId: string, createdAt: number, expiresAt: number): Promise<void> {
    await this.pool.query('INSERT INTO pairing_codes (code_hash, shop_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      codeHash,
      shopId,
      createdAt,
      expiresAt,
    ]);
  }

  async redeemPairingCode(codeHash: string, now: number, device: Omit<StoredDevice, 'shopId'>): Promise<RedeemResult> {
    return this.inTransaction(async (client): Promise<RedeemResult> => {
      const { rows } = await client.query<{ shop_id: string; expires_at: string; used_at: string | null }>(
        'SELECT shop_id, expires_at, used_at FROM pairing_codes WHERE code_hash = $1 FOR UPDATE',
        [codeHash],
      );
      const code = rows[0];
      if (!code) return { ok: false, reason: 'unknown' };
      if (code.used_at !== null) return { ok: false, reason: 'used' };
      if (Number(code.expires_at) <= now) return { ok: false, reason: 'expired' };
      await client.query('UPDATE pairing_codes SET used_at = $1 WHERE code_hash = $2', [now, codeHash]);
      await this.insertDevice(client, { ...device, shopId: code.shop_id });
      return { ok: true, shopId: code.shop_id };
    });
  }

  async listDevices(shopId: string): Promise<StoredDevice[]> {
    const { rows } = await this.pool.query<DeviceRecord>('SELECT * FROM devices WHERE shop_id = $1 ORDER BY owner DESC, created_at, id', [shopId]);
    return rows.map(toDevice);
  }

  async revokeDevice(shopId: string, deviceId: string, at: number): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE devices SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 AND shop_id = $3',
      [at, deviceId, shopId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async handOverOwnership(shopId: string, fromId: string, toId: string): Promise<HandOverResult> {
    return this.inTransaction(async (client): Promise<HandOverResult> => {
      // Both rows locked in id order, so two handovers at once cannot deadlock or leave two owners.
      const { rows } = await client.query<DeviceRecord>(
        'SELECT * FROM devices WHERE shop_id = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE',
        [shopId, [fromId, toId]],
      );
      const from = rows.find((r) => r.id === fromId);
      const to = rows.find((r) => r.id === toId);
      if (!from || !from.owner || from.revoked_at !== null) return { ok: false, reason: 'not-owner' };
      if (!to || toId === fromId) return { ok: false, reason: 'unknown' };
      if (to.revoked_at !== null) return { ok: false, reason: 'revoked' };
      await client.query('UPDATE devices SET owner = (id = $2) WHERE id IN ($1, $2)', [fromId, toId]);
      return { ok: true };
    });
  }

  async appendChanges(shopId: string, deviceId: string, changes: readonly ChangeInput[], quotaBytes = Infinity) {
    // Throwing inside the transaction rolls the whole push back: a shop past its quota stores nothing.
    return this.inTransaction(async (client) => {
      const locked = await client.query<{ last_seq: string; bytes_used: string }>(
        'SELECT last_seq, bytes_used FROM shops WHERE id = $1 FOR UPDATE',
        [shopId],
      );
      let seq = Number(locked.rows[0]?.last_seq ?? 0);
      const used = Number(locked.rows[0]?.bytes_used ?? 0);
      let accepted = 0;
      let added = 0;
      for (const c of changes) {
        const bytes = storedBytes(c);
        const inserted = await client.query(
          `INSERT INTO changes (shop_id, seq, device_id, change_id, table_name, row_key, hlc, payload, bytes)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (shop_id, change_id) DO NOTHING`,
          [shopId, seq + 1, deviceId, c.id, c.table, c.row, c.hlc, c.payload, bytes],
        );
        if ((inserted.rowCount ?? 0) > 0) {
          seq += 1;
          accepted += 1;
          added += bytes;
        }
      }
      if (added > 0 && used + added > quotaBytes) throw new ShopFullError(used, quotaBytes);
      await client.query('UPDATE shops SET last_seq = $1, bytes_used = bytes_used + $2 WHERE id = $3', [seq, added, shopId]);
      return { accepted, duplicates: changes.length - accepted };
    });
  }

  async usedBytes(shopId: string): Promise<number> {
    const { rows } = await this.pool.query<{ bytes_used: string }>('SELECT bytes_used FROM shops WHERE id = $1', [shopId]);
    return Number(rows[0]?.bytes_used ?? 0);
  }

  async changesAfter(shopId: string, after: number, { count, maxBytes }: PageLimit): Promise<StoredChange[]> {
    const { rows } = await this.pool.query<{
      seq: string;
      device_id: string;
      change_id: string;
      table_name: string;
      row_key: string;
      hlc: string;
      payload: string;
    }>(
      // A change is in the page when the ones before it hold less than maxBytes, so the first
      // always is. Payloads live out of line (TOAST): sizing the page never reads them.
      `SELECT c.seq, c.device_id, c.change_id, c.table_name, c.row_key, c.hlc, c.payload
       FROM (
         SELECT seq, bytes, SUM(bytes) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) AS running
         FROM (SELECT seq, bytes FROM changes WHERE shop_id = $1 AND seq > $2 ORDER BY seq LIMIT $3) first_rows
       ) page
       JOIN changes c ON c.shop_id = $1 AND c.seq = page.seq
       WHERE page.running - page.bytes < $4
       ORDER BY c.seq`,
      [shopId, after, count, maxBytes],
    );
    return rows.map((r) => ({
      seq: Number(r.seq),
      deviceId: r.device_id,
      id: r.change_id,
      table: r.table_name,
      row: r.row_key,
      hlc: r.hlc,
      payload: r.payload,
    }));
  }

  async keyCheck(shopId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ key_check: string | null }>('SELECT key_check FROM shops WHERE id = $1', [shopId]);
    return rows[0]?.key_check ?? null;
  }

  async setKeyCheck(shopId: string, keyCheck: string): Promise<boolean> {
    const result = await this.pool.query('UPDATE shops SET key_check = $1 WHERE id = $2 AND key_check IS NULL', [keyCheck, shopId]);
    return (result.rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
