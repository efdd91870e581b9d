/**
 * What a restore may do to each row: the rules in one place, shared by the restore itself and by
 * the preview the restore screen shows before anything is written (so the preview cannot promise
 * something the restore does not keep).
 *
 * - Records are only ever added: the audit log, the do-not-contact list, caution history and the
 *   buy-in ledger (its entries, which the law keeps three years, the appraisals and photos they
 *   stand on). A restore adds those the ledger lacks and never changes or removes one.
 * - Settings take the backup's value on "replace", the newer one on "merge"; a setting nobody
 *   changed (a fresh device's default) gives way. A setting the backup lacks stays.
 * - Other rows (cards, notes, consents, follow-ups, staff, and tables added later): "merge" keeps
 *   the newer side of each; "replace" takes the backup's, and removes rows it lacks. A timeline
 *   row that stands for a record (`visit.record`) stays with its record.
 * - Personal data deleted on request stays deleted: rows of a card erased on request (and, on a
 *   device that syncs, any row purged for good) are left as they are, whatever the backup holds.
 */
import { sameValue } from '../../lib/sync/merge';
import type { BackupRow } from '../../lib/backup-format';
import { decodeBlobFields } from '../../lib/backup-reader';
import { withDerivedFields } from '../customers/customer-row';
import type { CustomerFields } from '../../model/types';
import type { Stamp } from '../write-context';
import { withoutRowClock } from '../sync/tables';

export type RestoreMode = 'merge' | 'replace';

export const RECORD_TABLES: ReadonlySet<string> = new Set([
  'audit',
  'suppressions',
  'cautionHistory',
  'ledgerEntries',
  'appraisals',
  'photos',
]);

/** Set on rows a replace marked deleted on a device that syncs: "bring them back" finds them. */
export const REMOVED_BY_RESTORE = 'removedByRestore';

export interface RowContext {
  table: string;
  mode: RestoreMode;
  /** Cards whose personal data was deleted on request, here. */
  erased: ReadonlySet<string>;
}

function updatedAtOf(row: BackupRow | undefined): number {
  return typeof row?.updatedAt === 'number' ? row.updatedAt : 0;
}

/** The card a row is about (itself, for a card). */
function customerOf(table: string, row: BackupRow): unknown {
  return table === 'customers' ? row.id : row.customerId;
}

export function isErased(ctx: RowContext, row: BackupRow): boolean {
  const customer = customerOf(ctx.table, row);
  return typeof customer === 'string' && ctx.erased.has(customer);
}

/** Whether the backup's row goes in, over `existing` (this ledger's row, if any). */
export function takesBackupRow(ctx: RowContext, incoming: BackupRow, existing: BackupRow | undefined, purged: boolean): boolean {
  if (purged || isErased(ctx, incoming) || (existing !== undefined && isErased(ctx, existing))) return false;
  if (!existing) return true;
  if (RECORD_TABLES.has(ctx.table)) return false;
  if (ctx.table === 'settings' && existing.updatedBy === undefined) return true;
  return ctx.mode === 'replace' || updatedAtOf(incoming) > updatedAtOf(existing);
}

/** Whether "replace" removes a row the backup lacks. */
export function isRemovable(ctx: RowContext, row: BackupRow): boolean {
  if (RECORD_TABLES.has(ctx.table) || ctx.table === 'settings') return false;
  if (ctx.table === 'visits' && row.record !== undefined) return false;
  return !isErased(ctx, row);
}

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
    // Staff find a card by its member number: its search keys are rebuilt with it.
    ...(typeof row.memberNumber === 'string' && row.memberNumber ? { memberNumber: row.memberNumber } : {}),
  };
  const base: BackupRow = { ...row, ...fields };
  delete base.sortKey;
  if (row.deletedAt) return { ...base, searchKeys: [], searchRanks: [] };
  const createdAt = typeof row.createdAt === 'number' ? row.createdAt : 0;
  const lastVisitAt = typeof row.lastVisitAt === 'number' ? row.lastVisitAt : 0;
  const activityAt = typeof row.activityAt === 'number' ? row.activityAt : Math.max(createdAt, lastVisitAt);
  return { ...base, ...withDerivedFields(fields), activityAt };
}

/** A row of the file as the database keeps it. */
export function storedRow(table: string, row: BackupRow): BackupRow {
  const decoded = decodeBlobFields(row);
  // A clock only this device's sync may set: a file's would pass for the row's field clocks.
  return withoutRowClock(table === 'customers' ? customerRow(decoded) : decoded);
}

/** Whether writing `next` over `current` would change nothing (a Blob is never taken as equal). */
export function sameStoredRow(next: BackupRow, current: BackupRow): boolean {
  const hasBlob = (row: BackupRow) => Object.values(row).some((v) => v instanceof Blob);
  // The clock a row may hold is this device's bookkeeping, not what the file restores.
  return !hasBlob(next) && !hasBlob(current) && sameValue(next, withoutRowClock(current));
}

/**
 * The row marked deleted, as deleting it in the app would leave it (a card leaves search and
 * lists), and marked with the restore that removed it.
 */
export function tombstoneOf(table: string, row: BackupRow, stamp: Stamp, restoreId: string): BackupRow {
  const next: BackupRow = { ...row, ...stamp, deletedAt: stamp.updatedAt, [REMOVED_BY_RESTORE]: restoreId };
  if (table === 'customers') {
    for (const field of ['sortKey', 'activityAt', 'birthMonthDay', 'lapseAt']) delete next[field];
    next.searchKeys = [];
    next.searchRanks = [];
  }
  return next;
}
