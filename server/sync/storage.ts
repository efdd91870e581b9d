// What the sync server keeps, behind one interface with three implementations: in memory (tests),
// SQLite (the default, one file under DATA_DIR) and PostgreSQL (DATABASE_URL). The server is a
// relay: it never looks inside a change's payload, which is ciphertext when the shop encrypts.

export interface StoredDevice {
  id: string;
  shopId: string;
  name: string;
  owner: boolean;
  /** SHA-256 of the device's token, hex. The token itself is never stored. */
  tokenHash: string;
  createdAt: number;
  lastSeenAt: number | null;
  revokedAt: number | null;
}

export interface ChangeInput {
  id: string;
  table: string;
  row: string;
  hlc: string;
  /** The change's payload as JSON text, stored as received. */
  payload: string;
}

export interface StoredChange extends ChangeInput {
  /** Order of arrival on this server: what devices' cursors count. */
  seq: number;
  deviceId: string;
}

export type RedeemResult = { ok: true; shopId: string } | { ok: false; reason: 'unknown' | 'expired' | 'used' };

export interface SyncStorage {
  createShop(shopId: string, createdAt: number, owner: StoredDevice): Promise<void>;
  deviceByTokenHash(tokenHash: string): Promise<StoredDevice | undefined>;
  touchDevice(deviceId: string, at: number): Promise<void>;
  addPairingCode(codeHash: string, shopId: string, createdAt: number, expiresAt: number): Promise<void>;
  /** Atomically: checks the code is known, unexpired and unused, marks it used and adds the device. */
  redeemPairingCode(codeHash: string, now: number, device: Omit<StoredDevice, 'shopId'>): Promise<RedeemResult>;
  listDevices(shopId: string): Promise<StoredDevice[]>;
  /** False when the shop has no such device. */
  revokeDevice(shopId: string, deviceId: string, at: number): Promise<boolean>;
  /** Appends in order; a change whose id the shop already has is skipped (a replayed push). */
  appendChanges(shopId: string, deviceId: string, changes: readonly ChangeInput[]): Promise<{ accepted: number; duplicates: number }>;
  /** Changes with seq > after, oldest first, at most `limit`. */
  changesAfter(shopId: string, after: number, limit: number): Promise<StoredChange[]>;
  keyCheck(shopId: string): Promise<string | null>;
  /** Sets the shop's encryption key check once; false when it already had one. */
  setKeyCheck(shopId: string, keyCheck: string): Promise<boolean>;
  close(): Promise<void>;
}
