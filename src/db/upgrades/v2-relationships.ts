/**
 * Schema upgrade for relationships: every existing customer gets the fields stages, referrals,
 * talk-about prompts and birthdays need, computed from the visits already in the ledger, so a shop
 * that updates sees its regulars as regulars at once.
 *
 * Frozen with its schema version: later changes get their own upgrade, never an edit of this one.
 */
import type { Transaction } from 'dexie';
import { birthdayMonthDay } from '../../lib/follow-up-rules';
import { DEFAULT_STAGE_RULES } from '../../lib/stages';
import type { Customer, Visit } from '../../model/types';
import { summarizeVisits, withVisitSummary } from '../../lib/visit-summary';

export async function upgradeToRelationships(tx: Transaction): Promise<void> {
  const visitsByCustomer = new Map<string, Visit[]>();
  await tx.table<Visit>('visits').each((visit) => {
    const list = visitsByCustomer.get(visit.customerId);
    if (list) list.push(visit);
    else visitsByCustomer.set(visit.customerId, [visit]);
  });
  // Version 1 had no stage rules setting: the defaults apply until the owner changes them.
  const rules = DEFAULT_STAGE_RULES;
  await tx
    .table<Customer>('customers')
    .toCollection()
    .modify((customer, ref) => {
      const summary = summarizeVisits(visitsByCustomer.get(customer.id) ?? [], rules);
      // Version 1 kept the last visit itself; only the new fields are added.
      const row = withVisitSummary(
        { ...customer, referredCount: 0, talkAbout: [] },
        { ...summary, lastVisitAt: customer.lastVisitAt },
      );
      const monthDay = customer.deletedAt ? undefined : birthdayMonthDay(customer.birthday);
      if (monthDay) row.birthMonthDay = monthDay;
      ref.value = row;
    });
}
