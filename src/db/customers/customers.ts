/**
 * Writing customers. A customer's card, their consents and (at quick capture) their first visit
 * are written together in one transaction: a shop never ends up with half a customer.
 */
import { parseCustomerInput, parseVisitInput, type CustomerInput, type VisitInput } from '../../lib/customer-input';
import { db } from '../db';
import { grantConsents, reconcileConsents, type ConsentGrant } from './consents';
import { guardWrite, InputError } from '../errors';
import { newCustomerRow, withDerivedFields } from './customer-row';
import { newId } from '../ids';
import { applyReferral, recountReferrals } from '../relationships/referrals';
import type { Customer, CustomerFields, Id, Visit } from '../../model/types';
import { summarizeVisits, withVisitSummary } from '../../lib/visit-summary';
import { refreshVisitSummary, storedStageRules } from '../visits/visit-summary';
import { stampFor, type WriteContext } from '../write-context';


/** The card without the optional fields the form may have emptied (and what they derive). */
function withoutOptionalDerived(customer: Customer): Customer {
  const { birthMonthDay: _monthDay, birthday: _birthday, memberNumber: _memberNumber, ...rest } = customer;
  return rest;
}

function parseOrThrow(input: CustomerInput): CustomerFields {
  const parsed = parseCustomerInput(input);
  if (!parsed.ok) throw new InputError(parsed.errors);
  return parsed.value;
}


export async function createCustomer(
  input: CustomerInput,
  consent: ConsentGrant | undefined,
  ctx: WriteContext,
): Promise<Id> {
  const fields = parseOrThrow(input);
  const stamp = await stampFor(ctx);
  const row = newCustomerRow(fields, stamp);
  await guardWrite(() =>
    db.transaction('rw', db.customers, db.consents, async () => {
      const recount = await applyReferral(row, undefined, fields.referredBy, stamp.updatedAt);
      await db.customers.add(row);
      if (consent) await grantConsents(row.id, consent, stamp);
      for (const referrer of recount) await recountReferrals(referrer);
    }),
  );
  return row.id;
}

/**
 * Quick capture at the counter: the new customer, their consent and the sale happening now,
 * all or nothing.
 */
export async function captureCustomerWithVisit(
  input: CustomerInput,
  consent: ConsentGrant | undefined,
  visitInput: VisitInput,
  ctx: WriteContext,
): Promise<{ customerId: Id; visitId: Id }> {
  const fields = parseOrThrow(input);
  const visitParsed = parseVisitInput(visitInput);
  if (!visitParsed.ok) throw new InputError(visitParsed.errors);
  const stamp = await stampFor(ctx);
  const fresh = newCustomerRow(fields, stamp);
  const visit: Visit = {
    id: newId(),
    createdAt: stamp.updatedAt,
    ...stamp,
    ...visitParsed.value,
    customerId: fresh.id,
    staffId: ctx.staffId,
  };
  await guardWrite(() =>
    db.transaction('rw', [db.customers, db.consents, db.visits, db.settings], async () => {
      const customer = withVisitSummary(fresh, summarizeVisits([visit], await storedStageRules()));
      customer.activityAt = Math.max(customer.createdAt, visit.at);
      const recount = await applyReferral(customer, undefined, fields.referredBy, stamp.updatedAt);
      await db.customers.add(customer);
      await db.visits.add(visit);
      if (consent) await grantConsents(customer.id, consent, stamp);
      for (const referrer of recount) await recountReferrals(referrer);
    }),
  );
  return { customerId: fresh.id, visitId: visit.id };
}

/**
 * Saves an edited card. When `consent` is given, channels no longer ticked are revoked and newly
 * ticked ones are granted with the purpose shown on the form, in the same transaction.
 */
export async function updateCustomer(
  id: Id,
  input: CustomerInput,
  consent: ConsentGrant | undefined,
  ctx: WriteContext,
): Promise<void> {
  const fields = parseOrThrow(input);
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', db.customers, db.consents, async () => {
      const existing = await db.customers.get(id);
      if (!existing || existing.deletedAt) throw new Error(`customer ${id} not found`);
      const row: Customer = { ...withoutOptionalDerived(existing), ...stamp, ...withDerivedFields(fields) };
      const recount = await applyReferral(row, existing, fields.referredBy, stamp.updatedAt);
      await db.customers.put(row);
      if (consent) await reconcileConsents(id, consent, stamp);
      for (const referrer of recount) await recountReferrals(referrer);
    }),
  );
}

/** Soft delete: the card leaves search and lists at once, and `restoreCustomer` brings it back. */
export async function deleteCustomer(id: Id, ctx: WriteContext): Promise<void> {
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', db.customers, async () => {
      const existing = await db.customers.get(id);
      if (!existing || existing.deletedAt) return;
      // Leaving the derived index fields out removes the card from search, lists, "Recent",
      // birthdays and lapse nudges.
      const {
        sortKey: _sortKey,
        activityAt: _activityAt,
        birthMonthDay: _monthDay,
        lapseAt: _lapseAt,
        ...rest
      } = existing;
      await db.customers.put({
        ...rest,
        ...stamp,
        deletedAt: stamp.updatedAt,
        searchKeys: [],
        searchRanks: [],
      });
      await recountReferrals(existing.referredBy);
    }),
  );
}

export async function restoreCustomer(id: Id, ctx: WriteContext): Promise<void> {
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', [db.customers, db.visits, db.settings], async () => {
      const existing = await db.customers.get(id);
      if (!existing || !existing.deletedAt) return;
      const { deletedAt: _dropped, ...rest } = existing;
      await db.customers.put({ ...rest, ...stamp, ...withDerivedFields(rest) });
      await refreshVisitSummary(id);
      await recountReferrals(existing.referredBy);
    }),
  );
}
