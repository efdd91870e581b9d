// The sync server's rules, independent of HTTP: who may do what, pairing, and the relay of changes.
// Routes (server/sync/routes.ts) validate payloads and call this; the client's property tests run
// against it directly with in-memory storage.
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { PAIRING_ALPHABET, normalizePairingCode, type DeviceInfo, type PullResponse, type SyncErrorCode, type WireChange } from './protocol.js';
import type { StoredDevice, SyncStorage } from './storage.js';

export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;
const PAIRING_CODE_LENGTH = 8;

export class SyncServiceError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413,
    readonly code: SyncErrorCode,
  ) {
    super(code);
    this.name = 'SyncServiceError';
  }
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
}

export class SyncService {
  private readonly now: () => number;

  constructor(
    readonly storage: SyncStorage,
    options: ServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
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

  async revoke(device: StoredDevice, deviceId: string): Promise<void> {
    if (!device.owner) throw new SyncServiceError(403, 'forbidden');
    if (!(await this.storage.revokeDevice(device.shopId, deviceId, this.now()))) throw new SyncServiceError(404, 'not-found');
  }

  async push(device: StoredDevice, changes: readonly WireChange[]) {
    const encrypted = (await this.storage.keyCheck(device.shopId)) !== null;
    if (encrypted && changes.some((c) => !('enc' in c.payload))) throw new SyncServiceError(409, 'encryption-required');
    return this.storage.appendChanges(
      device.shopId,
      device.id,
      changes.map(({ id, table, row, hlc, payload }) => ({ id, table, row, hlc, payload: JSON.stringify(payload) })),
    );
  }

  /**
   * Changes after the cursor, oldest first, without the asking device's own. The cursor moves past
   * the whole page read, own changes included, so `more` may come with an empty page.
   */
  async pull(device: StoredDevice, after: number, limit: number): Promise<PullResponse> {
    const page = await this.storage.changesAfter(device.shopId, after, limit);
    const changes = page
      .filter((c) => c.deviceId !== device.id)
      .map(({ seq, id, table, row, hlc, payload }) => ({ seq, id, table, row, hlc, payload: JSON.parse(payload) as WireChange['payload'] }));
    return {
      changes,
      cursor: page.length ? page[page.length - 1]!.seq : after,
      more: page.length === limit,
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
