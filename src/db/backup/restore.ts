/**
 * Restoring a backup without ever leaving a half-written ledger, and without erasing anything on
 * the shop's other devices.
 *
 * A large ledger cannot be written in one transaction (very large transactions crash tabs, Dexie
 * #869), and a backup with photos cannot even be held in memory, so a restore reads the file in
 * batches (src/lib/backup-reader.ts) and writes each batch in its own transaction. What keeps it
 * all-or-nothing is an undo journal:
 *
 * 1. Start: one transaction empties the journal and puts a marker in `meta` (phase "writing").
 * 2. Each batch, in ONE transaction with the rows it writes: the journal receives every row the
 *    restore touches for the first time as it was before (or "absent" when the restore adds it),
 *    then the rows are written, then the marker's progress moves on. A batch is therefore either
 *    fully written and journaled, or not there at all.
 * 3. Commit: one transaction writes the audit entry and flips the marker to "committed". From
 *    that moment the restore counts as done. On a device that syncs, the journal is then turned
 *    into outbox changes (src/db/backup/restore-sync.ts); either way it is cleared in batches and the
 *    marker removed.
 *
 * If the tab dies (or the disk fills, or a line of the file turns out damaged) before step 3, the
 * marker still says "writing". `recoverInterruptedRestore` (at the next start, or at once) walks
 * the journal back in batches: each batch puts back the rows as they were (or deletes rows the
 * restore added, 古物台帳 records included: see allowRestoreRollback) and deletes those journal
 * rows in the same transaction, so the rollback itself can be interrupted and resumed. If the
 * marker says "committed", the rest of step 3 is done. Rolling back (rather than resuming) needs
 * nothing but the database: the backup file may be gone when the tab comes back.
 *
 * What a restore may write, keep or remove is in src/db/backup/restore-rules.ts. On a device that syncs,
 * "replace" marks the rows the backup lacks as deleted (tombstones every device sees, and any
 * device can bring back: src/db/backup/restore-undo.ts) instead of deleting them, because a deletion
 * there would go out as a purge and erase them on every device.
 *
 * A Web Lock ("daifuku-restore") is held while a restore runs, so another tab starting up does not
 * mistake a running restore for an interrupted one. Without Web Locks (tests, old browsers) a
 * restore whose marker was not touched for a minute counts as interrupted.
 *
 * The journal and the marker are device-local: never synced, never backed up.
 */
import type { Table } from 'dexie';
import type { Clocks } from '../../lib/sync/merge';
import type { Backup, BackupRow, BackupTableInfo } from '../../lib/backup-format';
import { openBackupFile, openedFromMemory, readWhole, type OpenedBackup } from '../../lib/backup-reader';
import { auditEntry } from '../audit';
import { RESTORE_MARKER_KEY } from './status';
import { backupTables } from './tables';
import { db } from '../db';
import { guardWrite } from '../errors';
import { newId } from '../ids';
import { allowRestoreRollback } from '../ledger/guard';
import { recountReferrals } from '../relationships/referrals';
import {
  isRemovable,
  RECORD_TABLES,
  sameStoredRow,
  storedRow,
  takesBackupRow,
  tombstoneOf,
  type RestoreMode,
  type RowContext,
} from './restore-rules';
import {
  capturesChanges,
  clocksOf,
  groupByTable,
  isPurged,
  keepClocksHeldInRows,
  publishEntries,
  rollbackStep,
  rowsAndClocksOf,
  writeUncaptured,
} from './restore-sync';
import { requireOwner } from '../staff/roles';
import { CURRENT_SCHEMA_VERSION } from '../schema';
import type { RestoreJournalRow } from '../../model/types';
import { refreshVisitSummary } from '../visits/visit-summary';
import { stampFor, type Stamp, type WriteContext } from '../write-context';
import { nextTask } from '../../lib/next-task';

export { PassphraseNeededError } from '../../lib/backup-reader';
export type { OpenedBackup } from '../../lib/backup-reader';
export type { RestoreMode } from './restore-rules';
export { RESTORE_MARKER_KEY };
export const RESTORE_BATCH = 2000;
const LOCK_NAME = 'daifuku-restore';
const STALE_AFTER_MS = 60_000;

