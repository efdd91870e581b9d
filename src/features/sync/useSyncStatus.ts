/** Where sync stands on this device, for the header and the Sync section of Settings. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import { db } from '../../db/db';
import { countHeldBack, countPending } from '../../db/sync/outbox-status';
import { readConnection, readEncryption, type SyncConnection } from '../../db/sync/state';
import { syncStatus, type SyncStatus } from '../../sync/status-store';

export interface SyncView extends SyncStatus {
  /** Changes made here and not yet on the server. */
  pending: number;
}

export function useSyncStatus(): SyncView {
  const status = useSyncExternalStore(syncStatus.subscribe, syncStatus.get, syncStatus.get);
  const pending = useLiveQuery(() => countPending(db), [], 0);
  return { ...status, pending };
}

export interface SyncSetup {
  connection: SyncConnection | null;
  encrypted: boolean;
}

/** This device's connection to the shop's server; undefined while loading. */
export function useSyncSetup(): SyncSetup | undefined {
  return useLiveQuery(async () => ({
    connection: (await readConnection(db)) ?? null,
    encrypted: Boolean(await readEncryption(db)),
  }));
}

/** Changes of this device set aside because the server found their time too far ahead. */
export function useHeldBackCount(): number {
  return useLiveQuery(() => countHeldBack(db), [], 0);
}
