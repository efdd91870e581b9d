/**
 * Writing customers. A customer's card, their consents and (at quick capture) their first visit
 * are written together in one transaction: a shop never ends up with half a customer.
 */
import { parseCustomerInput, parseVisitInput, type CustomerInput, type VisitInput } from '../lib/customer-input';
import { buildSearchIndex, customerSortKey } from '../lib/search-keys';
import { db } from './db';
import { grantConsents, reconcileConsents, type ConsentGrant } from './consents';
import { guardWrite, InputError } from './errors';
import { newId } from './ids';
import type { Customer, CustomerFields, Id, Visit } from './types';
import { refreshLastVisit } from './visits';
import { stampFor, type Stamp, type WriteContext } from './write-context';

/** The derived fields (search index, sort key) always follow the fields they come from. */
export function withDerivedFields<T extends CustomerFields>(fields: T) {
  return { ...fields, ...buildSearchIndex(fields), sortKey: customerSortKey(fields) };
}

function parseOrThrow(input: CustomerInput): CustomerFields {
  const parsed = parseCustomerInput(input);
  if (!parsed.ok) throw new InputError(parsed.errors);
  return parsed.value;
}

function newCustomerRow(fields: CustomerFields, stamp: Stamp): Customer {
  return {
    id: newId(),
    createdAt: stamp.updatedAt,
    ...stamp,
    ...withDerivedFields(fields),
    activityAt: stamp.updatedAt,
  };
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
      await db.customers.add(row);
      if (consent) await grantConsents(row.id, consent, stamp);
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
  const customer = newCustomerRow(fields, stamp);
  customer.lastVisitAt = visitParsed.value.at;
  customer.activityAt = Math.max(customer.createdAt, visitParsed.value.at);
  const visit: Visit = {
    id: newId(),
    createdAt: stamp.updatedAt,
    ...stamp,
    ...visitParsed.value,
    customerId: customer.id,
    staffId: ctx.staffId,
  };
  await guardWrite(() =>
    db.transaction('rw', db.customers, db.consents, db.visits, async () => {
      await db.customers.add(customer);
      await db.visits.add(visit);
      if (consent) await grantConsents(customer.id, consent, stamp);
    }),
  );
  return { customerId: customer.id, visitId: visit.id };
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
      await db.customers.put({ ...existing, ...stamp, ...withDerivedFields(fields) });
      if (consent) await reconcileConsents(id, consent, stamp);
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
      // Leaving the derived index fields out removes the card from search, lists and "Recent".
      const { sortKey: _sortKey, activityAt: _activityAt, ...rest } = existing;
      await db.customers.put({
        ...rest,
        ...stamp,
        deletedAt: stamp.updatedAt,
        searchKeys: [],
        searchRanks: [],
      });
    }),
  );
}

export async function restoreCustomer(id: Id, ctx: WriteContext): Promise<void> {
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', db.customers, db.visits, async () => {
      const existing = await db.customers.get(id);
      if (!existing || !existing.deletedAt) return;
      const { deletedAt: _dropped, ...rest } = existing;
      await db.customers.put({ ...rest, ...stamp, ...withDerivedFields(rest) });
      await refreshLastVisit(id);
    }),
  );
}
