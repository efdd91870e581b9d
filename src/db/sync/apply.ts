/**
 * Applies changes pulled from the shop's server: checks each one (src/db/sync/fields.ts), merges
 * the good ones field by field (src/lib/sync/merge.ts), recomputes what this device derives from the
 * merged fields, advances its clock, sets aside what cannot be applied (src/db/sync/set-aside.ts)
 * and saves how far it has pulled, all in one transaction. The transaction is marked so none of it
 * is captured back into the outbox. A change set aside never holds up the others: the cursor moves
 * past it with the rest of its page.
 */
import { Dexie } from 'dexie';
import type { WireChange } from '../../../server/sync/protocol';
import { isRetained } from '../../lib/kobutsu-rules';
import { receive } from '../../lib/sync/hlc-seen';
import { sameValue, type Change, type Clocks, type Row } from '../../lib/sync/merge';
import { mergeChange } from '../../lib/sync/merge-change';
import { buildSearchIndex, customerSortKey } from '../../lib/search-keys';
import { birthdayMonthDay } from '../../lib/follow-up-rules';
import { DEFAULT_STAGE_RULES, type StageRules } from '../../lib/stages';
import { namesOf } from '../errors';
import { keepsRecordIntact } from '../ledger/guard';
import type { LedgerEntry } from '../../model/ledger-types';
import { summarizeVisits, type VisitSummary } from '../../lib/visit-summary';
import type { DaifukuDB } from '../schema';
import { knownIn, tellRowsBefore } from '../insights/known-rows';
import { isDeletedCard } from '../insights/money-by-day';
import { CUSTOMERS_STAMP_KEY } from '../search/ledger-stamp';
import { CLOCK_KEY, markApplyingRemote, type ClockState } from './capture';
import { checkChange } from './fields';
import { pulledKey, rulesOf } from './set-aside';
import { readClockState, saveProgress, type SyncProgress } from './state';
import { clockIdOf, clocksOfRow, isSyncedTable, shapeOf, SYNC_SET_ASIDE } from './tables';
import type { Customer, CustomerFields, FieldClockRow, SetAsideReason, SetAsideRow, Visit } from '../../model/types';

interface Touched {
  before: Row | undefined;
  after: Row | undefined;
}

/** A change as it came from the server: read (`change`), or not (`problem`), and where it came from. */
export interface Arrival {
  change?: Change;
  /** As it came over the wire: kept with a change that could not be read, to read it again later. */
  wire?: WireChange;
  /** The server's sequence number. */
  seq?: number;
  /** Why it could not be read: it is set aside for this reason. */
  problem?: { reason: SetAsideReason; fields?: string[] };
  /** When it is tried again: when it was first set aside. */
  setAsideAt?: number;
  /** What little is known of a change that did not even match the protocol (no change, no wire). */
  unreadable?: Pick<WireChange, 'id' | 'table' | 'row' | 'hlc'>;
}

function coordinatesOf(arrival: Arrival): Pick<WireChange, 'id' | 'table' | 'row' | 'hlc'> {
  return (arrival.change ?? arrival.wire ?? arrival.unreadable)!;
}

export interface ApplyResult {
  applied: number;
  setAside: number;
}

/** Merges `changes` (in any order, duplicates allowed) and records `progress` with them. */
export function applyRemoteChanges(db: DaifukuDB, changes: readonly Change[], progress?: SyncProgress): Promise<ApplyResult> {
  return applyArrivals(
    db,
    changes.map((change) => ({ change })),
    progress,
  );
}

/** Failures of the storage itself: the whole page waits for the next round, nothing is set aside. */
const STORAGE_FAILURES: ReadonlySet<string> = new Set([
  'QuotaExceededError',
  'AbortError',
  'DatabaseClosedError',
  'VersionChangeError',
  'InvalidStateError',
  'UnknownError',
  'OpenFailedError',
  'MissingAPIError',
  'TimeoutError',
]);

function isStorageFailure(error: unknown): boolean {
  return namesOf(error).some((name) => STORAGE_FAILURES.has(name));
}

/**
 * Applies a page of arrivals with `progress`. Should saving fail for a reason no check foresaw,
 * the page is applied in halves until the changes that fail on their own are found: those are set
 * aside ("apply-failed") and everything else still arrives. A full disk is not such a reason: then
 * the page waits for the next round, as before.
 */
