// The in-memory SyncStorage: the reference implementation, used by fast tests and the property
// tests' fake server. SQLite and PostgreSQL must behave exactly like it (server/sync/storage.test.ts).
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

interface Shop {
  createdAt: number;
  keyCheck: string | null;
  changes: Array<StoredChange & { bytes: number }>;
  changeIds: Set<string>;
  usedBytes: number;
}

export class MemoryStorage implements SyncStorage {
  private shops = new Map<string, Shop>();
  private devices = new Map<string, StoredDevice>();
  private codes = new Map<string, { shopId: string; expiresAt: number; used: boolean }>();
  private seq = 0;

  async createShop(shopId: string, createdAt: number, owner: StoredDevice): Promise<void> {
    this.shops.set(shopId, { createdAt, keyCheck: null, changes: [], changeIds: new Set(), usedBytes: 0 });
    this.devices.set(owner.id, { ...owner });
  }

  async deviceByTokenHash(tokenHash: string): Promise<StoredDevice | undefined> {
    for (const device of this.devices.values()) if (device.tokenHash === tokenHash) return { ...device };
    return undefined;
  }

  async touchDevice(deviceId: string, at: number): Promise<void> {
    const device = this.devices.get(deviceId);
    if (device) device.lastSeenAt = at;
  }

  async addPairingCode(codeHash: string, shopId: string, _createdAt: number, expiresAt: number): Promise<void> {
    this.codes.set(codeHash, { shopId, expiresAt, used: false });
  }

  async redeemPairingCode(codeHash: string, now: number, device: Omit<StoredDevice, 'shopId'>): Promise<RedeemResult> {
    const code = this.codes.get(codeHash);
    if (!code) return { ok: false, reason: 'unknown' };
    if (code.used) return { ok: false, reason: 'used' };
    if (code.expiresAt <= now) return { ok: false, reason: 'expired' };
    code.used = true;
    this.devices.set(device.id, { ...device, shopId: code.shopId });
    return { ok: true, shopId: code.shopId };
  }

  async listDevices(shopId: string): Promise<StoredDevice[]> {
    // The owner first, then by age, like the SQL storages.
    return [...this.devices.values()]
      .filter((d) => d.shopId === shopId)
      .sort((a, b) => Number(b.owner) - Number(a.owner) || a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map((d) => ({ ...d }));
  }

  async revokeDevice(shopId: string, deviceId: string, at: number): Promise<boolean> {
    const device = this.devices.get(deviceId);
    if (!device || device.shopId !== shopId) return false;
    device.revokedAt ??= at;
    return true;
  }

  async handOverOwnership(shopId: string, fromId: string, toId: string): Promise<HandOverResult> {
    const from = this.devices.get(fromId);
    const to = this.devices.get(toId);
    if (!from || from.shopId !== shopId || !from.owner || from.revokedAt !== null) return { ok: false, reason: 'not-owner' };
    if (!to || to.shopId !== shopId || toId === fromId) return { ok: false, reason: 'unknown' };
    if (to.revokedAt !== null) return { ok: false, reason: 'revoked' };
    from.owner = false;
    to.owner = true;
    return { ok: true };
  }

  async appendChanges(shopId: string, deviceId: string, changes: readonly ChangeInput[], quotaBytes = Infinity) {
    const shop = this.shops.get(shopId);
    if (!shop) throw new Error(`no shop ${shopId}`);
    const fresh = new Map<string, ChangeInput>();
    for (const change of changes) if (!shop.changeIds.has(change.id) && !fresh.has(change.id)) fresh.set(change.id, change);
    const added = [...fresh.values()].reduce((sum, change) => sum + storedBytes(change), 0);
    if (added > 0 && shop.usedBytes + added > quotaBytes) throw new ShopFullError(shop.usedBytes, quotaBytes);
    for (const change of fresh.values()) {
      shop.changeIds.add(change.id);
      shop.changes.push({ ...change, seq: ++this.seq, deviceId, bytes: storedBytes(change) });
    }
    shop.usedBytes += added;
    return { accepted: fresh.size, duplicates: changes.length - fresh.size };
  }

  async usedBytes(shopId: string): Promise<number> {
    return this.shops.get(shopId)?.usedBytes ?? 0;
  }

  async changesAfter(shopId: string, after: number, { count, maxBytes }: PageLimit): Promise<StoredChange[]> {
    const changes = this.shops.get(shopId)?.changes ?? [];
    // Sorted by seq: find the first after the cursor by binary search.
    let lo = 0;
    let hi = changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (changes[mid]!.seq <= after) lo = mid + 1;
      else hi = mid;
    }
    const page: StoredChange[] = [];
    let bytes = 0;
    for (let i = lo; i < changes.length && page.length < count && bytes < maxBytes; i++) {
      const { bytes: size, ...change } = changes[i]!;
      page.push(change);
      bytes += size;
    }
    return page;
  }

  async keyCheck(shopId: string): Promise<string | null> {
    return this.shops.get(shopId)?.keyCheck ?? null;
  }

  async setKeyCheck(shopId: string, keyCheck: string): Promise<boolean> {
    const shop = this.shops.get(shopId);
    if (!shop || shop.keyCheck !== null) return false;
    shop.keyCheck = keyCheck;
    return true;
  }

  async close(): Promise<void> {}
}
