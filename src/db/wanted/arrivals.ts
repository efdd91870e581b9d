/**
 * "It came in" (入荷のお知らせ): a buy-in's items against the open wanted items of other customers.
 * Only the open wanted items in the items' categories (and those in any category) are read,
 * through their index, so a buy-in costs what those few rows cost, never a pass over every card.
 * Called inside the buy-in's own transaction (src/db/ledger/ledger.ts), and by the app's regular
 * suggestions for the week's buy-ins (those that arrived by sync, or wanted items noted since).
 */
import { startOfDay } from '../../lib/days';
import { cautionLevelOf, stopsFollowUps } from '../../lib/refusal';
import { matchesWanted } from '../../lib/wanted-match';
import { db } from '../db';
import { autoKeyFor, type Suggestion } from '../follow-ups/suggestions';
import type { LedgerEntry } from '../../model/ledger-types';
import type { Customer } from '../../model/types';
import { openWantedItemsFor } from './wanted';

export interface CameIn {
  suggestion: Suggestion;
  customer: Customer;
}

/**
 * The "It came in" suggestions for what these buy-ins brought in: one per wanted item and buy-in,
 * for customers who are not the seller and whose caution level does not stop follow-ups. Inside
 * a transaction with `wantedItems` and `customers`.
 */
export async function cameInSuggestions(
  entries: readonly Pick<
    LedgerEntry,
    'id' | 'kind' | 'customerId' | 'items' | 'transactedAt' | 'appraisalId'
  >[],
  now: number,
): Promise<CameIn[]> {
  const buyIns = entries.filter((entry) => entry.kind === 'buy-in');
  const categories = new Set(buyIns.flatMap((entry) => entry.items.map((item) => item.category)));
  if (categories.size === 0) return [];
  const wanted = await openWantedItemsFor(categories);
  if (wanted.length === 0) return [];
  const people = await db.customers.bulkGet([...new Set(wanted.map((w) => w.customerId))]);
  const byId = new Map(people.filter((c): c is Customer => Boolean(c)).map((c) => [c.id, c]));
  const found = new Map<string, CameIn>();
  for (const entry of buyIns) {
    for (const item of entry.items) {
      for (const w of wanted) {
        const customer = byId.get(w.customerId);
        if (!customer || customer.deletedAt || w.customerId === entry.customerId) continue;
        if (stopsFollowUps(cautionLevelOf(customer.caution))) continue;
        if (!matchesWanted(w, item, entry.transactedAt)) continue;
        // A correction keeps its appraisal: one buy-in, one "It came in", however often corrected.
        const autoKey = autoKeyFor(
          'came-in',
          w.customerId,
          `${w.id}:${entry.appraisalId ?? entry.id}`,
        );
        if (found.has(autoKey)) continue;
        found.set(autoKey, {
          customer,
          suggestion: {
            customerId: w.customerId,
            kind: 'came-in',
            dueAt: startOfDay(now),
            autoKey,
            note: '',
            subject: item.description,
            record: { type: 'ledger-entry', id: entry.id },
            wantedItemId: w.id,
          },
        });
      }
    }
  }
  return [...found.values()];
}
