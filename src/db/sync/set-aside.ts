/**
 * Changes set aside: pulled ones this device cannot apply (src/db/sync/apply.ts says which and
 * why), and its own that the server will not take. One such change used to stop every pull on
 * every device; now it waits here, with its reason, for the owner to see in Settings → Sync, while
 * every other change goes on. Nothing is dropped: a change from a newer app version is tried again
 * after an update, one stamped ahead of this device's clock once that time comes, and any of them
 * when the owner asks ("Try again").
 */
import { Dexie } from 'dexie';
import { formatHlc, MAX_CLOCK_AHEAD_MS } from '../../lib/sync/hlc';
import type { Change } from '../../lib/sync/merge';
import type { DaifukuDB } from '../schema';
import { rulesSignature } from './fields';
import { outboxRows, takeOutOfOutbox } from './outbox';
import { syncedTableNames } from './tables';
import type { SetAsideReason, SetAsideRow } from '../../model/types';

export const SET_ASIDE_REASONS: readonly SetAsideReason[] = [
  'newer-version',
  'invalid',
  'ledger-kept',
  'undecodable',
  'unexpected-encryption',
  'clock-ahead',
  'apply-failed',
  'too-large',
  'refused',
];

/** How many set-aside changes one retry reads and applies in one go. */
const RETRY_CHUNK = 200;

/** The rules this database checks changes with (they change with the app and its tables). */
export function rulesOf(db: DaifukuDB): string {
  return rulesSignature(syncedTableNames(db.core.schema));
}

export function pulledKey(changeId: string): string {
  return `pulled:${changeId}`;
}

function localKey(changeId: string): string {
  return `local:${changeId}`;
}

export interface OutgoingSetAside {
  /** Its place in the outbox. */
  seq: number;
  change: Change;
  reason: SetAsideReason;
}

/** Moves changes made here that the server will not take out of the outbox, in one transaction. */
export async function setAsideOutgoing(
  db: DaifukuDB,
  items: readonly OutgoingSetAside[],
): Promise<void> {
  if (items.length === 0) return;
  const now = Date.now();
  const rules = rulesOf(db);
  await db.transaction('rw', db.outbox, db.syncSetAside, async () => {
    await takeOutOfOutbox(db, items);
    await db.syncSetAside.bulkPut(
      items.map(({ change, reason }): SetAsideRow => ({
        key: localKey(change.id),
        origin: 'local',
        reason,
        at: now,
        rules,
        table: change.table,
        row: change.row,
        hlc: change.hlc,
        change,
      })),
    );
  });
}

export interface SetAsideSummary {
  total: number;
  byReason: Partial<Record<SetAsideReason, number>>;
  /** The most recently set aside, newest first. */
  latest: SetAsideRow[];
}

/** What Settings → Sync shows: how many, why, and the latest few. */
export async function setAsideSummary(db: DaifukuDB, latest = 20): Promise<SetAsideSummary> {
  const counts = await Promise.all(
    SET_ASIDE_REASONS.map((reason) =>
      db.syncSetAside
        .where('[reason+rules]')
        .between([reason, Dexie.minKey], [reason, Dexie.maxKey])
        .count(),
    ),
  );
  const byReason: Partial<Record<SetAsideReason, number>> = {};
  SET_ASIDE_REASONS.forEach((reason, i) => {
    if (counts[i]) byReason[reason] = counts[i];
  });
  const total = counts.reduce((sum, n) => sum + n, 0);
  const rows = total ? await db.syncSetAside.orderBy('at').reverse().limit(latest).toArray() : [];
  return { total, byReason, latest: rows };
}

/**
 * Pulled changes worth trying again now: those from a newer app version once the rules have
 * changed (an update), and those stamped ahead once this device's clock has caught up. A few
 * indexed reads; most rounds find none.
 */
export async function dueForRetry(
  db: DaifukuDB,
  now: number,
  limit = RETRY_CHUNK,
): Promise<SetAsideRow[]> {
  const rules = rulesOf(db);
  const newerVersion = (
    lower: unknown,
    upper: unknown,
    includeLower: boolean,
    includeUpper: boolean,
  ) =>
    db.syncSetAside
      .where('[reason+rules]')
      .between(['newer-version', lower], ['newer-version', upper], includeLower, includeUpper)
      .limit(limit)
      .toArray();
  // Set aside under other rules than these: before or after this signature in the index.
  const newer = [
    ...(await newerVersion(Dexie.minKey, rules, true, false)),
    ...(await newerVersion(rules, Dexie.maxKey, false, true)),
  ];
  const caughtUp = formatHlc({
    millis: Math.max(0, now + MAX_CLOCK_AHEAD_MS),
    counter: 0xffff,
    node: 'ffffffffffffffff',
  });
  const ahead = await db.syncSetAside
    .where('[reason+hlc]')
    .between(['clock-ahead', ''], ['clock-ahead', caughtUp], true, true)
    .limit(limit)
    .toArray();
  return [...newer, ...ahead].filter((row) => row.origin === 'pulled');
}

/** Pulled changes set aside, oldest key first, after `afterKey`: for "Try again". */
export function pulledSetAside(
  db: DaifukuDB,
  afterKey: string | undefined,
  limit = RETRY_CHUNK,
): Promise<SetAsideRow[]> {
  const range = db.syncSetAside
    .where('key')
    .between(
      afterKey === undefined ? pulledKey('') : afterKey,
      pulledKey('\uffff'),
      afterKey === undefined,
      true,
    );
  return range.limit(limit).toArray();
}

/**
 * Puts this device's own set-aside changes back in the outbox, to be sent again ("Try again":
 * after a server update, say). They go at the end: the order of pushes does not matter to the merge.
 */
export async function requeueOutgoing(db: DaifukuDB): Promise<number> {
  return db.transaction('rw', db.outbox, db.syncSetAside, async () => {
    const rows = await db.syncSetAside
      .where('key')
      .between(localKey(''), localKey('\uffff'))
      .toArray();
    const changes = rows.flatMap((r) => (r.change ? [r.change] : []));
    if (changes.length) await db.outbox.bulkAdd(outboxRows(changes));
    if (rows.length) await db.syncSetAside.bulkDelete(rows.map((r) => r.key));
    return changes.length;
  });
}

/** A device joining a shop starts clean: what was set aside belonged to the shop it left. */
export async function clearSetAside(db: DaifukuDB): Promise<void> {
  await db.syncSetAside.clear();
}
