/**
 * Small facts about backups that the home screen needs at start (kept apart from the backup code
 * itself, which brings encryption and file checks the first screen does not need).
 */
import type { BackupFacts } from '../../lib/backup-reminder';
import { db } from '../db';

export const LAST_BACKUP_KEY = 'lastBackupAt';
export const RESTORE_MARKER_KEY = 'restoreInProgress';

export async function lastBackupAt(): Promise<number | undefined> {
  const row = await db.meta.get(LAST_BACKUP_KEY);
  return typeof row?.value === 'number' ? row.value : undefined;
}

/**
 * Whether sync is on for this device. The sync code owns this flag (meta "syncEnabled"); until it
 * sets it, a ledger counts as not synced, so the backup reminder shows.
 */
export async function syncIsOn(): Promise<boolean> {
  const row = await db.meta.get('syncEnabled');
  return row?.value === true;
}

export async function backupFacts(): Promise<BackupFacts> {
  const [last, staff, firstCustomer, syncOn] = await Promise.all([
    lastBackupAt(),
    db.staff.toArray(),
    // One index entry, not a count: IndexedDB counts by walking the index, which at 50,000
    // cards held up the database for 0.4 s each time the home screen appeared.
    db.customers.where('sortKey').aboveOrEqual('').limit(1).primaryKeys(),
    syncIsOn(),
  ]);
  const started = staff.length ? Math.min(...staff.map((s) => s.createdAt)) : undefined;
  return { lastBackupAt: last, ledgerStartedAt: started, hasCustomers: firstCustomer.length > 0, syncOn };
}

/** Whether a restore left work behind (its marker or journal rows), without loading the restore code. */
export async function restoreLeftWork(): Promise<boolean> {
  return Boolean(await db.meta.get(RESTORE_MARKER_KEY)) || (await db.restoreJournal.count()) > 0;
}
