/**
 * Restoring a backup without ever leaving a half-written ledger.
 *
 * A large ledger cannot be written in one transaction (very large transactions crash tabs, Dexie
 * #869), so a restore writes batches of a couple of thousand rows, each batch its own transaction.
 * What keeps it all-or-nothing is an undo journal:
 *
 * 1. Start: one transaction empties the journal and puts a marker in `meta` (phase "writing").
 * 2. Each batch, in ONE transaction with the rows it writes: the journal receives every touched
 *    row as it was before (or "absent" when the restore adds it), then the rows are written, then
 *    the marker's progress moves on. A batch is therefore either fully written and journaled, or
 *    not there at all.
 * 3. Commit: one transaction writes the audit entry and flips the marker to "committed". From
 *    that moment the restore counts as done; the journal is then cleared in batches and the
 *    marker removed.
 *
 * If the tab dies (or the disk fills) before step 3, the marker still says "writing". At the next
 * start `recoverInterruptedRestore` walks the journal back in batches: each batch puts back the
 * rows as they were (or deletes rows the restore added) and deletes those journal rows in the
 * same transaction, so the rollback itself can be interrupted and resumed. If the marker says
 * "committed", only the leftover journal is cleared. Rolling back (rather than resuming) needs
 * nothing but the database: the backup file may be gone when the tab comes back.
 *
 * A Web Lock ("daifuku-restore") is held while a restore runs, so another tab starting up does not
 * mistake a running restore for an interrupted one. Without Web Locks (tests, old browsers) a
 * restore whose marker was not touched for a minute counts as interrupted.
 *
 * The journal and the marker are device-local: never synced, never backed up.
 */
import type { Table } from 'dexie';
import { decryptText, isEncryptedBackup } from '../lib/backup-crypto';
import { BACKUP_TABLES, BackupFileError, parseBackup, type Backup, type BackupRow, type BackupTable } from '../lib/backup-format';
import { auditEntry } from './audit';
import { RESTORE_MARKER_KEY } from './backup-status';
import { withDerivedFields } from './customer-row';
import { db } from './db';
import { guardWrite } from './errors';
import { requireOwner } from './roles';
import { CURRENT_SCHEMA_VERSION } from './schema';
import type { CustomerFields, RestoreJournalRow } from './types';
import { stampFor, type WriteContext } from './write-context';

export { RESTORE_MARKER_KEY };
export const RESTORE_BATCH = 2000;
const LOCK_NAME = 'daifuku-restore';
const STALE_AFTER_MS = 60_000;

export type RestoreMode = 'merge' | 'replace';

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
}

export interface RestoreResult {
  written: number;
  removed: number;
  kept: number;
}

/** Reads a backup file's text: decrypts it when it is encrypted, checks it, migrates old rows. */
export async function readBackupText(text: string, passphrase?: string): Promise<Backup> {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new BackupFileError('notJson');
  }
  if (isEncryptedBackup(value)) {
    if (passphrase === undefined) throw new PassphraseNeededError();
    try {
      value = JSON.parse(await decryptText(value, passphrase));
    } catch (error) {
      if (error instanceof SyntaxError) throw new BackupFileError('notJson');
      throw error;
    }
  }
  return parseBackup(value, CURRENT_SCHEMA_VERSION);
}

export class PassphraseNeededError extends Error {
  constructor() {
    super('this backup is encrypted');
    this.name = 'PassphraseNeededError';
  }
}

export class RestoreRunningError extends Error {
  constructor() {
    super('a restore is running in another window');
    this.name = 'RestoreRunningError';
  }
}

const keyFieldOf = (table: BackupTable) => (table === 'settings' ? 'key' : 'id');
const journalKey = (table: string, key: string) => `${table}\u0000${key}`;
/** Rows that are only ever added, never changed: a merge keeps both sides' entries. */
const APPEND_ONLY: ReadonlySet<BackupTable> = new Set(['audit', 'suppressions']);

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/** A customer row as the database keeps it: every field present, derived fields rebuilt. */
function customerRow(row: BackupRow): BackupRow {
  const fields: CustomerFields = {
    name: text(row.name),
    reading: text(row.reading),
    phones: list<string>(row.phones),
    email: text(row.email),
    handles: list(row.handles),
    address: text(row.address),
    ...(typeof row.birthday === 'string' ? { birthday: row.birthday } : {}),
    tags: list<string>(row.tags),
    about: text(row.about),
  };
  const base: BackupRow = { ...row, ...fields };
  delete base.sortKey;
  if (row.deletedAt) return { ...base, searchKeys: [], searchRanks: [] };
  const createdAt = typeof row.createdAt === 'number' ? row.createdAt : 0;
  const lastVisitAt = typeof row.lastVisitAt === 'number' ? row.lastVisitAt : 0;
  const activityAt = typeof row.activityAt === 'number' ? row.activityAt : Math.max(createdAt, lastVisitAt);
  return { ...base, ...withDerivedFields(fields), activityAt };
}

