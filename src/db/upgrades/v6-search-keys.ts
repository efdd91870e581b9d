/**
 * Schema 6 writes fewer index entries per card (see SCHEMA_VERSIONS). Cards written before it
 * still carry the search keys a longer key covers and a Japanese phone's international digits;
 * they would keep costing an index entry each on every note saved, so their keys are rebuilt.
 * Search finds the same cards at the same ranks before and after (src/lib/search-keys.ts).
 */
import { Dexie, type Transaction } from 'dexie';
import type { Customer } from '../../model/types';

/** Cards per read: the upgrade holds a page in memory, never the whole ledger. */
const PAGE = 500;

function sameList<T>(a: readonly T[] | undefined, b: readonly T[]): boolean {
  return a !== undefined && a.length === b.length && a.every((value, i) => value === b[i]);
}

export async function rebuildSearchKeys(tx: Transaction): Promise<void> {
  // Loaded here, not with the schema: the text normalisation (wanakana) stays off the first
  // screen of every start for the sake of a one-time upgrade. waitFor keeps the upgrade's
  // transaction open meanwhile.
  const { buildSearchIndex } = await Dexie.waitFor(import('../../lib/search-keys'));
  const customers = tx.table<Customer, string>('customers');
  let after: string | undefined;
  for (;;) {
    const page = await (after === undefined ? customers.orderBy(':id') : customers.where(':id').above(after))
      .limit(PAGE)
      .toArray();
    if (page.length === 0) return;
    after = page[page.length - 1]!.id;
    const rebuilt: Customer[] = [];
    for (const customer of page) {
      // A deleted or anonymised card has left the index (its keys are empty) and stays out.
      if (customer.deletedAt || !customer.searchKeys?.length) continue;
      const index = buildSearchIndex(customer);
      if (sameList(customer.searchKeys, index.searchKeys) && sameList(customer.searchRanks, index.searchRanks)) continue;
      rebuilt.push({ ...customer, ...index });
    }
    if (rebuilt.length) await customers.bulkPut(rebuilt);
  }
}