export interface RestoreProgress {
  done: number;
  total: number;
}

interface RestoreMarker {
  phase: 'writing' | 'committed';
  mode: RestoreMode;
  startedAt: number;
  touchedAt: number;
  done: number;
  total: number;
  /** Whether this device recorded changes for sync when the restore started. */
  syncing?: boolean;
  restoreId?: string;
}

export interface RestoreResult {
  /** Rows written from the backup. */
  written: number;
  /** Rows removed (on a device that syncs: marked deleted, see `markedDeleted`). */
  removed: number;
  /** Rows of the backup left as the ledger has them. */
  kept: number;
  /** Of `removed`, rows marked deleted on every device (and that can be brought back). */
  markedDeleted: number;
  /** The restore's audit entry; rows it marked deleted carry it. */
  restoreId: string;
}

export class RestoreRunningError extends Error {
  constructor() {
    super('a restore is running in another window');
    this.name = 'RestoreRunningError';
  }
}

// --- opening a file -------------------------------------------------------------------------

/** Opens a backup file: decrypts, checks every row, counts what it holds. Writes nothing. */
export async function openBackup(file: Blob, passphrase?: string): Promise<OpenedBackup> {
  return openBackupFile(file, {
    tables: backupTables(),
    currentSchema: CURRENT_SCHEMA_VERSION,
    batchRows: RESTORE_BATCH,
    ...(passphrase !== undefined ? { passphrase } : {}),
  });
}

/** A backup file's text, opened as `openBackup` does. */
export function readBackupText(text: string, passphrase?: string): Promise<OpenedBackup> {
  return openBackup(new Blob([text]), passphrase);
}

/** A whole backup in memory (for small backups and tests). */
export async function loadBackup(file: Blob | string, passphrase?: string): Promise<Backup> {
  return readWhole(await openBackup(typeof file === 'string' ? new Blob([file]) : file, passphrase));
}

async function sourceOf(backup: OpenedBackup | Backup): Promise<OpenedBackup> {
  return 'batches' in backup ? backup : openedFromMemory(backup, backupTables(), RESTORE_BATCH);
}

// --- one restore ----------------------------------------------------------------------------

const journalKey = (table: string, key: string) => `${table}\u0000${key}`;
const keyOfEntry = (entry: RestoreJournalRow) => entry.key.slice(entry.table.length + 1);

interface Run {
  mode: RestoreMode;
  syncing: boolean;
  /** Cards whose personal data was deleted on request. */
  erased: ReadonlySet<string>;
  tables: readonly BackupTableInfo[];
}

async function startRun(mode: RestoreMode): Promise<Run> {
  const [syncing, erased] = await Promise.all([capturesChanges(), db.customers.filter((c) => c.anonymizedAt !== undefined).primaryKeys()]);
  return { mode, syncing, erased: new Set(erased), tables: backupTables() };
}

function contextOf(run: Run, table: string): RowContext {
  return { table, mode: run.mode, erased: run.erased };
}

interface Decision {
  key: string;
  row: BackupRow;
  /** The stored form, when it was needed to compare with the ledger's row. */
  stored?: BackupRow;
  existing?: BackupRow;
}

interface Classified {
  writes: Decision[];
  clocks: Map<string, Clocks>;
}

/** Which rows of a batch the restore writes (the same answer for the preview and the restore). */
async function classify(run: Run, table: BackupTableInfo, rows: readonly BackupRow[]): Promise<Classified> {
  const keys = rows.map((r) => r[table.keyPath] as string);
  const [existing, clocks] = run.syncing
    ? await rowsAndClocksOf<BackupRow>(table.name, keys)
    : [(await db.table(table.name).bulkGet(keys)) as (BackupRow | undefined)[], new Map<string, Clocks>()];
  const ctx = contextOf(run, table.name);
  const writes = new Map<string, Decision>();
  rows.forEach((row, i) => {
    const key = keys[i]!;
    const current = existing[i];
    writes.delete(key);
    if (!takesBackupRow(ctx, row, current, isPurged(clocks.get(key)))) return;
    if (!current) {
      writes.set(key, { key, row });
      return;
    }
    const stored = storedRow(table.name, row);
    if (!sameStoredRow(stored, current)) writes.set(key, { key, row, stored, existing: current });
  });
  return { writes: [...writes.values()], clocks };
}

