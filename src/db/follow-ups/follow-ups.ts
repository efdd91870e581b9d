/**
 * Follow-ups: things to do for people, kept apart from promotions. Staff add reminders; the app
 * suggests the step ladder's thank-yous, tips and invitations, birthday greetings, lapse nudges and
 * "it came in" (suggest.ts). Each is done,
 * snoozed or dismissed, never deleted; "done" writes a Contact entry on the customer's timeline in
 * the same transaction, so the card shows that the shop followed up.
 */
import { Dexie, type Table } from 'dexie';
import { charCount } from '../../lib/char-count';
import { addDays, startOfDay } from '../../lib/days';
import type { SendChannel } from '../../lib/message-templates';
import { db } from '../db';
import { guardWrite, InputError } from '../errors';
import { newId } from '../ids';
import type { FollowUp, FollowUpStatus, Id, Visit } from '../../model/types';
import { newFollowUp } from './suggestions';
import { stampFor, type Stamp, type WriteContext } from '../write-context';

export const REMINDER_MAX = 300;

/** A reminder staff set for a customer ("call when the Arita vase comes in"), due on a day. */
export async function addReminder(
  customerId: Id,
  note: string,
  dueAt: number,
  ctx: WriteContext,
): Promise<Id> {
  const text = note.trim();
  if (!text) throw new InputError([{ field: 'reminder', code: 'required' }]);
  if (charCount(text) > REMINDER_MAX)
    throw new InputError([{ field: 'reminder', code: 'tooLong', max: REMINDER_MAX }]);
  if (!Number.isFinite(dueAt)) throw new InputError([{ field: 'dueAt', code: 'invalidDate' }]);
  const stamp = await stampFor(ctx);
  const row = newFollowUp(stamp, {
    customerId,
    kind: 'reminder',
    dueAt: startOfDay(dueAt),
    note: text,
  });
  await guardWrite(() => db.followUps.add(row));
  return row.id;
}

export interface Completion {
  /** The channel opened from the follow-up, if any. */
  channel?: SendChannel;
  /** The Contact entry's text on the timeline, in the language of the person who did it. */
  contactNote: string;
  /** When it was done; now by default. */
  at?: number;
}

/** What one status change writes, once the follow-up is read and found in the state it starts from. */
interface StatusChange<T> {
  /** The status the change starts from; in any other (someone got there first) it does nothing. */
  from: FollowUpStatus;
  /** Tables the change writes besides `followUps` (done's Contact entry goes on the timeline). */
  alsoWrites?: readonly Table[];
  /** Writes anything else the change needs and says which of the follow-up's fields change. */
  fields: (followUp: FollowUp, stamp: Stamp) => Promise<{ fields: Partial<FollowUp>; result?: T }>;
}

/**
 * Every change to a follow-up's status (done, dismissed, reopened, snoozed) goes through here, in
 * one transaction each: read the follow-up, check it is still where the change starts from (two
 * tablets may tap Done on the same one), write what the change writes and the follow-up's new
 * fields, stamped with who and which device.
 */
async function changeFollowUp<T>(
  id: Id,
  ctx: WriteContext,
  change: StatusChange<T>,
  now = Date.now(),
): Promise<T | undefined> {
  const stamp = await stampFor(ctx, now);
  return guardWrite(() =>
    db.transaction('rw', [db.followUps, ...(change.alsoWrites ?? [])], async () => {
      const followUp = await db.followUps.get(id);
      if (!followUp || followUp.status !== change.from) return undefined;
      const { fields, result } = await change.fields(followUp, stamp);
      await db.followUps.update(id, { ...stamp, ...fields });
      return result;
    }),
  );
}

/** Done: the follow-up closes and a Contact entry joins the timeline, together. */
export function completeFollowUp(
  id: Id,
  completion: Completion,
  ctx: WriteContext,
): Promise<Id | undefined> {
  return changeFollowUp(id, ctx, {
    from: 'open',
    alsoWrites: [db.visits],
    fields: async (followUp, stamp) => {
      const at = completion.at ?? stamp.updatedAt;
      // A contact is not a visit, so the customer's visit summary does not change.
      const contact: Visit = {
        id: newId(),
        createdAt: stamp.updatedAt,
        ...stamp,
        customerId: followUp.customerId,
        staffId: ctx.staffId,
        at,
        kind: 'contact',
        note: completion.contactNote,
      };
      await db.visits.add(contact);
      return {
        fields: {
          status: 'done',
          closedAt: at,
          closedBy: ctx.staffId,
          channel: completion.channel,
          contactVisitId: contact.id,
        },
        result: contact.id,
      };
    },
  });
}

export async function dismissFollowUp(id: Id, ctx: WriteContext): Promise<void> {
  await changeFollowUp(id, ctx, {
    from: 'open',
    fields: async (_followUp, stamp) => ({
      fields: { status: 'dismissed', closedAt: stamp.updatedAt, closedBy: ctx.staffId },
    }),
  });
}

/** Undo for "Dismiss": the follow-up is open again as it was. */
export async function reopenFollowUp(id: Id, ctx: WriteContext): Promise<void> {
  await changeFollowUp(id, ctx, {
    from: 'dismissed',
    fields: async () => ({ fields: { status: 'open', closedAt: undefined, closedBy: undefined } }),
  });
}

/** Moves the due day `days` days after today (or after its due day, if that is later). */
export async function snoozeFollowUp(
  id: Id,
  days: number,
  ctx: WriteContext,
  now = Date.now(),
): Promise<void> {
  await changeFollowUp(
    id,
    ctx,
    {
      from: 'open',
      fields: async (followUp) => ({
        fields: { dueAt: addDays(Math.max(now, followUp.dueAt), days) },
      }),
    },
    now,
  );
}

/** Open follow-ups for a customer, soonest first. */
export async function openFollowUpsOf(customerId: Id): Promise<FollowUp[]> {
  const rows = await db.followUps.where('customerId').equals(customerId).toArray();
  return rows.filter((f) => f.status === 'open' && !f.deletedAt).sort((a, b) => a.dueAt - b.dueAt);
}

/** Open follow-ups due before `before` (exclusive), soonest first, through the [status+dueAt] index. */
export function openFollowUpsDueBefore(before: number, limit = 500): Promise<FollowUp[]> {
  return db.followUps
    .where('[status+dueAt]')
    .between(['open', Dexie.minKey], ['open', before], true, false)
    .filter((f) => !f.deletedAt)
    .limit(limit)
    .toArray();
}

/** Open follow-ups due in [from, to), soonest first. */
export function openFollowUpsDueBetween(
  from: number,
  to: number,
  limit = 500,
): Promise<FollowUp[]> {
  return db.followUps
    .where('[status+dueAt]')
    .between(['open', from], ['open', to], true, false)
    .filter((f) => !f.deletedAt)
    .limit(limit)
    .toArray();
}

export { autoKeyFor } from './suggestions';
export { suggestFollowUps } from './suggest';
