/**
 * Browsers may evict IndexedDB under storage pressure unless the site holds persistent storage
 * (Dexie #958; iOS Safari after weeks without use). Ask once at start and show the answer in settings.
 */
export type PersistenceState = 'granted' | 'denied' | 'unsupported';

export async function requestPersistentStorage(): Promise<PersistenceState> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist || !storage.persisted) return 'unsupported';
  if (await storage.persisted()) return 'granted';
  return (await storage.persist()) ? 'granted' : 'denied';
}

export async function persistenceState(): Promise<PersistenceState> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persisted) return 'unsupported';
  return (await storage.persisted()) ? 'granted' : 'denied';
}

export interface StorageUse {
  usedBytes: number;
  quotaBytes: number;
}

export async function storageUse(): Promise<StorageUse | undefined> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.estimate) return undefined;
  const { usage, quota } = await storage.estimate();
  return usage === undefined || quota === undefined ? undefined : { usedBytes: usage, quotaBytes: quota };
}