/** Journals rows the restore touches for the first time, as they are now. */
async function journalRows(run: Run, table: string, rows: readonly { key: string; before: BackupRow | undefined }[], known?: Map<string, Clocks>): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map((r) => journalKey(table, r.key));
  const have = await db.restoreJournal.bulkGet(ids);
  const fresh = rows.filter((_, i) => !have[i]);
  if (fresh.length === 0) return;
  const clocks = run.syncing
    ? (known ?? (await clocksOf(table, fresh.map((r) => r.key), fresh.map((r) => r.before))))
    : undefined;
  if (clocks) await keepClocksHeldInRows(table, fresh, clocks);
  await db.restoreJournal.bulkPut(
    fresh.map(
      ({ key, before }): RestoreJournalRow => ({
        key: journalKey(table, key),
        table,
        ...(before ? { before } : {}),
        ...(clocks ? { clocks: clocks.get(key) ?? {} } : {}),
      }),
    ),
  );
}

async function restoreLock<T>(run: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return run();
  return locks.request(LOCK_NAME, run);
}

async function restoreRunningElsewhere(marker: RestoreMarker, now: number): Promise<boolean> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return now - marker.touchedAt < STALE_AFTER_MS;
  return locks.request(LOCK_NAME, { ifAvailable: true }, (lock) => lock === null);
}

async function readMarker(): Promise<RestoreMarker | undefined> {
  const row = await db.meta.get(RESTORE_MARKER_KEY);
  return row?.value as RestoreMarker | undefined;
}

/**
 * Writes a backup into the ledger. "merge" keeps whichever side of each row was changed last and
 * adds what is missing; "replace" makes the ledger the backup (rows not in it are removed; on a
 * device that syncs, marked deleted). Records are only ever added. Owner only. On any failure the
 * ledger is rolled back to how it was before, and the shop's other devices never saw any of it.
 */
export async function restoreBackup(
  backup: OpenedBackup | Backup,
  mode: RestoreMode,
  ctx: WriteContext,
  onProgress?: (progress: RestoreProgress) => void,
): Promise<RestoreResult> {
  await requireOwner(ctx);
  const source = await sourceOf(backup);
  if ((await recoverInterruptedRestore()) === 'running') throw new RestoreRunningError();
  return restoreLock(async () => {
    try {
      return await writeRestore(source, mode, ctx, onProgress);
    } catch (error) {
      // A closed database (the tab is going away) cannot roll back now; the next start will. A
      // restore that had committed is not rolled back: the next start finishes sending it.
      const marker = await readMarker().catch(() => undefined);
      if (marker?.phase !== 'committed') await rollBack().catch(() => undefined);
      throw error;
    }
  });
}

/** Local rows of each table the backup lacks: what "replace" may remove. */
async function removalCandidates(run: Run, source: OpenedBackup): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (run.mode !== 'replace') return out;
  for (const { name } of run.tables) {
    if (RECORD_TABLES.has(name) || name === 'settings') continue;
    const incoming = source.keys.get(name) ?? new Set<string>();
    const local = (await db.table(name).toCollection().primaryKeys()) as string[];
    const missing = local.filter((k) => !incoming.has(k));
    if (missing.length) out.set(name, missing);
  }
  return out;
}

