/**
 * Applies changes pulled from the shop's server: merges them field by field (src/sync/merge.ts),
 * recomputes what this device derives from the merged fields, advances its clock and saves how far
 * it has pulled, all in one transaction. The transaction is marked so none of it is captured back
 * into the outbox.
 */
import { Dexie } from 'dexie';
import { receive } from '../sync/hlc';
import { mergeChange, type Change, type Clocks, type Row } from '../sync/merge';
import { buildSearchIndex, customerSortKey } from '../lib/search-keys';
import { birthdayMonthDay } from '../lib/follow-up-rules';
import { DEFAULT_STAGE_RULES, type StageRules } from '../lib/stages';
import { summarizeVisits, type VisitSummary } from './visit-summary';
import type { DaifukuDB } from './schema';
import { CLOCK_KEY, markApplyingRemote, type ClockState } from './sync-capture';
import { readClockState, saveProgress, type SyncProgress } from './sync-state';
import { clockIdOf, isSyncedTable, shapeOf } from './sync-tables';
import type { Customer, CustomerFields, FieldClockRow, Visit } from './types';

interface Touched {
  before: Row | undefined;
  after: Row | undefined;
}

export interface ApplyResult {
  applied: number;
  skipped: number;
}

/** Merges `changes` (in any order, duplicates allowed) and records `progress` with them. */
export async function applyRemoteChanges(
  db: DaifukuDB,
  changes: readonly Change[],
  progress?: SyncProgress,
): Promise<ApplyResult> {
  const schemas = new Map(db.core.schema.tables.filter(isSyncedTable).map((t) => [t.name, t]));
  const known = changes.filter((c) => schemas.has(c.table));
  const tableNames = [...new Set(known.map((c) => c.table))];
  const scope = [...new Set([...tableNames, 'customers', 'visits', 'settings', 'fieldClocks', 'syncState'])];
  return db.transaction('rw', scope, async (tx) => {
    markApplyingRemote(tx.idbtrans);
    const follow = await readFollow(db);
    const touched = new Map<string, Map<string, Touched>>();
    let applied = 0;
    for (const table of tableNames) {
      const schema = schemas.get(table)!;
      const shape = shapeOf(schema);
      const forTable = known.filter((c) => c.table === table);
      const keys = [...new Set(forTable.map((c) => c.row))];
      // Every synced row has its clocks from the moment this device captures (snapshot, capture or
      // an earlier pull), so rows are read only where clocks exist: a fresh device reads half.
      const clockRows = await db.fieldClocks.bulkGet(keys.map((k) => clockIdOf(table, k)));
      const clocked = keys.filter((_, i) => clockRows[i] !== undefined);
      const found = clocked.length ? ((await db.table(table).bulkGet(clocked)) as (Row | undefined)[]) : [];
      const byKey = new Map(clocked.map((k, i) => [k, found[i]]));
      const rows = keys.map((k) => byKey.get(k));
      const state = new Map<string, { row: Row | undefined; clocks: Clocks; changed: boolean }>(
        keys.map((k, i) => [k, { row: rows[i], clocks: clockRows[i]?.clocks ?? {}, changed: false }]),
      );
      for (const change of forTable) {
        const current = state.get(change.row)!;
        const merged = mergeChange(current.row, current.clocks, change, shape);
        if (!merged.changed) continue;
        applied += 1;
        state.set(change.row, { row: merged.row, clocks: merged.clocks, changed: true });
      }
      const changedKeys = keys.filter((k) => state.get(k)!.changed);
      if (changedKeys.length === 0) continue;
      const puts = changedKeys.map((k) => state.get(k)!.row).filter((r): r is Row => r !== undefined);
      const purged = changedKeys.filter((k) => state.get(k)!.row === undefined);
      await Promise.all([
        puts.length ? db.table(table).bulkPut(puts) : undefined,
        purged.length ? db.table(table).bulkDelete(purged) : undefined,
        db.fieldClocks.bulkPut(
          changedKeys.map((k): FieldClockRow => ({ id: clockIdOf(table, k), clocks: state.get(k)!.clocks })),
        ),
      ]);
      touched.set(
        table,
        new Map(changedKeys.map((k) => [k, { before: rows[keys.indexOf(k)], after: state.get(k)!.row }])),
      );
    }
    if (await deriveAfterSync(db, touched, follow)) await db.syncState.put({ key: FOLLOW_KEY, value: follow });
    const latest = known.reduce<string | undefined>((max, c) => (max === undefined || c.hlc > max ? c.hlc : max), undefined);
    if (latest) {
      const clock = await readClockState(db);
      if (clock) await db.syncState.put({ ...clock, key: CLOCK_KEY, hlc: receive(clock.hlc, latest) } satisfies ClockState);
    }
    if (progress) await saveProgress(db, progress);
    return { applied, skipped: changes.length - known.length };
  });
}

