/**
 * Writing visits and notes on a customer's timeline. Each write also refreshes the customer's
 * `lastVisitAt` in the same transaction, because search orders results by it.
 */
import { Dexie } from 'dexie';
import { parseVisitInput, type VisitInput } from '../lib/customer-input';
import { db } from './db';
import { guardWrite, InputError } from './errors';
import { newId } from './ids';
import { LedgerRuleError } from './ledger-errors';
import type { Id, Visit, VisitFields } from './types';
import { stampFor, type Stamp, type WriteContext } from './write-context';

function parseOrThrow(input: VisitInput): VisitFields {
  const parsed = parseVisitInput(input);
  if (!parsed.ok) throw new InputError(parsed.errors);
  return parsed.value;
}

/** Recomputes the customer's most recent visit time. Must run inside a rw transaction on both tables. */
export async function refreshLastVisit(customerId: Id): Promise<void> {
  const latest = await db.visits
    .where('[customerId+at]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .reverse()
    .filter((v) => !v.deletedAt)
    .first();
  const customer = await db.customers.get(customerId);
  if (customer && !customer.deletedAt) {
    await db.customers.update(customerId, {
      lastVisitAt: latest?.at,
      activityAt: Math.max(customer.createdAt, latest?.at ?? 0),
    });
  }
}

/**
 * Adds the timeline rows an appraisal or a ledger record writes in its own transaction, and keeps
 * the customer's derived fields in step. Must run inside a rw transaction on visits and customers.
 */
export async function addRecordVisits(customerId: Id, visits: readonly Visit[]): Promise<void> {
  await db.visits.bulkAdd([...visits]);
  await refreshLastVisit(customerId);
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
  await refreshLastVisit(visit.customerId);
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
    db.transaction('rw', db.visits, db.customers, async () => {
      const customer = await db.customers.get(customerId);
      if (!customer || customer.deletedAt) throw new Error(`customer ${customerId} not found`);
      await db.visits.add(visit);
      if (!customer.lastVisitAt || customer.lastVisitAt < visit.at) {
        await db.customers.update(customerId, {
          lastVisitAt: visit.at,
          activityAt: Math.max(customer.createdAt, visit.at),
        });
      }
    }),
  );
  return visit.id;
}

export async function updateVisit(id: Id, input: VisitInput, ctx: WriteContext): Promise<void> {
  const fields = parseOrThrow(input);
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', db.visits, db.customers, async () => {
      const existing = await db.visits.get(id);
      if (!existing || existing.deletedAt) throw new Error(`visit ${id} not found`);
      refuseRecordRow(existing);
      await db.visits.put({ ...existing, ...stamp, ...fields, amount: fields.amount });
      await refreshLastVisit(existing.customerId);
    }),
  );
}

async function setVisitDeleted(id: Id, deleted: boolean, ctx: WriteContext): Promise<void> {
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', db.visits, db.customers, async () => {
      const existing = await db.visits.get(id);
      if (!existing || Boolean(existing.deletedAt) === deleted) return;
      refuseRecordRow(existing);
      const { deletedAt: _dropped, ...rest } = existing;
      await db.visits.put(deleted ? { ...rest, ...stamp, deletedAt: stamp.updatedAt } : { ...rest, ...stamp });
      await refreshLastVisit(existing.customerId);
    }),
  );
}

export function deleteVisit(id: Id, ctx: WriteContext): Promise<void> {
  return setVisitDeleted(id, true, ctx);
}

export function restoreVisit(id: Id, ctx: WriteContext): Promise<void> {
  return setVisitDeleted(id, false, ctx);
}