async function writeRestore(
  source: OpenedBackup,
  mode: RestoreMode,
  ctx: WriteContext,
  onProgress?: (progress: RestoreProgress) => void,
): Promise<RestoreResult> {
  const stamp = await stampFor(ctx);
  const run = await startRun(mode);
  const restoreId = newId();
  const removals = await removalCandidates(run, source);
  const removing = [...removals.values()].reduce((n, keys) => n + keys.length, 0);
  const total = source.rows + removing;
  const marker: RestoreMarker = {
    phase: 'writing',
    mode,
    startedAt: stamp.updatedAt,
    touchedAt: Date.now(),
    done: 0,
    total,
    syncing: run.syncing,
    restoreId,
  };
  await guardWrite(() =>
    db.transaction('rw', db.meta, db.restoreJournal, async () => {
      await db.restoreJournal.clear();
      await db.meta.put({ key: RESTORE_MARKER_KEY, value: marker });
    }),
  );
  onProgress?.({ done: 0, total });

  const result: RestoreResult = { written: 0, removed: 0, kept: 0, markedDeleted: 0, restoreId };
  const advance = async (count: number) => {
    marker.done += count;
    marker.touchedAt = Date.now();
    await db.meta.put({ key: RESTORE_MARKER_KEY, value: { ...marker } });
  };
  const report = async () => {
    onProgress?.({ done: marker.done, total });
    await nextTask();
  };
  /** A read-write transaction for the restore: its writes are journaled, and not captured. */
  const restoreTransaction = <T>(tables: readonly string[], work: () => Promise<T>) =>
    guardWrite(() =>
      db.transaction('rw', [...new Set([...tables, 'restoreJournal', 'meta', ...(run.syncing ? ['fieldClocks'] : [])])], async (tx) => {
        if (run.syncing) writeUncaptured(tx);
        return work();
      }),
    );
  const tableInfo = new Map(run.tables.map((t) => [t.name, t]));

  for await (const batch of source.batches()) {
    const table = tableInfo.get(batch.table);
    if (!table) continue;
    const moveVisits = table.name === 'visits' && mode === 'merge';
    const written = await restoreTransaction([table.name, ...(moveVisits ? ['customers'] : [])], async () => {
      const { writes, clocks } = await classify(run, table, batch.rows);
      const rows = writes.map((d) => d.stored ?? storedRow(table.name, d.row));
      await journalRows(run, table.name, writes.map((d) => ({ key: d.key, before: d.existing })), clocks);
      if (rows.length) await (db.table(table.name) as Table<BackupRow, string>).bulkPut(rows);
      if (moveVisits) await moveLastVisitsForward(run, rows);
      await advance(batch.rows.length);
      return rows.length;
    });
    result.written += written;
    result.kept += batch.rows.length - written;
    await report();
  }

  // Cards kept for the records their timeline rows stand for: their visit summary follows.
  const summariesToRefresh = new Set<string>();
  for (const [tableName, keys] of removals) {
    for (let i = 0; i < keys.length; i += RESTORE_BATCH) {
      const batch = keys.slice(i, i + RESTORE_BATCH);
      const counts = await restoreTransaction([tableName], async () => {
        const done = await removeBatch(run, tableName, batch, stamp, restoreId, summariesToRefresh);
        await advance(batch.length);
        return done;
      });
      result.removed += counts.removed;
      result.markedDeleted += counts.marked;
      await report();
    }
  }
  if (summariesToRefresh.size > 0) {
    await restoreTransaction(['customers', 'visits', 'settings'], async () => {
      const ids = [...summariesToRefresh];
      const cards = await db.customers.bulkGet(ids);
      await journalRows(run, 'customers', ids.map((key, i) => ({ key, before: cards[i] as BackupRow | undefined })));
      for (const id of ids) await refreshVisitSummary(id);
    });
  }

  await guardWrite(() =>
    db.transaction('rw', db.meta, db.audit, async () => {
      await db.audit.add({
        ...auditEntry('restore', stamp, undefined, {
          mode,
          schemaVersion: source.summary.schemaVersion,
          exportedAt: source.header.exportedAt,
          written: result.written,
          removed: result.removed,
          markedDeleted: result.markedDeleted,
        }),
        id: restoreId,
      });
      await db.meta.put({ key: RESTORE_MARKER_KEY, value: { ...marker, phase: 'committed' } });
    }),
  );
  await finishCommitted(run.syncing);
  return result;
}

