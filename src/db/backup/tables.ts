/**
 * Which tables a backup carries: every table that syncs, read from the schema, so a table added
 * later is in every backup without anyone remembering to add it (a test checks this too). The
 * rule that decides what syncs (src/db/sync/tables.ts) is the same rule that decides what is the
 * shop's rather than this device's.
 */
import { RESTORE_ORDER, type BackupTableInfo } from '../../lib/backup-format';
import { db } from '../db';
import { DEVICE_LOCAL_TABLES } from '../sync/tables';

function byRestoreOrder(a: BackupTableInfo, b: BackupTableInfo): number {
  const rank = (t: BackupTableInfo) => {
    const at = RESTORE_ORDER.indexOf(t.name);
    return at === -1 ? RESTORE_ORDER.length : at;
  };
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

/**
 * The shop's tables in the order a restore writes them. Read from the declared schema, not the
 * open database, so a rollback after the connection closed does not open it again. The rule is
 * `isSyncedTable`'s (a test holds the two lists equal).
 */
export function backupTables(): BackupTableInfo[] {
  return db.tables
    .filter((t) => !DEVICE_LOCAL_TABLES.has(t.name) && typeof t.schema.primKey.keyPath === 'string' && !t.schema.primKey.auto)
    .map((t) => ({ name: t.name, keyPath: t.schema.primKey.keyPath as string }))
    .sort(byRestoreOrder);
}
