/**
 * Where sync stands, for the header. Kept apart from the loop so the first screen's bundle does
 * not carry the sync client (its HTTP code and zod), which loads after start-up.
 */
import type { EncryptionProblem } from './engine-problems';
import type { UnreachableReason } from './http-api';

export type SyncPhase = 'off' | 'syncing' | 'idle' | 'offline' | 'error';
/** `shop-full`: the server's storage quota for this shop is reached; changes wait on the device. */
export type SyncProblem =
  'unreachable' | 'revoked' | 'server' | 'storage' | 'shop-full' | EncryptionProblem;

export interface SyncStatus {
  phase: SyncPhase;
  problem?: SyncProblem;
  /** Why the last attempt got no answer (offline, or the server unreachable). */
  reason?: UnreachableReason;
  serverUrl?: string;
  lastSyncedAt?: number;
}

export class SyncStatusStore {
  private status: SyncStatus = { phase: 'off' };
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = (): SyncStatus => this.status;

  set(next: SyncStatus): void {
    this.status = next;
    for (const listener of this.listeners) listener();
  }
}

/** The app's sync status (the app's SyncLoop writes it). */
export const syncStatus = new SyncStatusStore();
