/**
 * Bringing back what a "replace" restore marked deleted on a device that syncs. The restore's
 * audit entry syncs, so every device of the shop sees it; the rows it marked carry its id
 * (`removedByRestore`), so any device can bring them back. Bringing back is an ordinary edit
 * (`deletedAt` cleared), which sync passes on to every device like any other.
 */
import type { Table } from 'dexie';
import type { BackupRow } from '../../lib/backup-format';
import { recordAudit } from '../audit';
import { backupTables } from './tables';
import { withDerivedFields } from '../customers/customer-row';
import { db } from '../db';
import { guardWrite } from '../errors';
import { recountReferrals } from '../relationships/referrals';
import { RECORD_TABLES, REMOVED_BY_RESTORE } from './restore-rules';
import { requireOwner } from '../staff/roles';
import type { CustomerFields } from '../../model/types';
import { refreshVisitSummary } from '../visits/visit-summary';
import { stampFor, type WriteContext } from '../write-context';

const BATCH = 2000;

export interface UndoableRestore {
  /** The restore's audit entry. */
  id: string;
  at: number;
  markedDeleted: number;
}

/** Restores that marked rows deleted and were not undone yet, newest first. */
export async function undoableRestores(): Promise<UndoableRestore[]> {
  const entries = await db.audit
    .orderBy('at')
    .reverse()
    .filter((a) => a.action === 'restore' || a.action === 'restore-undo')
    .toArray();
  const undone = new Set(entries.filter((a) => a.action === 'restore-undo').map((a) => a.subjectId));
  return entries
    .filter((a) => a.action === 'restore' && !a.deletedAt && !undone.has(a.id))
    .map((a) => ({ id: a.id, at: a.at, markedDeleted: Number(a.detail?.markedDeleted ?? 0) }))
    .filter((r) => r.markedDeleted > 0);
}

function revived(table: string, row: BackupRow, stamp: Awaited<ReturnType<typeof stampFor>>): BackupRow {
  const { deletedAt: _deleted, [REMOVED_BY_RESTORE]: _restore, ...rest } = row;
  const next = { ...rest, ...stamp };
  return table === 'customers' ? { ...next, ...withDerivedFields(next as unknown as CustomerFields) } : next;
}

/**
 * Brings back every row the restore `restoreId` marked deleted and nobody has touched since.
 * Owner only. Returns how many rows came back.
 */
export async function bringBackRestoreRemovals(restoreId: string, ctx: WriteContext): Promise<number> {
  await requireOwner(ctx);
  const stamp = await stampFor(ctx);
  const cards = new Set<string>();
  const referrers = new Set<string>();
  let broughtBack = 0;
  for (const { name } of backupTables()) {
    if (RECORD_TABLES.has(name) || name === 'settings') continue;
    const table = db.table(name) as Table<BackupRow, string>;
    const keys = await table.filter((r) => r[REMOVED_BY_RESTORE] === restoreId && r.deletedAt !== undefined).primaryKeys();
    for (let i = 0; i < keys.length; i += BATCH) {
      broughtBack += await guardWrite(() =>
        db.transaction('rw', table, async () => {
          const rows = await table.bulkGet(keys.slice(i, i + BATCH));
          const back = rows
            .filter((r): r is BackupRow => !!r && r[REMOVED_BY_RESTORE] === restoreId && r.deletedAt !== undefined)
            .map((r) => revived(name, r, stamp));
          for (const row of back) {
            if (name === 'customers') cards.add(row.id as string);
            if (typeof row.customerId === 'string') cards.add(row.customerId);
            if (name === 'customers' && typeof row.referredBy === 'string') referrers.add(row.referredBy);
          }
          await table.bulkPut(back);
          return back.length;
        }),
      );
    }
  }
  const ids = [...cards];
  for (let i = 0; i < ids.length; i += BATCH) {
    await guardWrite(() =>
      db.transaction('rw', [db.customers, db.visits, db.settings], async () => {
        for (const id of ids.slice(i, i + BATCH)) await refreshVisitSummary(id);
      }),
    );
  }
  await guardWrite(() =>
    db.transaction('rw', db.customers, db.audit, async () => {
      for (const referrer of referrers) await recountReferrals(referrer);
      await recordAudit('restore-undo', stamp, restoreId, { broughtBack });
    }),
  );
  return broughtBack;
}
