/**
 * Merging two cards of the same person on this device. The kept card gains the other's details
 * where it has none, and every visit, note and consent of the other card moves to it; the other
 * card becomes a tombstone pointing at the kept one. All in one transaction, and undoable: the
 * returned MergeUndo puts both cards and every moved row back as they were.
 */
import { Dexie } from 'dexie';
import { duplicateReason, fillMissing, identityKeys, lookupKeys, type DuplicateReason } from '../../lib/duplicates';
import { recordAudit } from '../audit';
import { customerFieldsOf, withDerivedFields } from '../customers/customer-row';
import { db } from '../db';
import { guardWrite } from '../errors';
import { searchIndex } from '../search/live-index';
import type { Customer, CustomerFields, Id } from '../../model/types';
import { refreshVisitSummary } from '../visits/visit-summary';
import { stampFor, type WriteContext } from '../write-context';

export interface MergeUndo {
  kept: Customer;
  merged: Customer;
  visitIds: Id[];
  consentIds: Id[];
}


export async function mergeCustomers(keepId: Id, mergeId: Id, ctx: WriteContext): Promise<MergeUndo> {
  if (keepId === mergeId) throw new Error('cannot merge a card into itself');
  const stamp = await stampFor(ctx);
  return guardWrite(() =>
    db.transaction('rw', [db.customers, db.visits, db.consents, db.audit, db.settings], async () => {
      const [kept, merged] = await db.customers.bulkGet([keepId, mergeId]);
      if (!kept || kept.deletedAt || !merged || merged.deletedAt) throw new Error('both cards must exist');
      const keptFields = customerFieldsOf(kept);
      const combined = fillMissing(keptFields, customerFieldsOf(merged)) ?? keptFields;
      const handles = [...kept.handles, ...merged.handles.filter((h) => !kept.handles.some((k) => k.kind === h.kind && k.value === h.value))];
      const healthConsent = kept.healthConsent ?? merged.healthConsent;
      // Visits another system counted: the kept card's, or else the merged one's.
      const visitsBefore = kept.visitsBefore ?? merged.visitsBefore;
      await db.customers.put({
        ...kept,
        ...stamp,
        ...withDerivedFields({ ...combined, handles }),
        ...(healthConsent ? { healthConsent } : {}),
        ...(visitsBefore ? { visitsBefore } : {}),
      });
      const visits = await db.visits
        .where('[customerId+at]')
        .between([mergeId, Dexie.minKey], [mergeId, Dexie.maxKey])
        .toArray();
      const consents = await db.consents.where('customerId').equals(mergeId).toArray();
      for (const v of visits) await db.visits.update(v.id, { ...stamp, customerId: keepId });
      for (const c of consents) await db.consents.update(c.id, { ...stamp, customerId: keepId });
      const { sortKey: _s, activityAt: _a, ...rest } = merged;
      await db.customers.put({ ...rest, ...stamp, deletedAt: stamp.updatedAt, mergedInto: keepId, searchKeys: [], searchRanks: [] });
      await refreshVisitSummary(keepId);
      await recordAudit('merge', stamp, keepId, { merged: mergeId, visits: visits.length, consents: consents.length });
      return { kept, merged, visitIds: visits.map((v) => v.id), consentIds: consents.map((c) => c.id) };
    }),
  );
}

/** Puts both cards and every moved visit and consent back. */
export async function undoMerge(undo: MergeUndo, ctx: WriteContext): Promise<void> {
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', [db.customers, db.visits, db.consents, db.audit, db.settings], async () => {
      await db.customers.put({ ...undo.kept, ...stamp });
      await db.customers.put({ ...undo.merged, ...stamp });
      for (const id of undo.visitIds) await db.visits.update(id, { ...stamp, customerId: undo.merged.id });
      for (const id of undo.consentIds) await db.consents.update(id, { ...stamp, customerId: undo.merged.id });
      await refreshVisitSummary(undo.kept.id);
      await refreshVisitSummary(undo.merged.id);
      await recordAudit('merge', stamp, undo.kept.id, { undone: undo.merged.id });
    }),
  );
}

export interface DuplicateCandidate {
  customer: Customer;
  reason: DuplicateReason;
}

/** Cards that look like the same person as `fields` (for capture and for the card's own check). */
export async function findLikelyDuplicates(
  fields: Pick<CustomerFields, 'name' | 'reading' | 'phones' | 'email'>,
  excludeId?: Id,
): Promise<DuplicateCandidate[]> {
  const keys = identityKeys(fields);
  const lookups = lookupKeys(keys);
  if (lookups.length === 0) return [];
  const ledger = await searchIndex();
  const ids = new Set<Id>(lookups.flatMap((key) => ledger.idsWithKey(key)));
  // A similar name with the same reading is found through the reading key above.
  ids.delete(excludeId ?? '');
  const rows = await db.customers.bulkGet([...ids]);
  const found: DuplicateCandidate[] = [];
  for (const customer of rows) {
    if (!customer || customer.deletedAt) continue;
    const reason = duplicateReason(keys, identityKeys(customer));
    if (reason) found.push({ customer, reason });
  }
  return found;
}
