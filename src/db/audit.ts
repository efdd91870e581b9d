/**
 * The audit log: exports, deletions, consent changes, role changes and restores, so the shop can
 * show how it handled personal data (APPI). Entries are appended inside the transaction of the
 * action they record, so there is never an action without its entry or an entry without its action.
 */
import { db } from './db';
import { newId } from './ids';
import { requireOwner } from './staff/roles';
import type { AuditAction, AuditEntry, Id } from '../model/types';
import type { Stamp } from './write-context';

export function auditEntry(
  action: AuditAction,
  stamp: Stamp,
  subjectId?: Id,
  detail?: AuditEntry['detail'],
): AuditEntry {
  return {
    id: newId(),
    createdAt: stamp.updatedAt,
    ...stamp,
    at: stamp.updatedAt,
    action,
    staffId: stamp.updatedBy,
    ...(subjectId ? { subjectId } : {}),
    ...(detail ? { detail } : {}),
  };
}

/** Appends an entry; call inside a transaction that includes `db.audit`. */
export async function recordAudit(
  action: AuditAction,
  stamp: Stamp,
  subjectId?: Id,
  detail?: AuditEntry['detail'],
): Promise<void> {
  await db.audit.add(auditEntry(action, stamp, subjectId, detail));
}

/** The newest entries first. Owner only. */
export async function auditLog(staffId: Id | undefined, limit = 200): Promise<AuditEntry[]> {
  await requireOwner({ staffId });
  return db.audit.orderBy('at').reverse().limit(limit).toArray();
}

export function auditEntriesAbout(subjectId: Id): Promise<AuditEntry[]> {
  return db.audit.where('subjectId').equals(subjectId).sortBy('at');
}