/** "Replace": removes (or, on a device that syncs, marks deleted) a batch of rows the backup lacks. */
async function removeBatch(
  run: Run,
  tableName: string,
  keys: readonly string[],
  stamp: Stamp,
  restoreId: string,
  summariesToRefresh: Set<string>,
): Promise<{ removed: number; marked: number }> {
  const table = db.table(tableName) as Table<BackupRow, string>;
  const rows = await table.bulkGet([...keys]);
  const ctx = contextOf(run, tableName);
  const going: { key: string; before: BackupRow }[] = [];
  rows.forEach((row, i) => {
    if (!row) return;
    if (!isRemovable(ctx, row)) {
      if (tableName === 'visits' && !row.deletedAt && typeof row.customerId === 'string') summariesToRefresh.add(row.customerId);
      return;
    }
    // Already a tombstone on every device: nothing to send.
    if (run.syncing && row.deletedAt) return;
    going.push({ key: keys[i]!, before: row });
  });
  if (going.length === 0) return { removed: 0, marked: 0 };
  await journalRows(run, tableName, going);
  if (run.syncing) await table.bulkPut(going.map(({ before }) => tombstoneOf(tableName, before, stamp, restoreId)));
  else await table.bulkDelete(going.map((g) => g.key));
  if (tableName === 'customers') {
    const referrers = [...new Set(going.map((g) => g.before.referredBy).filter((r): r is string => typeof r === 'string'))];
    const cards = await db.customers.bulkGet(referrers);
    await journalRows(run, 'customers', referrers.map((key, i) => ({ key, before: cards[i] as BackupRow | undefined })));
    for (const referrer of referrers) await recountReferrals(referrer);
  }
  return { removed: going.length, marked: run.syncing ? going.length : 0 };
}

/**
 * A merged-in visit may be newer than the card's last visit. Only moves it forward, as recording
 * a visit does; the card row is journaled first so a rollback restores it too.
 */
async function moveLastVisitsForward(run: Run, visits: readonly BackupRow[]): Promise<void> {
  const latest = new Map<string, number>();
  for (const v of visits) {
    if (v.deletedAt || typeof v.at !== 'number' || typeof v.customerId !== 'string') continue;
    latest.set(v.customerId, Math.max(v.at, latest.get(v.customerId) ?? 0));
  }
  if (latest.size === 0) return;
  const ids = [...latest.keys()];
  const customers = await db.customers.bulkGet(ids);
  const moving = customers.filter((c): c is NonNullable<typeof c> => !!c && !c.deletedAt && (c.lastVisitAt ?? 0) < latest.get(c.id)!);
  await journalRows(run, 'customers', moving.map((c) => ({ key: c.id, before: { ...c } as BackupRow })));
  for (const customer of moving) {
    const at = latest.get(customer.id)!;
    await db.customers.update(customer.id, { lastVisitAt: at, activityAt: Math.max(customer.createdAt, at) });
  }
}

/** Step 3 after the commit: the journal becomes outbox changes (on a device that syncs), then goes. */
async function finishCommitted(syncing: boolean): Promise<void> {
  for (;;) {
    const entries = await db.restoreJournal.limit(RESTORE_BATCH).toArray();
    if (entries.length === 0) break;
    const tables = [...groupByTable(entries).keys()];
    const scope = syncing ? [...tables, 'outbox', 'fieldClocks', 'syncState', 'restoreJournal'] : ['restoreJournal'];
    await guardWrite(() =>
      db.transaction('rw', scope, async (tx) => {
        if (syncing) await publishEntries(tx, entries);
        await db.restoreJournal.bulkDelete(entries.map((e) => e.key));
      }),
    );
  }
  await db.meta.delete(RESTORE_MARKER_KEY);
}

