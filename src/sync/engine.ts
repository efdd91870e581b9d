/**
 * One round of sync: push the outbox in batches bounded in count and bytes, then pull others'
 * changes after the stored cursor, page by page, each page applied in its own short transaction
 * with the cursor saved in it. Every step is safe to repeat: the server ignores a replayed push,
 * the merge ignores a change it already holds, and a lost answer only means the step runs again.
 *
 * One bad change cannot stop the rest, either way. A pulled change that cannot be read or applied
 * is set aside with its reason (src/db/sync/set-aside.ts) and the cursor moves past it; a change of
 * ours that the server will never take is set aside too, and the outbox goes on.
 */
import { wireChange, type PlainPayload, type PulledChange, type WireChange } from '../../server/sync/protocol';
import { applyArrivals, followLastVisits, type Arrival } from '../db/sync/apply';
import { holdBack, pendingChanges, releaseHeldBack, removePushed, type PendingChange } from '../db/sync/outbox';
import { resendOwnPhotosOnce } from '../db/sync/repair';
import { dueForRetry, pulledSetAside, requeueOutgoing, setAsideOutgoing } from '../db/sync/set-aside';
import { readProgress, type SyncProgress } from '../db/sync/state';
import { syncedTableNames } from '../db/sync/tables';
import type { DaifukuDB } from '../db/schema';
import type { SetAsideReason, SetAsideRow } from '../model/types';
import { BinaryValueError, decodeBinary, encodeBinary } from './binary';
import { keyMatches, openChange, sealChange, type ChangeBinding } from './crypto';
import { isFarAhead } from '../lib/sync/hlc-seen';
import { INPUT_QUIET_MS, usedWithin, watchInput } from '../lib/recent-input';
import { SyncRequestError, type SyncTransport } from './http-api';
import type { EncryptionProblem } from './engine-problems';
import type { Change, Json } from '../lib/sync/merge';
import { nextTask } from '../lib/next-task';

export type { EncryptionProblem };

export const PUSH_BATCH = 200;
/**
 * The most a push sends in one request, in bytes of JSON. The server refuses bodies over 4 MB
 * (MAX_BODY_BYTES in server/sync/routes.ts); a few photos fill a push long before 200 changes do.
 */
export const PUSH_MAX_BYTES = 3 * 1024 * 1024;
export const PULL_PAGE = 1000;

export class EncryptionError extends Error {
  constructor(readonly problem: EncryptionProblem) {
    super(problem);
    this.name = 'EncryptionError';
  }
}

/**
 * The shop's key when this device has it, and the shop's id, which every encrypted payload is
 * bound to (with its table, row and timestamp).
 */
export interface SyncKeys {
  key?: CryptoKey;
  shopId?: string;
}

function bindingOf(keys: SyncKeys, { table, row, hlc }: Pick<Change, 'table' | 'row' | 'hlc'>): ChangeBinding {
  if (keys.shopId === undefined) throw new Error('an encrypted change needs the shop id it is bound to');
  return { shopId: keys.shopId, table, row, hlc };
}

export interface RoundResult {
  pushed: number;
  pulled: number;
  /** Changes set aside this round (pulled ones that could not be applied, ours the server refused). */
  setAside: number;
  /** The shop's key check as the server last said (null: the shop does not encrypt). */
  keyCheck: string | null;
}

export async function toWire(change: Change, keys: SyncKeys): Promise<WireChange> {
  const plain: PlainPayload = change.purge ? { purge: true } : { set: await encodeBinary(change.set ?? {}) };
  const { id, table, row, hlc } = change;
  const payload = keys.key ? { enc: await sealChange(keys.key, JSON.stringify(plain), bindingOf(keys, change)) } : plain;
  return { id, table, row, hlc, payload };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What an encrypted payload must open to: `{set: {...}}` or `{purge: true}`, nothing else. */
function asPlainPayload(value: unknown): PlainPayload | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'purge' && value.purge === true) return { purge: true };
  if (keys.length === 1 && keys[0] === 'set' && isPlainObject(value.set)) return { set: value.set };
  return undefined;
}

