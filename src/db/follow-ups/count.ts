/** The number on the navigation's "Follow-ups": kept out of the larger modules the first screen need not load. */
import { Dexie } from 'dexie';
import { db } from '../db';

/** Open follow-ups due before `until`, for customers still in the ledger. */
export async function countFollowUpsDue(until: number): Promise<number> {
  return db.transaction('r', db.followUps, db.customers, async () => {
    const due = await db.followUps
      .where('[status+dueAt]')
      .between(['open', Dexie.minKey], ['open', until], true, false)
      .toArray();
    const people = await db.customers.bulkGet([...new Set(due.map((f) => f.customerId))]);
    const live = new Set(people.filter((c) => c && !c.deletedAt).map((c) => c!.id));
    return due.filter((f) => !f.deletedAt && live.has(f.customerId)).length;
  });
}
