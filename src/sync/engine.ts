/**
 * One round of sync: push the outbox in small batches, then pull others' changes after the stored
 * cursor, page by page, each page applied in its own short transaction with the cursor saved in it.
 * Every step is safe to repeat: the server ignores a replayed push, the merge ignores a change it
 * already holds, and a lost answer only means the step runs again.
 */
import type { PlainPayload, PulledChange, WireChange } from '../../server/sync/protocol';
import { applyRemoteChanges, followLastVisits } from '../db/sync-apply';
import { holdBack, pendingChanges, releaseHeldBack, removePushed, type PendingChange } from '../db/sync-outbox';
import { readProgress } from '../db/sync-state';
import { syncedTableNames } from '../db/sync-tables';
import type { DaifukuDB } from '../db/schema';
import { decryptText, encryptText, keyMatches } from './crypto';
import { SyncRequestError, type SyncTransport } from './http-api';
import type { EncryptionProblem } from './engine-problems';
import type { Change, Json } from './merge';

export type { EncryptionProblem };

export const PUSH_BATCH = 200;
export const PULL_PAGE = 1000;


export class EncryptionError extends Error {
  constructor(readonly problem: EncryptionProblem) {
    super(problem);
    this.name = 'EncryptionError';
  }
}

export interface SyncKeys {
  /** The shop's key when this device has it. */
  key?: CryptoKey;
}

export interface RoundResult {
  pushed: number;
  pulled: number;
  /** The shop's key check as the server last said (null: the shop does not encrypt). */
  keyCheck: string | null;
}

export async function toWire(change: Change, key: CryptoKey | undefined): Promise<WireChange> {
  const plain: PlainPayload = change.purge ? { purge: true } : { set: change.set ?? {} };
  const payload = key ? { enc: await encryptText(key, JSON.stringify(plain)) } : plain;
  return { id: change.id, table: change.table, row: change.row, hlc: change.hlc, payload };
}

export async function fromWire(wire: PulledChange | WireChange, key: CryptoKey | undefined): Promise<Change> {
  let plain: PlainPayload;
  if ('enc' in wire.payload) {
    if (!key) throw new EncryptionError('passphrase-needed');
    plain = JSON.parse(await decryptText(key, wire.payload.enc)) as PlainPayload;
  } else {
    plain = wire.payload;
  }
  const change: Change = { id: wire.id, table: wire.table, row: wire.row, hlc: wire.hlc };
  if (plain.purge) change.purge = true;
  else change.set = (plain.set ?? {}) as Record<string, Json>;
  return change;
}

const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Set-aside changes are offered again at least this often, whatever the clocks said. */
const HELD_BACK_RETRY_MAX_MS = 60 * 60_000;

/**
 * When to offer refused changes again: once the server's clock has reached the latest one's
 * allowance, by the server's own figures (this device's clock is the one in doubt), and at least
 * hourly in case either clock is corrected meanwhile.
 */
function heldBackRetryAt(held: readonly PendingChange[], error: SyncRequestError, now: number): number {
  const latest = Math.max(...held.map((p) => Number(p.change.hlc.slice(0, 15))));
  const { serverTime = now, maxAheadMs = 0 } = error.details;
  const wait = latest - maxAheadMs - serverTime + 1_000;
  return now + Math.min(HELD_BACK_RETRY_MAX_MS, Math.max(1_000, wait));
}

export async function pushOutbox(db: DaifukuDB, transport: SyncTransport, key: CryptoKey | undefined, batch = PUSH_BATCH): Promise<number> {
  await releaseHeldBack(db, Date.now());
  let pushed = 0;
  for (;;) {
    const pending = await pendingChanges(db, batch);
    if (pending.length === 0) return pushed;
    const wire = await Promise.all(pending.map((p) => toWire(p.change, key)));
    try {
      await transport.push(wire);
    } catch (error) {
      // Changes stamped too far in the future are set aside (kept on this device, offered again
      // later) so they never block the rest of the outbox; the rest of the batch goes again.
      const refused = error instanceof SyncRequestError && error.kind === 'clock-ahead' ? new Set(error.details.refused) : undefined;
      const held = refused ? pending.filter((p) => refused.has(p.change.id)) : [];
      if (held.length === 0) throw error;
      await holdBack(db, held, heldBackRetryAt(held, error as SyncRequestError, Date.now()));
      continue;
    }
    await removePushed(
      db,
      pending.map((p) => p.seq),
    );
    pushed += pending.length;
    await yieldToUi();
  }
}

export async function pullChanges(
  db: DaifukuDB,
  transport: SyncTransport,
  key: CryptoKey | undefined,
  limit = PULL_PAGE,
): Promise<{ pulled: number; keyCheck: string | null }> {
  const tables = syncedTableNames(db.core.schema).sort();
  const progress = await readProgress(db);
  // A table this version syncs that the cursor was not read with: read everything again, so its
  // rows (kept by the server all along) arrive. Re-applying the rest changes nothing.
  const cursor = tables.every((t) => progress.tables.includes(t)) ? progress.cursor : 0;
  let pulled = 0;
  let keyChecked = false;
  // A pull cut short earlier may have left cards' last visits to follow.
  await followLastVisits(db);
  let next = transport.pull(cursor, limit);
  for (;;) {
    const page = await next;
    // The next page travels while this one is written. Its failure, if this one's write fails
    // first, is not an unhandled one: the write's error is the one reported.
    if (page.more) {
      next = transport.pull(page.cursor, limit);
      next.catch(() => undefined);
    }
    if (!keyChecked && page.keyCheck !== null) {
      if (!key) throw new EncryptionError('passphrase-needed');
      if (!(await keyMatches(key, page.keyCheck))) throw new EncryptionError('wrong-passphrase');
      keyChecked = true;
    }
    const changes = await Promise.all(page.changes.map((c) => fromWire(c, key)));
    await applyRemoteChanges(db, changes, { cursor: page.cursor, tables });
    pulled += changes.length;
    if (!page.more) {
      await followLastVisits(db);
      return { pulled, keyCheck: page.keyCheck };
    }
    await yieldToUi();
  }
}

/** Push, then pull until the server has nothing more. */
export async function syncRound(db: DaifukuDB, transport: SyncTransport, keys: SyncKeys = {}): Promise<RoundResult> {
  const pushed = await pushOutbox(db, transport, keys.key);
  const { pulled, keyCheck } = await pullChanges(db, transport, keys.key);
  return { pushed, pulled, keyCheck };
}
