/**
 * The background loop: syncs soon after a local change, every few seconds while the app is in view
 * (a minute when hidden), at once when the network comes back or the app regains focus, and backs
 * off exponentially after failures. It only ever runs between the person's writes: each step is
 * its own short transaction, and nothing here holds the UI.
 *
 * Its status is what the header shows: off, syncing, idle (synced, or about to push), offline, or
 * an error with the problem to explain.
 */
import type { DaifukuDB } from '../db/schema';
import { watchPendingCount } from '../db/sync/outbox-status';
import { readConnection, readEncryption, saveConnection, type SyncConnection } from '../db/sync/state';
import { EncryptionError, syncRound } from './engine';
import { SyncHttpApi, SyncRequestError, type SyncTransport } from './http-api';
import { SyncStatusStore, type SyncPhase, type SyncProblem, type SyncStatus } from './status-store';

export type { SyncPhase, SyncProblem, SyncStatus };

export interface LoopOptions {
  pollMs?: number;
  hiddenPollMs?: number;
  /** Wait after a local change, so a burst of writes goes in one push. */
  debounceMs?: number;
  maxBackoffMs?: number;
  transportFor?: (connection: SyncConnection) => SyncTransport;
  /** Where the loop reports its status (the app's store, or a private one in tests). */
  status?: SyncStatusStore;
}

const DEFAULTS = { pollMs: 5_000, hiddenPollMs: 60_000, debounceMs: 300, maxBackoffMs: 5 * 60_000 };

/** Problems sync cannot get past by trying again: they wait for the person. */
const NEEDS_PERSON: ReadonlySet<SyncProblem> = new Set(['revoked', 'passphrase-needed', 'wrong-passphrase']);

export class SyncLoop {
  private readonly store: SyncStatusStore;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private runAgain = false;
  private failures = 0;
  private pending = 0;
  private stopWatching: (() => void) | undefined;
  private readonly options: Required<Omit<LoopOptions, 'transportFor' | 'status'>> & Pick<LoopOptions, 'transportFor'>;

  constructor(
    private readonly db: DaifukuDB,
    options: LoopOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.store = options.status ?? new SyncStatusStore();
  }

  get status(): SyncStatus {
    return this.store.get();
  }

  private setStatus(next: SyncStatus): void {
    this.store.set(next);
  }

  /** Starts when this device has joined a shop; safe to call again (after starting or joining). */
  async start(): Promise<void> {
    const connection = await readConnection(this.db);
    if (!connection) {
      this.setStatus({ phase: 'off' });
      return;
    }
    if (!this.stopWatching) {
      this.stopWatching = watchPendingCount(this.db, (count) => {
        const grew = count > this.pending;
        this.pending = count;
        if (grew) this.trigger(this.options.debounceMs);
      });
      // The browser's online/offline events only make the next attempt come sooner; what the
      // header says comes from how that attempt went.
      globalThis.addEventListener?.('online', this.onWake);
      globalThis.addEventListener?.('offline', this.onOffline);
      globalThis.addEventListener?.('focus', this.onWake);
      globalThis.document?.addEventListener('visibilitychange', this.onVisibility);
    }
    this.failures = 0;
    if (connection.revoked) this.setStatus({ phase: 'error', problem: 'revoked', serverUrl: connection.serverUrl });
    else this.trigger(0);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stopWatching?.();
    this.stopWatching = undefined;
    globalThis.removeEventListener?.('online', this.onWake);
    globalThis.removeEventListener?.('offline', this.onOffline);
    globalThis.removeEventListener?.('focus', this.onWake);
    globalThis.document?.removeEventListener('visibilitychange', this.onVisibility);
    this.setStatus({ phase: 'off' });
  }

  private onWake = () => {
    this.failures = 0;
    this.trigger(0);
  };

  /**
   * Only a hint: the next round finds out what is really so (a device that says it went offline may
   * still reach a server on the shop's own network, and one that says it is online may not).
   */
  private onOffline = () => {
    this.trigger(0);
  };

