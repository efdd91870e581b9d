/**
 * Who brought whom. A customer names their referrer (`referredBy`); the referrer's row keeps a
 * count so lists can show "Referrer" without a query per row. Both change in the caller's
 * transaction (which must include `customers`).
 */
import { db } from '../db';
import { InputError } from '../errors';
import type { Customer, Id } from '../../model/types';

/**
 * Refuses a referrer that does not exist, the customer themself, or one that would close a circle
 * (A brought B, B brought A): walking up from the referrer must never reach the customer.
 */
export async function checkReferrer(customerId: Id | undefined, referrerId: Id): Promise<void> {
  if (referrerId === customerId)
    throw new InputError([{ field: 'referredBy', code: 'referralCycle' }]);
  const referrer = await db.customers.get(referrerId);
  if (!referrer || referrer.deletedAt)
    throw new InputError([{ field: 'referredBy', code: 'invalid' }]);
  const seen = new Set<Id>([referrerId]);
  let next = referrer.referredBy;
  while (next && customerId) {
    if (next === customerId) throw new InputError([{ field: 'referredBy', code: 'referralCycle' }]);
    if (seen.has(next)) break;
    seen.add(next);
    next = (await db.customers.get(next))?.referredBy;
  }
}

/** Recounts the people a customer brought who are still in the ledger. */
export async function recountReferrals(referrerId: Id | undefined): Promise<void> {
  if (!referrerId) return;
  const count = await db.customers
    .where('referredBy')
    .equals(referrerId)
    .filter((c) => !c.deletedAt)
    .count();
  await db.customers.update(referrerId, { referredCount: count });
}

/**
 * The row with the referral as typed: a new referrer is checked and dated, an unchanged one keeps
 * its date, a cleared one is removed. Returns the referrers whose counts must be refreshed.
 */
export async function applyReferral(
  row: Customer,
  previous: Pick<Customer, 'referredBy' | 'referredAt'> | undefined,
  referrerId: Id | undefined,
  now: number,
): Promise<Id[]> {
  delete row.referredBy;
  delete row.referredAt;
  if (referrerId) {
    row.referredBy = referrerId;
    row.referredAt =
      previous?.referredBy === referrerId && previous.referredAt ? previous.referredAt : now;
  }
  if (previous?.referredBy === referrerId) return [];
  if (referrerId) await checkReferrer(previous ? row.id : undefined, referrerId);
  return [previous?.referredBy, referrerId].filter((id): id is Id => Boolean(id));
}
