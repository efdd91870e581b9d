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

export type HandOverResult = { ok: true } | { ok: false; reason: 'not-owner' | 'unknown' | 'revoked' };

/** A push that would take the shop past its quota: nothing of it was stored. */
export class ShopFullError extends Error {
  constructor(
    readonly usedBytes: number,
    readonly quotaBytes: number,
  ) {
    super(`the shop's sync storage is full (${usedBytes} of ${quotaBytes} bytes)`);
    this.name = 'ShopFullError';
  }
}

/**
 * What a change counts for against its shop's quota and a pull page's size: the UTF-8 bytes of its
 * payload and coordinates, as stored (SQL backfills use octet lengths of the same five columns).
 */
export function storedBytes(change: ChangeInput): number {
  return utf8Length(change.payload) + utf8Length(change.id) + utf8Length(change.table) + utf8Length(change.row) + utf8Length(change.hlc);
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair: one four-byte character.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A page of changes stops once it holds `maxBytes` (see storedBytes); it always holds at least one. */
export interface PageLimit {
  count: number;
  maxBytes: number;
}

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
  /** Atomically: `fromId` (still the owner, else not-owner) stops being the owner and `toId` (a live device of the shop) becomes it. */
  handOverOwnership(shopId: string, fromId: string, toId: string): Promise<HandOverResult>;
  /**
   * Appends in order; a change whose id the shop already has is skipped (a replayed push). When the
   * new changes would take the shop's stored bytes past `quotaBytes`, stores none and throws ShopFullError.
   */
  appendChanges(
    shopId: string,
    deviceId: string,
    changes: readonly ChangeInput[],
    quotaBytes?: number,
  ): Promise<{ accepted: number; duplicates: number }>;
  /** Changes with seq > after, oldest first, at most `page.count` and stopping once `page.maxBytes` are reached. */
  changesAfter(shopId: string, after: number, page: PageLimit): Promise<StoredChange[]>;
  /** The bytes the shop's changes take (see storedBytes). */
  usedBytes(shopId: string): Promise<number>;
  keyCheck(shopId: string): Promise<string | null>;
  /** Sets the shop's encryption key check once; false when it already had one. */
  setKeyCheck(shopId: string, keyCheck: string): Promise<boolean>;
  close(): Promise<void>;
}