/**
 * Recomputes the fields this device derives from synced ones, for the rows changes touched:
 * a customer's search index, sort key and birthday index (from their fields), their visit summary
 * (visit times, last visit, lapse day, activity: from their visits), and referrers' counts (from
 * who names them). A table with derived fields of its own adds its recomputation here.
 */
/** Returns whether `follow` (cards whose last visit to move later, see followLastVisits) changed. */
async function deriveAfterSync(
  db: DaifukuDB,
  touched: Map<string, Map<string, Touched>>,
  follow: Record<string, number>,
): Promise<boolean> {
  const customers = touched.get('customers') ?? new Map<string, Touched>();
  const visits = touched.get('visits') ?? new Map<string, Touched>();
  if (customers.size === 0 && visits.size === 0) return false;

  // Customers whose last visit must be read again: new ones, and those a visit left or moved from.
  const reread = new Set<string>();
  // Otherwise a visit arriving can only move the last visit later.
  const latestArrived = new Map<string, number>();
  // New customers, and deleted ones an edit brought back (deleted cards do not follow their visits).
  for (const [id, { before, after }] of customers) if (!before || (before.deletedAt && after && !after.deletedAt)) reread.add(id);
  for (const { before, after } of visits.values()) {
    const was = before as Visit | undefined;
    const now = after as Visit | undefined;
    const wasAlive = was && !was.deletedAt;
    const isAlive = now && !now.deletedAt;
    if (wasAlive && (!isAlive || was.customerId !== now.customerId || now.at < was.at)) reread.add(was.customerId);
    if (isAlive && typeof now.customerId === 'string' && typeof now.at === 'number') {
      latestArrived.set(now.customerId, Math.max(latestArrived.get(now.customerId) ?? 0, now.at));
    }
  }

  // A visit arriving for a card this page does not otherwise touch only moves its last visit later:
  // noted, and followed once at the end of the pull (followLastVisits), rather than rewriting the
  // same cards (and their search index) on every page of a long pull.
  let followed = false;
  for (const id of reread) {
    if (id in follow) {
      delete follow[id];
      followed = true;
    }
  }
  for (const [id, at] of latestArrived) {
    if (customers.has(id) || reread.has(id) || (follow[id] ?? -Infinity) >= at) continue;
    follow[id] = at;
    followed = true;
  }

  // A card whose own fields changed is rewritten anyway: read its visits now rather than later.
  for (const id of latestArrived.keys()) if (customers.has(id)) reread.add(id);

  const ids = [...new Set([...customers.keys(), ...reread])];
  if (ids.length > 0) {
    const rows = await db.customers.bulkGet(ids);
    const summaries = await visitSummariesOf(db, [...reread]);
    const updated: Customer[] = [];
    ids.forEach((id, i) => {
      const row = rows[i];
      if (!row) return;
      // Like the app's own writes, a deleted card keeps its visit summary until it is restored.
      const summary = row.deletedAt ? undefined : summaries.get(id);
      updated.push(derivedCustomer(row, summary, customers.has(id)));
    });
    // Never an empty bulk call: it resolves without touching IndexedDB, and Dexie then sees the
    // transaction commit under it (PrematureCommitError).
    if (updated.length) await db.customers.bulkPut(updated);
  }
  const referrers = referrersNamedBy(customers);
  // Awaited only when there is work: an await with no IndexedDB request in it lets the
  // transaction commit under the caller (PrematureCommitError).
  if (referrers.length) await recountReferrers(db, referrers);
  return followed;
}

function referrersNamedBy(customers: Map<string, Touched>): string[] {
  const referrers = new Set<string>();
  for (const { before, after } of customers.values()) {
    for (const row of [before, after]) {
      const referredBy = (row as Partial<Customer> | undefined)?.referredBy;
      if (typeof referredBy === 'string') referrers.add(referredBy);
    }
  }
  return [...referrers];
}

/** Referrers named (or no longer named) by changed cards count the people they brought again. */
async function recountReferrers(db: DaifukuDB, ids: string[]): Promise<void> {
  const rows = await db.customers.bulkGet(ids);
  const updated: Customer[] = [];
  for (const [i, id] of ids.entries()) {
    const row = rows[i];
    if (!row) continue;
    const referredCount = await db.customers
      .where('referredBy')
      .equals(id)
      .filter((c) => !c.deletedAt)
      .count();
    if (row.referredCount !== referredCount) updated.push({ ...row, referredCount });
  }
  if (updated.length) await db.customers.bulkPut(updated);
}

const FOLLOW_KEY = 'lastVisitsToFollow';
const FOLLOW_CHUNK = 1000;

async function readFollow(db: DaifukuDB): Promise<Record<string, number>> {
  return ((await db.syncState.get(FOLLOW_KEY))?.value as Record<string, number> | undefined) ?? {};
}

/**
 * Moves each noted card's last visit (and activity) to the latest visit pulled for it. A noted
 * visit that is no longer there (deleted or moved here since) means reading the card's visits again.
 */