/** Puts back, batch by batch, every row the unfinished restore touched. */
async function rollBack(): Promise<void> {
  const keyPaths = new Map(backupTables().map((t) => [t.name, t.keyPath]));
  for (;;) {
    const entries = await db.restoreJournal.limit(RESTORE_BATCH).toArray();
    if (entries.length === 0) break;
    const groups = groupByTable(entries);
    const syncing = entries.some((e) => e.clocks !== undefined);
    const scope = [...groups.keys(), 'restoreJournal', ...(syncing ? ['fieldClocks'] : [])];
    await db.transaction('rw', scope, async (tx) => {
      if (syncing) writeUncaptured(tx);
      for (const [tableName, group] of groups) {
        const table = db.table(tableName) as Table<BackupRow, string>;
        const keys = group.map(keyOfEntry);
        const [current, clocks] = syncing
          ? await rowsAndClocksOf<BackupRow>(tableName, keys)
          : [[] as (BackupRow | undefined)[], new Map<string, Clocks>()];
        const puts: BackupRow[] = [];
        const removals = new Set<string>();
        group.forEach((entry, i) => {
          const step = rollbackStep(entry, keyPaths.get(tableName) ?? 'id', keys[i]!, current[i], clocks.get(keys[i]!));
          if ('put' in step) puts.push(step.put);
          else if ('remove' in step) removals.add(keys[i]!);
        });
        // Records the restore itself added go again (the guard lets this transaction do that).
        if (tableName === 'ledgerEntries') allowRestoreRollback(tx, removals);
        if (puts.length) await table.bulkPut(puts);
        if (removals.size) await table.bulkDelete([...removals]);
      }
      await db.restoreJournal.bulkDelete(entries.map((e) => e.key));
    });
  }
  await db.meta.delete(RESTORE_MARKER_KEY);
}

export type RecoveryOutcome = 'none' | 'rolled-back' | 'finished' | 'running';

/** At start-up: finishes or rolls back a restore that a closed tab left behind. */
export async function recoverInterruptedRestore(now = Date.now()): Promise<RecoveryOutcome> {
  const marker = await readMarker();
  if (!marker) {
    if ((await db.restoreJournal.count()) > 0) await finishCommitted(false);
    return 'none';
  }
  if (await restoreRunningElsewhere(marker, now)) return 'running';
  if (marker.phase === 'committed') {
    await finishCommitted(marker.syncing === true);
    return 'finished';
  }
  await rollBack();
  return 'rolled-back';
}

// --- the preview ----------------------------------------------------------------------------

export interface RestorePlan {
  mode: RestoreMode;
  /** Whether the shop's other devices will receive what the restore changes. */
  syncing: boolean;
  /** Rows the backup adds (the ledger lacks them). */
  added: number;
  /** Rows the backup changes (the ledger has them, differently). */
  changed: number;
  /** Rows "replace" removes (on a device that syncs: marks deleted). */
  removed: number;
  customers: { added: number; changed: number; removed: number };
}

/** What a restore would do, counted without writing anything (the same rules as the restore). */
export async function planRestore(backup: OpenedBackup | Backup, mode: RestoreMode): Promise<RestorePlan> {
  const source = await sourceOf(backup);
  const run = await startRun(mode);
  const plan: RestorePlan = { mode, syncing: run.syncing, added: 0, changed: 0, removed: 0, customers: { added: 0, changed: 0, removed: 0 } };
  const tableInfo = new Map(run.tables.map((t) => [t.name, t]));
  for await (const batch of source.batches()) {
    const table = tableInfo.get(batch.table);
    if (!table) continue;
    const { writes } = await classify(run, table, batch.rows);
    const added = writes.filter((d) => !d.existing).length;
    plan.added += added;
    plan.changed += writes.length - added;
    if (table.name === 'customers') {
      plan.customers.added += added;
      plan.customers.changed += writes.length - added;
    }
  }
  for (const [tableName, keys] of await removalCandidates(run, source)) {
    const ctx = contextOf(run, tableName);
    for (let i = 0; i < keys.length; i += RESTORE_BATCH) {
      const rows = (await db.table(tableName).bulkGet(keys.slice(i, i + RESTORE_BATCH))) as (BackupRow | undefined)[];
      const going = rows.filter((row) => row && isRemovable(ctx, row) && !(run.syncing && row.deletedAt)).length;
      plan.removed += going;
      if (tableName === 'customers') plan.customers.removed += going;
    }
  }
  return plan;
}