/**
 * Reads a pulled change: opens its payload (bound to its shop, table, row and timestamp) and turns
 * tagged binary values back into Blobs. What cannot be read comes back as a problem, to be set
 * aside: never a thrown error that would stop the pull.
 */
export async function readWire(wire: PulledChange | WireChange, keys: SyncKeys, now = Date.now()): Promise<Arrival> {
  const seq = 'seq' in wire ? wire.seq : undefined;
  const arrival: Arrival = { wire, ...(seq === undefined ? {} : { seq }) };
  const problem = (reason: SetAsideReason): Arrival => ({ ...arrival, problem: { reason } });
  if (isFarAhead(wire.hlc, now)) return problem('clock-ahead');
  let plain: PlainPayload | undefined;
  if ('enc' in wire.payload) {
    // A device without the key has been told the shop does not encrypt (a shop that does stops
    // the pull before this, asking for the passphrase).
    if (!keys.key) return problem('unexpected-encryption');
    const binding = bindingOf(keys, wire);
    try {
      plain = asPlainPayload(JSON.parse(await openChange(keys.key, wire.payload.enc, binding)));
    } catch {
      return problem('undecodable');
    }
    if (!plain) return problem('undecodable');
  } else {
    // The shop encrypts: a readable payload was not written by one of its devices.
    if (keys.key) return problem('unexpected-encryption');
    plain = wire.payload;
  }
  const change: Change = { id: wire.id, table: wire.table, row: wire.row, hlc: wire.hlc };
  if (plain.purge) {
    change.purge = true;
  } else {
    try {
      change.set = decodeBinary((plain.set ?? {}) as Record<string, Json>);
    } catch (error) {
      if (error instanceof BinaryValueError) return problem(error.newer ? 'newer-version' : 'invalid');
      throw error;
    }
  }
  return { ...arrival, change };
}

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

const utf8 = new TextEncoder();

interface Outgoing {
  pending: PendingChange;
  wire: WireChange;
  bytes: number;
}

/** The server's answer when it will not take what was sent: too large, or not acceptable. */
function refusalOf(error: unknown): 'too-large' | 'refused' | undefined {
  if (!(error instanceof SyncRequestError) || error.kind !== 'server') return undefined;
  if (error.status === 413) return 'too-large';
  if (error.status === 400 || error.status === 422) return 'refused';
  return undefined;
}

/** Whether the protocol refused something for its size (inside a union's branches too). */
function mentionsTooBig(issues: readonly unknown[]): boolean {
  return issues.some((issue) => {
    const { code, errors } = issue as { code?: unknown; errors?: unknown };
    return code === 'too_big' || (Array.isArray(errors) && errors.some((branch) => Array.isArray(branch) && mentionsTooBig(branch)));
  });
}

/** Refusals in a row, with none accepted, that mean the server refuses everything, not one change. */
const REFUSALS_BEFORE_GIVING_UP = 3;