export async function followLastVisits(db: DaifukuDB): Promise<void> {
  for (;;) {
    const done = await db.transaction('rw', [db.customers, db.visits, db.settings, db.syncState], async (tx) => {
      markApplyingRemote(tx.idbtrans);
      const pending = await readFollow(db);
      const ids = Object.keys(pending).slice(0, FOLLOW_CHUNK);
      if (ids.length === 0) return true;
      const [rows, summaries] = await Promise.all([db.customers.bulkGet(ids), visitSummariesOf(db, ids)]);
      const updated: Customer[] = [];
      ids.forEach((id, i) => {
        const row = rows[i];
        if (!row || row.deletedAt) return;
        const summary = summaries.get(id) ?? { visitTimes: [] };
        const next = withSummary(row, summary);
        if (
          next.lastVisitAt === row.lastVisitAt &&
          next.activityAt === row.activityAt &&
          next.lapseAt === row.lapseAt &&
          sameTimes(next.visitTimes, row.visitTimes)
        ) {
          return;
        }
        updated.push(next);
      });
      if (updated.length) await db.customers.bulkPut(updated);
      for (const id of ids) delete pending[id];
      await db.syncState.put({ key: FOLLOW_KEY, value: pending });
      return Object.keys(pending).length === 0;
    });
    if (done) return;
  }
}

function sameTimes(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  return (a?.length ?? 0) === (b?.length ?? 0) && (a ?? []).every((t, i) => t === b?.[i]);
}

/** The visit summary fields of a card, with absent ones removed rather than set to undefined. */
function withSummary(row: Customer, summary: VisitSummary): Customer {
  const { lastVisitAt: _last, lapseAt: _lapse, ...rest } = row;
  const next: Customer = { ...rest, visitTimes: summary.visitTimes };
  if (summary.lastVisitAt !== undefined) next.lastVisitAt = summary.lastVisitAt;
  if (summary.lapseAt !== undefined && !row.deletedAt) next.lapseAt = summary.lapseAt;
  next.activityAt = Math.max(row.createdAt ?? 0, summary.lastVisitAt ?? 0);
  return next;
}

function derivedCustomer(row: Customer, summary: VisitSummary | undefined, fieldsChanged: boolean): Customer {
  const { sortKey: _sortKey, activityAt: _activityAt, birthMonthDay: _monthDay, ...rest } = row;
  let base: Customer = {
    ...rest,
    searchKeys: row.searchKeys ?? [],
    searchRanks: row.searchRanks ?? [],
    visitTimes: row.visitTimes ?? [],
    referredCount: row.referredCount ?? 0,
  };
  if (summary) base = withSummary(base, summary);
  if (row.deletedAt) {
    const { lapseAt: _lapse, ...deleted } = base;
    return { ...deleted, searchKeys: [], searchRanks: [] };
  }
  let indexed: Pick<Customer, 'searchKeys' | 'searchRanks' | 'sortKey'> = {
    searchKeys: base.searchKeys,
    searchRanks: base.searchRanks,
    sortKey: row.sortKey,
  };
  if (fieldsChanged || !row.sortKey) {
    // Defaults only feed the index builder: the stored row keeps exactly the fields that synced.
    const complete = withCustomerDefaults(base);
    indexed = { ...buildSearchIndex(complete), sortKey: customerSortKey(complete) };
  }
  const monthDay = fieldsChanged ? birthdayMonthDay(row.birthday) : row.birthMonthDay;
  return {
    ...base,
    ...indexed,
    ...(monthDay ? { birthMonthDay: monthDay } : {}),
    activityAt: Math.max(row.createdAt ?? 0, base.lastVisitAt ?? 0),
  };
}

/** A row being built up field by field may lack fields the index builder expects. */
function withCustomerDefaults<T extends Partial<CustomerFields>>(row: T): T & CustomerFields {
  return {
    ...row,
    name: row.name ?? '',
    reading: row.reading ?? '',
    phones: Array.isArray(row.phones) ? row.phones : [],
    email: row.email ?? '',
    handles: Array.isArray(row.handles) ? row.handles : [],
    address: row.address ?? '',
    tags: Array.isArray(row.tags) ? row.tags : [],
    about: row.about ?? '',
  };
}

/** Each card's visit summary from its visits, with the shop's stage rules for the lapse day. */
async function visitSummariesOf(db: DaifukuDB, customerIds: string[]): Promise<Map<string, VisitSummary>> {
  const summaries = new Map<string, VisitSummary>();
  if (customerIds.length === 0) return summaries;
  const rules = ((await db.settings.get('stageRules'))?.value as StageRules | undefined) ?? DEFAULT_STAGE_RULES;
  const found = await db.visits
    .where('[customerId+at]')
    .inAnyRange(customerIds.map((id) => [[id, Dexie.minKey], [id, Dexie.maxKey]]))
    .toArray();
  const byCustomer = new Map<string, Visit[]>(customerIds.map((id) => [id, []]));
  for (const visit of found) byCustomer.get(visit.customerId)?.push(visit);
  for (const [id, visits] of byCustomer) summaries.set(id, summarizeVisits(visits, rules));
  return summaries;
}
