/**
 * Schema 9 grades the caution flag (caution, no buy-ins, refused). Flags set before then were the
 * one kind there was: they become "caution", and so do the history rows written for them, so the
 * card's history reads the same before and after.
 *
 * Every flag was written with a history row in the same transaction since flags exist (restores
 * and sync bring both; imports set no flags), so the flagged cards are found from the history, a
 * small table, rather than by reading every card. A flag that still lacks a level reads as caution
 * anyway (src/lib/refusal.ts): this makes the stored rows say so.
 */
import type { Transaction } from 'dexie';
import type { CautionEvent, Customer } from '../../model/types';

export async function gradeCautionFlags(tx: Transaction): Promise<void> {
  const history = tx.table<CautionEvent, string>('cautionHistory');
  const customers = tx.table<Customer, string>('customers');
  const events = await history.toArray();
  const ungradedEvents = events.filter((event) => event.level === undefined);
  if (ungradedEvents.length) {
    await history.bulkPut(ungradedEvents.map((event) => ({ ...event, level: 'caution' as const })));
  }
  const flagged = await customers.bulkGet([...new Set(events.map((event) => event.customerId))]);
  const ungraded = flagged.filter((c): c is Customer =>
    Boolean(c?.caution && c.caution.level === undefined),
  );
  if (ungraded.length) {
    await customers.bulkPut(
      ungraded.map((c) => ({ ...c, caution: { ...c.caution!, level: 'caution' as const } })),
    );
  }
}