export async function pushOutbox(
  db: DaifukuDB,
  transport: SyncTransport,
  keys: SyncKeys,
  batch = PUSH_BATCH,
  maxBytes = PUSH_MAX_BYTES,
): Promise<{ pushed: number; setAside: number }> {
  await releaseHeldBack(db, Date.now());
  let pushed = 0;
  let setAside = 0;
  let budget = maxBytes;
  const putAside = async (items: readonly Outgoing[], reason: SetAsideReason) => {
    await setAsideOutgoing(
      db,
      items.map(({ pending }) => ({ seq: pending.seq, change: pending.change, reason })),
    );
    setAside += items.length;
  };
  const sent = async (items: readonly Outgoing[]) => {
    await removePushed(
      db,
      items.map((i) => i.pending),
    );
    pushed += items.length;
  };

  for (;;) {
    const pending = await pendingChanges(db, batch);
    if (pending.length === 0) return { pushed, setAside };
    const outgoing = await Promise.all(
      pending.map(async (p): Promise<Outgoing> => {
        const wire = await toWire(p.change, keys);
        return { pending: p, wire, bytes: utf8.encode(JSON.stringify(wire)).length };
      }),
    );
    // What the server could never take (larger than a request may be, or outside the protocol's
    // limits) is set aside at once rather than sent to fail again every round.
    const unfit = outgoing.flatMap((o): { o: Outgoing; reason: SetAsideReason }[] => {
      if (o.bytes > maxBytes) return [{ o, reason: 'too-large' }];
      const checked = wireChange.safeParse(o.wire);
      if (checked.success) return [];
      return [{ o, reason: mentionsTooBig(checked.error.issues) ? 'too-large' : 'refused' }];
    });
    if (unfit.length) {
      for (const reason of ['too-large', 'refused'] as const) {
        await putAside(
          unfit.filter((u) => u.reason === reason).map((u) => u.o),
          reason,
        );
      }
      continue;
    }
    const request: Outgoing[] = [];
    let bytes = 0;
    for (const o of outgoing) {
      if (request.length > 0 && bytes + o.bytes > budget) break;
      request.push(o);
      bytes += o.bytes;
    }
    try {
      await transport.push(request.map((o) => o.wire));
    } catch (error) {
      // Changes stamped too far in the future are held back (kept on this device, offered again
      // once the server's clock reaches them) so they never block the rest of the outbox.
      if (error instanceof SyncRequestError && error.kind === 'clock-ahead') {
        const refused = new Set(error.details.refused);
        const held = request.filter((o) => refused.has(o.pending.change.id)).map((o) => o.pending);
        if (held.length === 0) throw error;
        await holdBack(db, held, heldBackRetryAt(held, error, Date.now()));
        continue;
      }
      const refusal = refusalOf(error);
      if (refusal === 'too-large') {
        // The server takes less than we thought: send less per request from now on.
        if (request.length === 1) await putAside(request, 'too-large');
        else budget = Math.max(1, Math.floor(bytes / 2));
        continue;
      }
      if (refusal === 'refused') {
        await pushOneByOne(request, error);
        continue;
      }
      throw error;
    }
    await sent(request);
    await nextTask();
  }

  /**
   * The server refused a request: send its changes one by one to find which it refuses. Only when
   * it takes others is a refused one set aside; a server that refuses everything (an older
   * server, a changed protocol) is an error for the loop to report, and nothing is set aside.
   */
  async function pushOneByOne(request: readonly Outgoing[], firstError: unknown): Promise<void> {
    const refused: Outgoing[] = [];
    let accepted = 0;
    for (const o of request) {
      try {
        await transport.push([o.wire]);
      } catch (error) {
        if (refusalOf(error) === undefined) throw error;
        refused.push(o);
        if (accepted === 0 && refused.length >= REFUSALS_BEFORE_GIVING_UP) throw firstError;
        continue;
      }
      await sent([o]);
      accepted += 1;
    }
    if (accepted === 0) throw firstError;
    await putAside(refused, 'refused');
  }
}

export async function pullChanges(
  db: DaifukuDB,
  transport: SyncTransport,
  keys: SyncKeys,
  limit = PULL_PAGE,
): Promise<{ pulled: number; setAside: number; keyCheck: string | null }> {
  const tables = syncedTableNames(db.core.schema).sort();
  const progress = await readProgress(db);
  // A table this version syncs that the cursor was not read with: read everything again, so its
  // rows (kept by the server all along) arrive. Re-applying the rest changes nothing.
  const cursor = tables.every((t) => progress.tables.includes(t)) ? progress.cursor : 0;
  let pulled = 0;
  let setAside = 0;
  let keyChecked = false;
  watchInput();
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
      if (!keys.key) throw new EncryptionError('passphrase-needed');
      if (!(await keyMatches(keys.key, page.keyCheck))) throw new EncryptionError('wrong-passphrase');
      keyChecked = true;
    }
    const now = Date.now();
    const arrivals = await Promise.all(page.changes.map((c) => readWire(c, keys, now)));
    for (const { seq, ...unreadable } of page.unreadable ?? []) {
      arrivals.push({ unreadable, ...(seq === undefined ? {} : { seq }), problem: { reason: 'invalid' } });
    }
    setAside += await applyInSlices(db, arrivals, { cursor: page.cursor, tables });
    pulled += arrivals.length;
    if (!page.more) {
      await followLastVisits(db);
      return { pulled, setAside, keyCheck: page.keyCheck };
    }
    await nextTask();
  }
}

