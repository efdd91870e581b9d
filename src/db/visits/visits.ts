/**
 * Writing visits and notes on a customer's timeline. Each write also refreshes the customer's
 * visit summary (`lastVisitAt`, visit times, lapse day) in the same transaction, because search
 * orders results by it and every list shows the stage computed from it.
 */
import { parseVisitInput, type VisitInput } from '../../lib/customer-input';
import { db } from '../db';
import { guardWrite, InputError } from '../errors';
import { newId } from '../ids';
import { LedgerRuleError } from '../ledger/errors';
import type { Customer, Id, Visit, VisitFields } from '../../model/types';
import { countsAsVisit, summarizeVisits } from '../../lib/visit-summary';
import { refreshVisitSummary, storedStageRules } from './visit-summary';
import { stampFor, type Stamp, type WriteContext } from '../write-context';

/** APPI: a health-related note may only be kept with the customer's own consent to it. */
function hasHealthConsent(customer: Customer | undefined): boolean {
  return Boolean(customer?.healthConsent && !customer.healthConsent.revokedAt);
}

function parseOrThrow(input: VisitInput): VisitFields {
  const parsed = parseVisitInput(input);
  if (!parsed.ok) throw new InputError(parsed.errors);
  return parsed.value;
}

/**
 * Adds the timeline rows an appraisal or a ledger record writes in its own transaction, and keeps
 * the customer's derived fields in step. Must run inside a rw transaction on visits, customers and settings.
 */
export async function addRecordVisits(customerId: Id, visits: readonly Visit[]): Promise<void> {
  await db.visits.bulkAdd([...visits]);
  await refreshVisitSummary(customerId);
}

/** A corrected record's timeline row follows the correction. Same transaction rules as above. */
export async function followCorrectedRecord(
  visitId: Id,
  patch: Pick<Visit, 'at' | 'amount' | 'note' | 'record'>,
  stamp: Stamp,
): Promise<void> {
  const visit = await db.visits.get(visitId);
  if (!visit) return;
  await db.visits.put({ ...visit, ...stamp, ...patch });
  await refreshVisitSummary(visit.customerId);
}

/** A row standing for a record changes only with the record (a correction), never on its own. */
function refuseRecordRow(visit: Visit): void {
  if (visit.record) throw new LedgerRuleError('appendOnly', `visit ${visit.id} shows ${visit.record.type} ${visit.record.id}`);
}

export async function recordVisit(customerId: Id, input: VisitInput, ctx: WriteContext): Promise<Id> {
  const fields = parseOrThrow(input);
  const stamp = await stampFor(ctx);
  const visit: Visit = {
    id: newId(),
    createdAt: stamp.updatedAt,
    ...stamp,
    ...fields,
    customerId,
    staffId: ctx.staffId,
  };
  await guardWrite(() =>
    db.transaction('rw', [db.visits, db.customers, db.settings], async () => {
      // Read together and written together: two round trips to IndexedDB, as few as the raw
      // two-row write needs. The customer read here is this transaction's, so writing it back
      // whole cannot undo anyone else's change.
      const [customer, rules] = await Promise.all([db.customers.get(customerId), storedStageRules()]);
      if (!customer || customer.deletedAt) throw new Error(`customer ${customerId} not found`);
      if (visit.health && !hasHealthConsent(customer)) throw new InputError([{ field: 'health', code: 'noHealthConsent' }]);
      if (!countsAsVisit(visit)) {
        await db.visits.add(visit);
        return;
      }
      // The row already holds every earlier visit time: add this one rather than reread the timeline.
      const previous = (customer.visitTimes ?? []).map((at) => ({ at, kind: visit.kind }));
      const summary = summarizeVisits([...previous, visit], rules, customer.visitsBefore);
      await Promise.all([
        db.visits.add(visit),
        db.customers.put({
          ...customer,
          visitTimes: summary.visitTimes,
          lastVisitAt: summary.lastVisitAt,
          lapseAt: summary.lapseAt,
          activityAt: Math.max(customer.createdAt, summary.lastVisitAt ?? 0),
        }),
      ]);
    }),
  );
  return visit.id;
}

export async function updateVisit(id: Id, input: VisitInput, ctx: WriteContext): Promise<void> {
  const fields = parseOrThrow(input);
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', [db.visits, db.customers, db.settings], async () => {
      const existing = await db.visits.get(id);
      if (!existing || existing.deletedAt) throw new Error(`visit ${id} not found`);
      refuseRecordRow(existing);
      if (fields.health && !hasHealthConsent(await db.customers.get(existing.customerId))) {
        throw new InputError([{ field: 'health', code: 'noHealthConsent' }]);
      }
      await db.visits.put({ ...existing, ...stamp, ...fields, amount: fields.amount, health: fields.health });
      await refreshVisitSummary(existing.customerId);
    }),
  );
}

async function setVisitDeleted(id: Id, deleted: boolean, ctx: WriteContext): Promise<void> {
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', [db.visits, db.customers, db.settings], async () => {
      const existing = await db.visits.get(id);
      if (!existing || Boolean(existing.deletedAt) === deleted) return;
      refuseRecordRow(existing);
      const { deletedAt: _dropped, ...rest } = existing;
      await db.visits.put(deleted ? { ...rest, ...stamp, deletedAt: stamp.updatedAt } : { ...rest, ...stamp });
      await refreshVisitSummary(existing.customerId);
    }),
  );
}

export function deleteVisit(id: Id, ctx: WriteContext): Promise<void> {
  return setVisitDeleted(id, true, ctx);
}

export function restoreVisit(id: Id, ctx: WriteContext): Promise<void> {
  return setVisitDeleted(id, false, ctx);
}