  private onVisibility = () => {
    if (globalThis.document?.visibilityState === 'visible') this.onWake();
  };

  /** Runs a round after `delayMs` (sooner if one was already due sooner). */
  trigger(delayMs = 0): void {
    if (this.status.phase === 'error' && this.status.problem && NEEDS_PERSON.has(this.status.problem) && delayMs > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delayMs);
  }

  /** One round now; resolves when it is done (the settings screen's "Sync now"). */
  async syncNow(): Promise<SyncStatus> {
    clearTimeout(this.timer);
    await this.run();
    return this.status;
  }

  private async run(): Promise<void> {
    if (this.running) {
      this.runAgain = true;
      return;
    }
    this.running = true;
    let next: number | undefined;
    try {
      next = await this.round();
    } finally {
      this.running = false;
    }
    if (this.runAgain) {
      this.runAgain = false;
      next = 0;
    }
    if (next !== undefined && this.stopWatching) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.run(), next);
    }
  }

  /** Returns when to run next, or undefined to wait for the person. */
  private async round(): Promise<number | undefined> {
    const connection = await readConnection(this.db);
    if (!connection) {
      this.setStatus({ phase: 'off' });
      return undefined;
    }
    const serverUrl = connection.serverUrl;
    if (connection.revoked) {
      this.setStatus({ phase: 'error', problem: 'revoked', serverUrl });
      return undefined;
    }
    // "Syncing…" only when there is something of ours to send or nothing pulled yet; the quiet
    // background polls keep showing "Synced".
    if (this.pending > 0 || !this.status.lastSyncedAt) this.setStatus({ ...this.status, phase: 'syncing', problem: undefined, reason: undefined, serverUrl });
    try {
      const encryption = await readEncryption(this.db);
      const transport = this.options.transportFor?.(connection) ?? new SyncHttpApi(serverUrl, connection.token);
      await syncRound(this.db, transport, { key: encryption?.key, shopId: connection.shopId });
      this.failures = 0;
      this.setStatus({ phase: 'idle', serverUrl, lastSyncedAt: Date.now() });
      return globalThis.document?.visibilityState === 'hidden' ? this.options.hiddenPollMs : this.options.pollMs;
    } catch (error) {
      if (error instanceof SyncRequestError && error.kind === 'rate-limited') {
        // The server asked this device to slow down: not a failure. Nothing was stored by the
        // refused request, so the changes still wait in the outbox; go on when it says.
        this.setStatus({ ...this.status, phase: 'syncing', problem: undefined, serverUrl });
        return error.details.retryAfterMs ?? this.options.pollMs;
      }
      const problem = await this.problemOf(error, connection);
      const reason = error instanceof SyncRequestError ? error.reason : undefined;
      this.failures += 1;
      if (problem === 'offline') this.setStatus({ ...this.status, phase: 'offline', problem: undefined, reason, serverUrl });
      else this.setStatus({ ...this.status, phase: 'error', problem, reason, serverUrl });
      if (problem !== 'offline' && NEEDS_PERSON.has(problem)) return undefined;
      const backoff = Math.min(this.options.maxBackoffMs, 1000 * 2 ** (this.failures - 1));
      return backoff * (0.75 + Math.random() * 0.5);
    }
  }

  private async problemOf(error: unknown, connection: SyncConnection): Promise<SyncProblem | 'offline'> {
    if (error instanceof EncryptionError) return error.problem;
    if (error instanceof SyncRequestError) {
      switch (error.kind) {
        case 'offline':
          return 'offline';
        case 'unreachable':
          return 'unreachable';
        case 'unauthorized': {
          // Only the connection that was refused (the device may have left or joined since).
          const current = await readConnection(this.db);
          if (current?.token === connection.token) await saveConnection(this.db, { ...current, revoked: true });
          return 'revoked';
        }
        case 'encryption-required':
          return 'passphrase-needed';
        case 'shop-full':
          return 'shop-full';
        default:
          return 'server';
      }
    }
    console.error('sync', error);
    return 'storage';
  }
}
