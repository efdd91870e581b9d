/**
 * Starting sync, joining a shop, and the owner's device management: what the Sync section of
 * Settings calls. Network talk goes through SyncHttpApi; the ledger side through src/db.
 */
import type { DaifukuDB } from '../db/schema';
import { clearSetAside } from '../db/sync/set-aside';
import { startCapturing } from '../db/sync/snapshot';
import { readConnection, readEncryption, saveConnection, saveEncryption, saveProgress, type SyncConnection } from '../db/sync/state';
import { deriveShopKey, keyMatches, makeKeyCheck } from './crypto';
import { retrySetAside } from './engine';
import { normalizeServerUrl, SyncHttpApi } from './http-api';
import type { SyncLoop } from './loop';

export const MIN_PASSPHRASE_LENGTH = 8;

export interface PairingCode {
  code: string;
  expiresAt: number;
  /** What the QR code holds: this app's Settings on the shop's server, with the code. */
  url: string;
}

export function pairingUrl(serverUrl: string, code: string): string {
  return `${serverUrl}/settings#pair=${encodeURIComponent(code)}`;
}

/** A pairing code carried in the address (from a scanned QR code), if any. */
export function pairingCodeFromHash(hash: string): string | undefined {
  const match = /(?:^#|&)pair=([^&]+)/.exec(hash);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/** A name for the device list, guessed from the browser; the person can change it. */
export function guessDeviceName(userAgent: string): string {
  if (/iPad/.test(userAgent)) return 'iPad';
  if (/iPhone/.test(userAgent)) return 'iPhone';
  if (/Android/.test(userAgent)) return /Mobile/.test(userAgent) ? 'Android phone' : 'Android tablet';
  if (/Windows/.test(userAgent)) return 'Windows PC';
  if (/Macintosh/.test(userAgent)) return 'Mac';
  if (/Linux/.test(userAgent)) return 'Linux PC';
  return 'Device';
}

export class SyncActions {
  constructor(
    private readonly db: DaifukuDB,
    private readonly loop: SyncLoop,
  ) {}

  private async connection(): Promise<SyncConnection> {
    const connection = await readConnection(this.db);
    if (!connection) throw new Error('this device does not sync');
    return connection;
  }

  private async api(): Promise<SyncHttpApi> {
    const { serverUrl, token } = await this.connection();
    return new SyncHttpApi(serverUrl, token);
  }

  /** The first device: creates the shop on the server, becomes its owner, and sends its ledger. */
  async startSync(server: string, deviceName: string, passphrase?: string): Promise<PairingCode> {
    const serverUrl = normalizeServerUrl(server);
    const joined = await new SyncHttpApi(serverUrl).createShop(deviceName);
    const api = new SyncHttpApi(serverUrl, joined.token);
    if (passphrase) {
      const key = await deriveShopKey(passphrase, joined.shopId);
      const keyCheck = await makeKeyCheck(key);
      // Before anything is pushed, so the server never holds a readable change of this shop.
      await api.setEncryption(keyCheck);
      await saveEncryption(this.db, { key, keyCheck });
    }
    await saveConnection(this.db, { serverUrl, shopId: joined.shopId, deviceId: joined.deviceId, deviceName, token: joined.token, owner: true });
    await saveProgress(this.db, { cursor: 0, tables: [] });
    await clearSetAside(this.db);
    await startCapturing(this.db);
    await this.loop.start();
    return this.createPairingCode();
  }

  /**
   * Another device joins with a code from the owner's. A device with nothing but the start-up
   * owner and settings takes the shop's; one with customers brings them along.
   */
  async joinShop(server: string, code: string, deviceName: string, passphrase?: string): Promise<void> {
    const serverUrl = normalizeServerUrl(server);
    const joined = await new SyncHttpApi(serverUrl).pair(code, deviceName);
    await saveConnection(this.db, { serverUrl, shopId: joined.shopId, deviceId: joined.deviceId, deviceName, token: joined.token, owner: false });
    // A device joining again (after being revoked) reads its new shop from the start; what it had
    // set aside belonged to the shop it left.
    await saveProgress(this.db, { cursor: 0, tables: [] });
    await clearSetAside(this.db);
    if (joined.keyCheck && passphrase) {
      const key = await deriveShopKey(passphrase, joined.shopId);
      if (await keyMatches(key, joined.keyCheck)) await saveEncryption(this.db, { key, keyCheck: joined.keyCheck });
    }
    await startCapturing(this.db, { adoptShopSetup: true });
    await this.loop.start();
  }

  /** The shop passphrase on this device; false when it does not match the shop's. */
  async unlock(passphrase: string): Promise<boolean> {
    const connection = await this.connection();
    const { keyCheck } = await (await this.api()).me();
    if (!keyCheck) return true;
    const key = await deriveShopKey(passphrase, connection.shopId);
    if (!(await keyMatches(key, keyCheck))) return false;
    await saveEncryption(this.db, { key, keyCheck });
    await this.loop.start();
    return true;
  }

  /**
   * "Try again" in Settings → Sync: every change set aside is tried again now (pulled ones are
   * applied if they can be, this device's own go back to the outbox), then a round runs.
   */
  async retrySetAside(): Promise<number> {
    const connection = await this.connection();
    const encryption = await readEncryption(this.db);
    const applied = await retrySetAside(this.db, { key: encryption?.key, shopId: connection.shopId }, true);
    await this.loop.syncNow();
    return applied;
  }

  async createPairingCode(): Promise<PairingCode> {
    const { serverUrl } = await this.connection();
    const { code, expiresAt } = await (await this.api()).createPairingCode();
    return { code, expiresAt, url: pairingUrl(serverUrl, code) };
  }

  async devices() {
    return (await this.api()).devices();
  }

  async revoke(deviceId: string): Promise<void> {
    await (await this.api()).revoke(deviceId);
  }

  /**
   * Hands the owner role to another device (the person confirmed it with an owner PIN); this
   * device then is an ordinary one, which the new owner device may revoke.
   */
  async makeOwner(deviceId: string): Promise<void> {
    await (await this.api()).makeOwner(deviceId);
    const connection = await this.connection();
    await saveConnection(this.db, { ...connection, owner: false });
  }

  /** Takes this device's role from the server, which changes when the owner role is handed over. */
  async refreshRole(): Promise<void> {
    const asked = await this.connection();
    const { owner } = await new SyncHttpApi(asked.serverUrl, asked.token).me();
    // Only for the connection that asked (the device may have left or joined another shop since).
    const current = await readConnection(this.db);
    if (current?.token === asked.token && current.owner !== owner) await saveConnection(this.db, { ...current, owner });
  }
}
