/**
 * Exporting the whole ledger as one backup file (format: src/lib/backup-format.ts). All tables are
 * read in one read transaction, so the file is a consistent moment of the ledger even while the
 * counter keeps writing. Owner only; each export is recorded in the audit log and remembered as
 * this device's last backup.
 */
import { encryptText } from '../lib/backup-crypto';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BACKUP_TABLES,
  backupFileName,
  DERIVED_CUSTOMER_FIELDS,
  type Backup,
  type BackupRow,
} from '../lib/backup-format';
import { recordAudit } from './audit';
import { LAST_BACKUP_KEY } from './backup-status';
import { db } from './db';
import { guardWrite } from './errors';
import { requireOwner } from './roles';
import { CURRENT_SCHEMA_VERSION } from './schema';
import { stampFor, type WriteContext } from './write-context';

export { lastBackupAt } from './backup-status';

export interface BackupOptions {
  /** Encrypts the file with AES-GCM under a key derived from this passphrase. */
  passphrase?: string;
  appVersion?: string;
}

export interface BackupFile {
  fileName: string;
  text: string;
  customers: number;
}

function withoutDerived(row: BackupRow): BackupRow {
  const copy = { ...row };
  for (const field of DERIVED_CUSTOMER_FIELDS) delete copy[field];
  return copy;
}

/** The ledger as a backup object (not yet written anywhere). */
export async function readLedgerForBackup(): Promise<Backup> {
  const tables = await db.transaction('r', BACKUP_TABLES.map((t) => db.table(t)), async () => {
    const entries = await Promise.all(BACKUP_TABLES.map(async (t) => [t, (await db.table(t).toArray()) as BackupRow[]] as const));
    return Object.fromEntries(entries) as Backup['tables'];
  });
  tables.customers = tables.customers.map(withoutDerived);
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    exportedAt: Date.now(),
    tables,
  };
}

export async function exportBackup(ctx: WriteContext, options: BackupOptions = {}): Promise<BackupFile> {
  await requireOwner(ctx);
  const backup = await readLedgerForBackup();
  if (options.appVersion) backup.appVersion = options.appVersion;
  const json = JSON.stringify(backup);
  const encrypted = Boolean(options.passphrase);
  const text = options.passphrase ? JSON.stringify(await encryptText(json, options.passphrase)) : json;
  const customers = backup.tables.customers.filter((c) => !c.deletedAt).length;
  const stamp = await stampFor(ctx, backup.exportedAt);
  await guardWrite(() =>
    db.transaction('rw', db.audit, db.meta, async () => {
      await recordAudit('backup-export', stamp, undefined, { encrypted, customers });
      await db.meta.put({ key: LAST_BACKUP_KEY, value: backup.exportedAt });
    }),
  );
  return { fileName: backupFileName(backup.exportedAt, encrypted), text, customers };
}