function isNewer(incoming: BackupRow, existing: BackupRow | undefined): boolean {
  if (!existing) return true;
  const a = typeof incoming.updatedAt === 'number' ? incoming.updatedAt : 0;
  const b = typeof existing.updatedAt === 'number' ? existing.updatedAt : 0;
  return a > b;
}

async function withRestoreLock<T>(run: () => Promise<T>): Promise<T> {
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

const yieldToScreen = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Writes a backup into the ledger. "merge" keeps whichever side of each row was changed last and
 * adds what is missing; "replace" makes the ledger exactly the backup (rows not in it are removed).
 * Owner only. On any failure the ledger is rolled back to how it was before.
 */
export async function restoreBackup(
  backup: Backup,
  mode: RestoreMode,
  ctx: WriteContext,
  onProgress?: (progress: RestoreProgress) => void,
): Promise<RestoreResult> {
  await requireOwner(ctx);
  if ((await recoverInterruptedRestore()) === 'running') throw new RestoreRunningError();
  return withRestoreLock(async () => {
    try {
      return await writeRestore(backup, mode, ctx, onProgress);
    } catch (error) {
      // A closed database (the tab is going away) cannot roll back now; the next start will.
      await rollBack().catch(() => undefined);
      throw error;
    }
  });
}

async function writeRestore(
  backup: Backup,
  mode: RestoreMode,
  ctx: WriteContext,
  onProgress?: (progress: RestoreProgress) => void,
): Promise<RestoreResult> {
  const stamp = await stampFor(ctx);
  const removals = new Map<BackupTable, string[]>();
  if (mode === 'replace') {
    for (const table of BACKUP_TABLES) {
      const incoming = new Set(backup.tables[table].map((r) => r[keyFieldOf(table)] as string));
      const existing = (await db.table(table).toCollection().primaryKeys()) as string[];
      removals.set(table, existing.filter((k) => !incoming.has(k)));
    }
  }
  const removing = [...removals.values()].reduce((n, keys) => n + keys.length, 0);
  const total = removing + BACKUP_TABLES.reduce((n, t) => n + backup.tables[t].length, 0);
  const marker: RestoreMarker = { phase: 'writing', mode, startedAt: stamp.updatedAt, touchedAt: Date.now(), done: 0, total };
  await guardWrite(() =>
    db.transaction('rw', db.meta, db.restoreJournal, async () => {
      await db.restoreJournal.clear();
      await db.meta.put({ key: RESTORE_MARKER_KEY, value: marker });
    }),
  );
  onProgress?.({ done: 0, total });

  const result: RestoreResult = { written: 0, removed: 0, kept: 0 };
  const advance = async (count: number) => {
    marker.done += count;
    marker.touchedAt = Date.now();
    await db.meta.put({ key: RESTORE_MARKER_KEY, value: { ...marker } });
  };
  const report = async () => {
    onProgress?.({ done: marker.done, total });
    await yieldToScreen();
  };

  for (const [tableName, keys] of removals) {
    const table = db.table(tableName) as Table<BackupRow, string>;
    for (let i = 0; i < keys.length; i += RESTORE_BATCH) {
      const batch = keys.slice(i, i + RESTORE_BATCH);
      await guardWrite(() =>
        db.transaction('rw', table, db.restoreJournal, db.meta, async () => {
          const before = await table.bulkGet(batch);
          await db.restoreJournal.bulkPut(
            batch.map((key, j): RestoreJournalRow => ({ key: journalKey(tableName, key), table: tableName, before: before[j] })),
          );
          await table.bulkDelete(batch);
          await advance(batch.length);
        }),
      );
      result.removed += batch.length;
      await report();
    }
  }

  for (const tableName of BACKUP_TABLES) {
    const table = db.table(tableName) as Table<BackupRow, string>;
    const rows = backup.tables[tableName];
    const keyField = keyFieldOf(tableName);
    for (let i = 0; i < rows.length; i += RESTORE_BATCH) {
      const batch = rows.slice(i, i + RESTORE_BATCH);
      const keys = batch.map((r) => r[keyField] as string);
      const tables = tableName === 'visits' ? [table, db.customers, db.restoreJournal, db.meta] : [table, db.restoreJournal, db.meta];
      const written = await guardWrite(() =>
        db.transaction('rw', tables, async () => {
          const before = await table.bulkGet(keys);
          const chosen: BackupRow[] = [];
          const journal: RestoreJournalRow[] = [];
          batch.forEach((row, j) => {
            const existing = before[j];
            // A setting nobody changed (a fresh device's default) gives way to the backup's.
            const isDefault = tableName === 'settings' && existing !== undefined && existing.updatedBy === undefined;
            const take = mode === 'replace' || isDefault || (APPEND_ONLY.has(tableName) ? !existing : isNewer(row, existing));
            if (!take) return;
            chosen.push(tableName === 'customers' ? customerRow(row) : row);
            journal.push({ key: journalKey(tableName, keys[j]!), table: tableName, ...(existing ? { before: existing } : {}) });
          });
          await db.restoreJournal.bulkPut(journal);
          await table.bulkPut(chosen);
          if (tableName === 'visits' && mode === 'merge') await moveLastVisitsForward(chosen);
          await advance(batch.length);
          return chosen.length;
        }),
      );
      result.written += written;
      result.kept += batch.length - written;
      await report();
    }
  }

  await guardWrite(() =>
    db.transaction('rw', db.meta, db.audit, async () => {
      await db.audit.add(
        auditEntry('restore', stamp, undefined, {
          mode,
          schemaVersion: backup.schemaVersion,
          exportedAt: backup.exportedAt,
          written: result.written,
          removed: result.removed,
        }),
      );
      await db.meta.put({ key: RESTORE_MARKER_KEY, value: { ...marker, phase: 'committed' } });
    }),
  );
  await clearJournal();
  return result;
}

/**
 * A merged-in visit may be newer than the card's last visit. Only moves it forward, as recording
 * a visit does; the card row is journaled first so a rollback restores it too.
 */
async function moveLastVisitsForward(visits: BackupRow[]): Promise<void> {
  const latest = new Map<string, number>();
  for (const v of visits) {
    if (v.deletedAt || typeof v.at !== 'number' || typeof v.customerId !== 'string') continue;
    latest.set(v.customerId, Math.max(v.at, latest.get(v.customerId) ?? 0));
  }
  if (latest.size === 0) return;
  const ids = [...latest.keys()];
  const customers = await db.customers.bulkGet(ids);
  for (const customer of customers) {
    if (!customer || customer.deletedAt) continue;
    const at = latest.get(customer.id)!;
    if ((customer.lastVisitAt ?? 0) >= at) continue;
    const key = journalKey('customers', customer.id);
    if (!(await db.restoreJournal.get(key))) {
      await db.restoreJournal.put({ key, table: 'customers', before: { ...customer } });
    }
    await db.customers.update(customer.id, { lastVisitAt: at, activityAt: Math.max(customer.createdAt, at) });
  }
}

async function clearJournal(): Promise<void> {
  for (;;) {
    const keys = await db.restoreJournal.limit(RESTORE_BATCH).primaryKeys();
    if (keys.length === 0) break;
    await db.restoreJournal.bulkDelete(keys);
  }
  await db.meta.delete(RESTORE_MARKER_KEY);
}

/** Puts back, batch by batch, every row the unfinished restore touched. */
async function rollBack(): Promise<void> {
  for (;;) {
    const entries = await db.restoreJournal.limit(RESTORE_BATCH).toArray();
    if (entries.length === 0) break;
    const tables = [...new Set(entries.map((e) => e.table))].map((t) => db.table(t));
    await db.transaction('rw', [...tables, db.restoreJournal], async () => {
      for (const entry of entries) {
        const table = db.table(entry.table);
        const key = entry.key.slice(entry.table.length + 1);
        if (entry.before) await table.put(entry.before);
        else await table.delete(key);
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
    if ((await db.restoreJournal.count()) > 0) await clearJournal();
    return 'none';
  }
  if (await restoreRunningElsewhere(marker, now)) return 'running';
  if (marker.phase === 'committed') {
    await clearJournal();
    return 'finished';
  }
  await rollBack();
  return 'rolled-back';
}