export async function applyArrivals(db: DaifukuDB, arrivals: readonly Arrival[], progress?: SyncProgress): Promise<ApplyResult> {
  try {
    return await applyInOneTransaction(db, arrivals, progress);
  } catch (error) {
    if (arrivals.length === 0 || isStorageFailure(error)) throw error;
    const failed: Arrival[] = [];
    const total: ApplyResult = { applied: 0, setAside: 0 };
    const applyPart = async (part: readonly Arrival[]): Promise<void> => {
      try {
        const result = await applyInOneTransaction(db, part);
        total.applied += result.applied;
        total.setAside += result.setAside;
      } catch (partError) {
        if (isStorageFailure(partError)) throw partError;
        if (part.length === 1) {
          console.error('sync: a change could not be saved and is set aside', partError);
          failed.push(part[0]!);
          return;
        }
        const middle = part.length >> 1;
        await applyPart(part.slice(0, middle));
        await applyPart(part.slice(middle));
      }
    };
    await applyPart(arrivals);
    const last = await applyInOneTransaction(
      db,
      failed.map((a) => ({ ...a, problem: { reason: 'apply-failed' } })),
      progress,
    );
    return { applied: total.applied + last.applied, setAside: total.setAside + last.setAside };
  }
}

function setAsideRowOf(
  arrival: Arrival,
  reason: SetAsideReason,
  fields: readonly string[] | undefined,
  { now, rules }: { now: number; rules: string },
): SetAsideRow {
  const about = coordinatesOf(arrival);
  const row: SetAsideRow = {
    key: pulledKey(about.id),
    origin: 'pulled',
    reason,
    at: arrival.setAsideAt ?? now,
    rules,
    table: about.table,
    row: about.row,
    hlc: about.hlc,
  };
  if (fields?.length) row.fields = [...fields];
  if (arrival.seq !== undefined) row.seq = arrival.seq;
  if (arrival.change) row.change = arrival.change;
  else if (arrival.wire) row.wire = arrival.wire;
  return row;
}

/**
 * Whether merging leaves a buy-in ledger record as the law keeps it: the same rule the ledger
 * guard enforces below every write (src/db/ledger/guard.ts), checked first so that such a change is set
 * aside rather than failing the whole page.
 */
function keepsLedgerRecord(before: Row | undefined, after: Row | undefined, now: number): boolean {
  if (!before) return true;
  const existing = before as unknown as LedgerEntry;
  if (!isRetained(existing, now)) return true;
  if (!after) return false;
  const modifications: Record<string, unknown> = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!sameValue(before[field], after[field])) modifications[field] = after[field];
  }
  return keepsRecordIntact(modifications, existing);
}

/**
 * Which cards are deleted, as the pull's pages found them, for the day totals (money-by-day.ts),
 * which ask it of the card of every visit with an amount: at 1,000 visits a page, a read of about
 * 1,000 cards a page (2.5 s of a 100,000-change pull). Known only while the cards' stamp
 * (ledger-stamp.ts) is the one they were found at: every transaction that writes a card, in any
 * tab, writes a new stamp, so a card written since, here or elsewhere, is never told from here.
 */
let cardsFound: { stamp: string; deleted: Map<string, boolean> } | undefined;
/** About 4 MB of ids: the cards of a shop's busy years. */
const CARDS_FOUND_AT_MOST = 50_000;

async function cardsStamp(db: DaifukuDB): Promise<string | undefined> {
  const row = await db.meta.get(CUSTOMERS_STAMP_KEY);
  return typeof row?.value === 'string' ? row.value : undefined;
}

/** The cards of these visits, before and after the page, with an amount the totals may count. */
function cardsOfVisits(rows: readonly (Row | undefined)[]): string[] {
  const ids = new Set<string>();
  for (const row of rows) {
    const id = (row as Partial<Visit> | undefined)?.customerId;
    if (typeof id === 'string' && typeof row?.amount === 'number') ids.add(id);
  }
  return [...ids];
}

