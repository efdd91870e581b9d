/** The number on the navigation's "Follow-ups": a count on the index, kept out of the larger modules. */
import { Dexie } from 'dexie';
import { db } from './db';

/** Open follow-ups due before `until`. */
export function countFollowUpsDue(until: number): Promise<number> {
  return db.followUps.where('[status+dueAt]').between(['open', Dexie.minKey], ['open', until], true, false).count();
}