/**
 * Pulled changes applied per transaction while someone uses the screen. A page of the server's is
 * applied in slices with a turn for the screen between them: one transaction holds the page's
 * merging, its derived fields and the writing of its rows in long tasks of their own, and someone
 * searching meanwhile waits for each (a page of 1,000 held the screen for 300 ms and more).
 */
export const APPLY_SLICE = 100;
/**
 * Pulled changes applied per transaction while nobody has touched the screen for
 * INPUT_QUIET_MS: each transaction has a cost of its own (reading and writing the sync's state),
 * and slices of 100 made a 100,000-change pull a fifth slower.
 */
export const APPLY_SLICE_IDLE = 500;

function applySlice(): number {
  return usedWithin(INPUT_QUIET_MS) ? APPLY_SLICE : APPLY_SLICE_IDLE;
}

/**
 * Applies a page's arrivals a slice at a time; the page's progress is saved with its last slice,
 * so a pull cut short in between reads the page again, and applying a change again changes
 * nothing. Returns how many were set aside.
 */
async function applyInSlices(db: DaifukuDB, arrivals: readonly Arrival[], progress: SyncProgress): Promise<number> {
  let setAside = 0;
  for (let from = 0; ; ) {
    const to = from + applySlice();
    const last = to >= arrivals.length;
    const result = await applyArrivals(db, arrivals.slice(from, to), last ? progress : undefined);
    setAside += result.setAside;
    if (last) return setAside;
    from = to;
    await nextTask();
  }
}

/** Reads a set-aside change again: from its wire form when it could not be read the first time. */
async function arrivalOf(row: SetAsideRow, keys: SyncKeys, now: number): Promise<Arrival> {
  const again = { setAsideAt: row.at, ...(row.seq === undefined ? {} : { seq: row.seq }) };
  if (row.change) {
    if (isFarAhead(row.change.hlc, now)) return { change: row.change, ...again, problem: { reason: 'clock-ahead' } };
    return { change: row.change, ...again };
  }
  if (row.wire) return { ...(await readWire(row.wire, keys, now)), ...again };
  return { ...again, problem: { reason: row.reason } };
}

/**
 * Tries set-aside pulled changes again: the ones due (after an app update, or once the clock has
 * caught up), or with `everything`, all of them, and this device's own go back to the outbox.
 * Returns how many now applied.
 */
export async function retrySetAside(db: DaifukuDB, keys: SyncKeys, everything = false): Promise<number> {
  let resolved = 0;
  if (everything) await requeueOutgoing(db);
  let after: string | undefined;
  for (;;) {
    const now = Date.now();
    const rows = everything ? await pulledSetAside(db, after) : await dueForRetry(db, now);
    if (rows.length === 0) return resolved;
    const arrivals = await Promise.all(rows.map((row) => arrivalOf(row, keys, now)));
    const result = await applyArrivals(db, arrivals);
    resolved += rows.length - result.setAside;
    if (everything) after = rows[rows.length - 1]!.key;
    // Those still refused are stamped with today's rules (or are still ahead): not due again.
    else if (result.setAside === rows.length) return resolved;
  }
}

/**
 * Push, then pull until the server has nothing more, then try again the set-aside changes now due
 * (after the pull, which has checked this device's key against the shop's).
 */
export async function syncRound(db: DaifukuDB, transport: SyncTransport, keys: SyncKeys = {}): Promise<RoundResult> {
  await resendOwnPhotosOnce(db);
  const push = await pushOutbox(db, transport, keys);
  const pull = await pullChanges(db, transport, keys);
  await retrySetAside(db, keys);
  return { pushed: push.pushed, pulled: pull.pulled, setAside: push.setAside + pull.setAside, keyCheck: pull.keyCheck };
}