async function applyInOneTransaction(db: DaifukuDB, arrivals: readonly Arrival[], progress?: SyncProgress): Promise<ApplyResult> {
  const schemas = new Map(db.core.schema.tables.filter(isSyncedTable).map((t) => [t.name, t]));
  const keyPathOf = (table: string) => {
    const schema = schemas.get(table);
    return schema ? shapeOf(schema).keyPath : undefined;
  };
  const now = Date.now();
  const stamp = { now, rules: rulesOf(db) };
  const setAside = new Map<string, SetAsideRow>();
  const toApply: { change: Change; arrival: Arrival }[] = [];
  for (const arrival of arrivals) {
    if (arrival.problem || !arrival.change) {
      const row = setAsideRowOf(arrival, arrival.problem?.reason ?? 'undecodable', arrival.problem?.fields, stamp);
      setAside.set(row.key, row);
      continue;
    }
    const verdict = checkChange(arrival.change, keyPathOf);
    if (verdict.setAside) {
      const row = setAsideRowOf(arrival, verdict.setAside.reason, verdict.setAside.fields, stamp);
      setAside.set(row.key, row);
    }
    if (verdict.apply) toApply.push({ change: verdict.apply, arrival });
  }
  const tableNames = [...new Set(toApply.map((c) => c.change.table))];
  const scope = [...new Set([...tableNames, 'customers', 'visits', 'settings', 'fieldClocks', 'syncState', 'meta', SYNC_SET_ASIDE])];
  return db.transaction('rw', scope, async (tx) => {
    markApplyingRemote(tx.idbtrans);
    const [follow, clock, cardsAt] = await Promise.all([readFollow(db), readClockState(db), cardsStamp(db)]);
    const cardsKnown =
      cardsAt === undefined ? undefined : cardsFound?.stamp === cardsAt ? cardsFound : { stamp: cardsAt, deleted: new Map<string, boolean>() };
    const foundNow = new Map<string, boolean>();
    const rowClocks = clock?.rowClocks === true;
    const touched = new Map<string, Map<string, Touched>>();
    let applied = 0;
    let latest: string | undefined;
    for (const table of tableNames) {
      const schema = schemas.get(table)!;
      const shape = shapeOf(schema);
      const forTable = toApply.filter((c) => c.change.table === table);
      const keys = [...new Set(forTable.map((c) => c.change.row))];
      // Every synced row has its clocks from the moment this device captures (snapshot, capture or
      // an earlier pull), so rows are read only where clocks exist: a fresh device reads half. A
      // row may hold its clock itself (ROW_CLOCK) once this device has written one so: then rows
      // without a field clocks row are read as well.
      const clockRows = await db.fieldClocks.bulkGet(keys.map((k) => clockIdOf(table, k)));
      const clocked = rowClocks ? keys : keys.filter((_, i) => clockRows[i] !== undefined);
      const found = clocked.length ? ((await db.table(table).bulkGet(clocked)) as (Row | undefined)[]) : [];
      const byKey = new Map(clocked.map((k, i) => [k, found[i]]));
      const rows = keys.map((k) => byKey.get(k));
      // The day totals' layer would read these rows again to see what a write replaces.
      if (table === 'visits' || table === 'customers') tellRowsBefore(tx.idbtrans, table, keys, rows);
      const state = new Map<string, { row: Row | undefined; clocks: Clocks; changed: boolean }>(
        keys.map((k, i) => [k, { row: rows[i], clocks: clocksOfRow(rows[i], clockRows[i]?.clocks, shape) ?? {}, changed: false }]),
      );
      for (const { change, arrival } of forTable) {
        const current = state.get(change.row)!;
        const merged = mergeChange(current.row, current.clocks, change, shape);
        if (table === 'ledgerEntries' && merged.changed && !keepsLedgerRecord(current.row, merged.row, now)) {
          const row = setAsideRowOf(arrival, 'ledger-kept', undefined, stamp);
          setAside.set(row.key, row);
          continue;
        }
        if (latest === undefined || change.hlc > latest) latest = change.hlc;
        if (!merged.changed) continue;
        applied += 1;
        state.set(change.row, { row: merged.row, clocks: merged.clocks, changed: true });
      }
      const changedKeys = keys.filter((k) => state.get(k)!.changed);
      if (changedKeys.length === 0) continue;
      const puts = changedKeys.map((k) => state.get(k)!.row).filter((r): r is Row => r !== undefined);
      const purged = changedKeys.filter((k) => state.get(k)!.row === undefined);
      // Until this transaction writes a card, the cards found before stand as they were found.
      const cards = table === 'visits' && cardsKnown ? cardsOfVisits([...rows, ...puts]) : [];
      if (cards.length && !touched.has('customers')) {
        const told = cards.filter((id) => cardsKnown!.deleted.has(id));
        tellRowsBefore(tx.idbtrans, 'customers', told, told.map((id) => ({ id, deletedAt: cardsKnown!.deleted.get(id) ? 1 : undefined })));
      }
      await Promise.all([
        puts.length ? db.table(table).bulkPut(puts) : undefined,
        purged.length ? db.table(table).bulkDelete(purged) : undefined,
        db.fieldClocks.bulkPut(
          changedKeys.map((k): FieldClockRow => ({ id: clockIdOf(table, k), clocks: state.get(k)!.clocks })),
        ),
      ]);
      const known = knownIn(tx.idbtrans);
      for (const id of cards) {
        const facts = known.factsFor('customers', id);
        if (facts !== false) foundNow.set(id, isDeletedCard(facts));
      }
      touched.set(
        table,
        new Map(changedKeys.map((k) => [k, { before: rows[keys.indexOf(k)], after: state.get(k)!.row }])),
      );
    }
    if (await deriveAfterSync(db, touched, follow)) await db.syncState.put({ key: FOLLOW_KEY, value: follow });
    // Read once above: nothing in this transaction writes the clock state before here.
    if (latest && clock) await db.syncState.put({ ...clock, key: CLOCK_KEY, hlc: receive(clock.hlc, latest, now) } satisfies ClockState);
    // A change set aside earlier that applies now (tried again, or pulled again from the start
    // after an update) leaves the set-aside table; one still refused stays, with today's reason.
    if (await db.syncSetAside.count()) {
      const resolved = [...new Set(arrivals.map((a) => pulledKey(coordinatesOf(a).id)))].filter((key) => !setAside.has(key));
      if (resolved.length) await db.syncSetAside.bulkDelete(resolved);
    }
    if (setAside.size) await db.syncSetAside.bulkPut([...setAside.values()]);
    if (progress) await saveProgress(db, progress);
    // Kept only if no card was written in this transaction (its stamp would be new); what it found
    // is then true of the ledger whether it commits or not.
    if (cardsKnown && (await cardsStamp(db)) === cardsAt) {
      for (const [id, deleted] of foundNow) if (cardsKnown.deleted.size < CARDS_FOUND_AT_MOST) cardsKnown.deleted.set(id, deleted);
      cardsFound = cardsKnown;
    } else cardsFound = undefined;
    return { applied, setAside: setAside.size };
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
  // Visits counted by another system (an import elsewhere) move the last visit and the lapse day.
  for (const [id, { before, after }] of customers) {
    if (JSON.stringify(before?.visitsBefore) !== JSON.stringify(after?.visitsBefore)) reread.add(id);
  }
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
    const summaries = await visitSummariesOf(db, [...reread], rows);
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
/** Cards whose last visit is followed per transaction: small enough to keep its tasks short. */
const FOLLOW_CHUNK = 200;

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
      const rows = await db.customers.bulkGet(ids);
      const summaries = await visitSummariesOf(db, ids, rows);
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

/**
 * Each card's visit summary from its visits (and the visits another system counted before it was
 * imported, from `cards`), with the shop's stage rules for the lapse day.
 */
async function visitSummariesOf(
  db: DaifukuDB,
  customerIds: string[],
  cards: readonly (Customer | undefined)[],
): Promise<Map<string, VisitSummary>> {
  const summaries = new Map<string, VisitSummary>();
  if (customerIds.length === 0) return summaries;
  const rules = ((await db.settings.get('stageRules'))?.value as StageRules | undefined) ?? DEFAULT_STAGE_RULES;
  // One range read per card rather than one inAnyRange: Dexie walks those ranges with a cursor,
  // in long tasks of its own for a page of a thousand cards.
  const found = await Promise.all(
    customerIds.map((id) => db.visits.where('[customerId+at]').between([id, Dexie.minKey], [id, Dexie.maxKey], true, true).toArray()),
  );
  const byCustomer = new Map<string, Visit[]>(customerIds.map((id, i) => [id, found[i]!]));
  const earlier = new Map(cards.filter((c): c is Customer => c !== undefined).map((c) => [c.id, c.visitsBefore]));
  for (const [id, visits] of byCustomer) summaries.set(id, summarizeVisits(visits, rules, earlier.get(id)));
  return summaries;
}
