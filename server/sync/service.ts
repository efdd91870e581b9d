// The sync server's rules, independent of HTTP: who may do what, pairing, and the relay of changes.
// Routes (server/sync/routes.ts) validate payloads and call this; the client's property tests run
// against it directly with in-memory storage.
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { DEFAULT_LIMITS, type SyncLimits } from './limits.js';
import { PAIRING_ALPHABET, normalizePairingCode, type DeviceInfo, type PullResponse, type SyncErrorCode, type WireChange } from './protocol.js';
import { ShopFullError, storedBytes, type StoredDevice, type SyncStorage } from './storage.js';

export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;
const PAIRING_CODE_LENGTH = 8;

export class SyncServiceError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 429 | 507,
    readonly code: SyncErrorCode,
    /** More for the client than the code alone (which changes were refused, how full the shop is). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(code);
    this.name = 'SyncServiceError';
  }
}

/** The wall-clock part of a timestamp (its first 15 digits), in ms. */
function hlcMillis(hlc: string): number {
  return Number(hlc.slice(0, 15));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export interface ServiceOptions {
  now?: () => number;
  limits?: Partial<SyncLimits>;
}

export class SyncService {
  private readonly now: () => number;
  readonly limits: Readonly<SyncLimits>;

  constructor(
    readonly storage: SyncStorage,
    options: ServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  /** The server's clock, for the rate limits (tests move it). */
  clock(): number {
    return this.now();
  }

  /** The first device: creates the shop and becomes its owner. */
  async createShop(deviceName: string) {
    const shopId = randomUUID();
    const token = newToken();
    const device: StoredDevice = {
      id: randomUUID(),
      shopId,
      name: deviceName,
      owner: true,
      tokenHash: sha256(token),
      createdAt: this.now(),
      lastSeenAt: null,
      revokedAt: null,
    };
    await this.storage.createShop(shopId, device.createdAt, device);
    return { shopId, deviceId: device.id, token, keyCheck: null };
  }

  /** The device a bearer token belongs to; unknown and revoked tokens are refused alike. */
  async authenticate(token: string | undefined): Promise<StoredDevice> {
    if (!token) throw new SyncServiceError(401, 'unauthorized');
    const device = await this.storage.deviceByTokenHash(sha256(token));
    if (!device || device.revokedAt !== null) throw new SyncServiceError(401, 'unauthorized');
    await this.storage.touchDevice(device.id, this.now());
    return device;
  }

  async createPairingCode(device: StoredDevice) {
    if (!device.owner) throw new SyncServiceError(403, 'forbidden');
    const code = newPairingCode();
    const expiresAt = this.now() + PAIRING_CODE_TTL_MS;
    await this.storage.addPairingCode(sha256(normalizePairingCode(code)), device.shopId, this.now(), expiresAt);
    return { code, expiresAt };
  }

  async pair(code: string, deviceName: string) {
    const token = newToken();
    const id = randomUUID();
    const result = await this.storage.redeemPairingCode(sha256(normalizePairingCode(code)), this.now(), {
      id,
      name: deviceName,
      owner: false,
      tokenHash: sha256(token),
      createdAt: this.now(),
      lastSeenAt: null,
      revokedAt: null,
    });
    if (!result.ok) {
      if (result.reason === 'unknown') throw new SyncServiceError(404, 'code-unknown');
      throw new SyncServiceError(410, result.reason === 'expired' ? 'code-expired' : 'code-used');
    }
    return { shopId: result.shopId, deviceId: id, token, keyCheck: await this.storage.keyCheck(result.shopId) };
  }

  async devices(device: StoredDevice): Promise<DeviceInfo[]> {
    if (!device.owner) throw new SyncServiceError(403, 'forbidden');
    return (await this.storage.listDevices(device.shopId)).map(({ id, name, owner, createdAt, lastSeenAt, revokedAt }) => ({
      id,
      name,
      owner,
      createdAt,
      lastSeenAt,
      revokedAt,
    }));
  }

  /**
   * The owner device cannot revoke itself: the shop would be left with nobody to add or revoke
   * devices. It hands ownership to another device first (handOver), and that one may revoke it.
   */
  async revoke(device: StoredDevice, deviceId: string): Promise<void> {
    if (!device.owner) throw new SyncServiceError(403, 'forbidden');
    if (deviceId === device.id) throw new SyncServiceError(409, 'cannot-revoke-owner');
    if (!(await this.storage.revokeDevice(device.shopId, deviceId, this.now()))) throw new SyncServiceError(404, 'not-found');
  }

  /** The owner device makes another of the shop's devices the owner, and becomes an ordinary one. */
  async handOver(device: StoredDevice, deviceId: string): Promise<void> {
    if (!device.owner) throw new SyncServiceError(403, 'forbidden');
    if (deviceId === device.id) throw new SyncServiceError(400, 'invalid-request');
    const result = await this.storage.handOverOwnership(device.shopId, device.id, deviceId);
    if (result.ok) return;
    if (result.reason === 'not-owner') throw new SyncServiceError(403, 'forbidden');
    if (result.reason === 'revoked') throw new SyncServiceError(409, 'device-revoked');
    throw new SyncServiceError(404, 'not-found');
  }

  /**
   * Stores a device's changes, all or none. Refused whole: changes stamped further ahead of this
   * server's clock than the limit (a device with a wrong clock would otherwise drag every device's
   * clock into the future with its first pull), plain changes once the shop encrypts, and a push
   * that would take the shop past its quota.
   */
  async push(device: StoredDevice, changes: readonly WireChange[]) {
    const now = this.now();
    const refused = changes.filter((c) => hlcMillis(c.hlc) > now + this.limits.maxClockAheadMs).map((c) => c.id);
    if (refused.length > 0) {
      throw new SyncServiceError(400, 'clock-ahead', { refused, serverTime: now, maxAheadMs: this.limits.maxClockAheadMs });
    }
    const encrypted = (await this.storage.keyCheck(device.shopId)) !== null;
    if (encrypted && changes.some((c) => !('enc' in c.payload))) throw new SyncServiceError(409, 'encryption-required');
    try {
      return await this.storage.appendChanges(
        device.shopId,
        device.id,
        changes.map(({ id, table, row, hlc, payload }) => ({ id, table, row, hlc, payload: JSON.stringify(payload) })),
        this.limits.shopQuotaBytes,
      );
    } catch (error) {
      if (error instanceof ShopFullError) {
        throw new SyncServiceError(507, 'shop-full', { usedBytes: error.usedBytes, quotaBytes: error.quotaBytes });
      }
      throw error;
    }
  }

  /**
   * Changes after the cursor, oldest first, without the asking device's own. The cursor moves past
   * the whole page read, own changes included, so `more` may come with an empty page.
   */
  async pull(device: StoredDevice, after: number, limit: number): Promise<PullResponse> {
    const maxBytes = this.limits.pullPageBytes;
    const page = await this.storage.changesAfter(device.shopId, after, { count: limit, maxBytes });
    // A page cut by size says there is more; at worst the next pull finds nothing and says not.
    const cutBySize = page.reduce((sum, c) => sum + storedBytes(c), 0) >= maxBytes;
    const changes = page
      .filter((c) => c.deviceId !== device.id)
      .map(({ seq, id, table, row, hlc, payload }) => ({ seq, id, table, row, hlc, payload: JSON.parse(payload) as WireChange['payload'] }));
    return {
      changes,
      cursor: page.length ? page[page.length - 1]!.seq : after,
      more: page.length === limit || cutBySize,
      keyCheck: await this.storage.keyCheck(device.shopId),
    };
  }

  async setEncryption(device: StoredDevice, keyCheck: string): Promise<void> {
    if (!device.owner) throw new SyncServiceError(403, 'forbidden');
    if (!(await this.storage.setKeyCheck(device.shopId, keyCheck))) throw new SyncServiceError(409, 'encryption-already-set');
  }

  async whoAmI(device: StoredDevice) {
    return { shopId: device.shopId, deviceId: device.id, owner: device.owner, keyCheck: await this.storage.keyCheck(device.shopId) };
  }
}
