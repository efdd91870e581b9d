/**
 * The person behind the card: things to talk about, and the owner's caution flag with its history.
 * Talk-about prompts live on the customer row so search results can show the first one without
 * another read; caution changes write the flag and a history row in one transaction.
 */
import { charCount } from '../../lib/char-count';
import { db } from '../db';
import { guardWrite, InputError } from '../errors';
import { newId } from '../ids';
import { requireOwner } from '../staff/roles';
import { cautionLevelOf } from '../../lib/refusal';
import {
  CAUTION_LEVELS,
  type CautionAction,
  type CautionEvent,
  type CautionLevel,
  type Customer,
  type Id,
  type TalkAboutItem,
} from '../../model/types';
import { stampFor, type WriteContext } from '../write-context';

export const TALK_ABOUT_MAX = 80;
export const CAUTION_REASON_MAX = 500;

function cleanText(text: string, max: number, field: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new InputError([{ field, code: 'required' }]);
  if (charCount(trimmed) > max) throw new InputError([{ field, code: 'tooLong', max }]);
  return trimmed;
}

async function liveCustomer(id: Id): Promise<Customer> {
  const customer = await db.customers.get(id);
  if (!customer || customer.deletedAt) throw new Error(`customer ${id} not found`);
  return customer;
}

/** Adds a prompt at the top: the newest thing learned is the freshest thing to ask about. */
export async function addTalkAbout(customerId: Id, text: string, ctx: WriteContext): Promise<Id> {
  const clean = cleanText(text, TALK_ABOUT_MAX, 'talkAbout');
  const stamp = await stampFor(ctx);
  const item: TalkAboutItem = {
    id: newId(),
    text: clean,
    addedAt: stamp.updatedAt,
    addedBy: ctx.staffId,
  };
  await guardWrite(() =>
    db.transaction('rw', db.customers, async () => {
      const customer = await liveCustomer(customerId);
      await db.customers.update(customerId, {
        ...stamp,
        talkAbout: [item, ...(customer.talkAbout ?? [])],
      });
    }),
  );
  return item.id;
}

async function setRetired(
  customerId: Id,
  itemId: Id,
  retired: boolean,
  ctx: WriteContext,
): Promise<void> {
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', db.customers, async () => {
      const customer = await liveCustomer(customerId);
      const talkAbout = (customer.talkAbout ?? []).map((item) => {
        if (item.id !== itemId) return item;
        const { retiredAt: _was, ...rest } = item;
        return retired ? { ...rest, retiredAt: stamp.updatedAt } : rest;
      });
      await db.customers.update(customerId, { ...stamp, talkAbout });
    }),
  );
}

export function retireTalkAbout(customerId: Id, itemId: Id, ctx: WriteContext): Promise<void> {
  return setRetired(customerId, itemId, true, ctx);
}

export function restoreTalkAbout(customerId: Id, itemId: Id, ctx: WriteContext): Promise<void> {
  return setRetired(customerId, itemId, false, ctx);
}

/** The prompts still worth asking about, newest first. */
export function activeTalkAbout(customer: Pick<Customer, 'talkAbout'>): TalkAboutItem[] {
  return (customer.talkAbout ?? []).filter((item) => !item.retiredAt);
}

async function writeCaution(
  customerId: Id,
  reason: string | undefined,
  level: CautionLevel,
  ctx: WriteContext,
): Promise<void> {
  const clean = reason === undefined ? undefined : cleanText(reason, CAUTION_REASON_MAX, 'reason');
  if (!(CAUTION_LEVELS as readonly string[]).includes(level))
    throw new InputError([{ field: 'level', code: 'invalid' }]);
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', [db.customers, db.cautionHistory, db.staff], async () => {
      await requireOwner(ctx, 'caution');
      const customer = await liveCustomer(customerId);
      const action: CautionAction =
        clean === undefined ? 'clear' : customer.caution ? 'edit' : 'set';
      if (action === 'clear' && !customer.caution) return;
      const event: CautionEvent = {
        id: newId(),
        createdAt: stamp.updatedAt,
        ...stamp,
        customerId,
        action,
        // A cleared flag's history keeps the reason it had, so the record reads on its own.
        reason: clean ?? customer.caution?.reason ?? '',
        at: stamp.updatedAt,
        staffId: ctx.staffId,
        // A cleared flag's history keeps the level it had.
        level: clean === undefined ? (cautionLevelOf(customer.caution) ?? 'caution') : level,
      };
      await db.customers.update(customerId, {
        ...stamp,
        caution:
          clean === undefined
            ? undefined
            : { reason: clean, setAt: stamp.updatedAt, setBy: ctx.staffId, level },
      });
      await db.cautionHistory.add(event);
    }),
  );
}

/**
 * Sets or changes the caution flag and its level (src/lib/refusal.ts says what each level stops).
 * Owner-only: refused with OwnerOnlyError for anyone else.
 */
export function setCaution(
  customerId: Id,
  reason: string,
  ctx: WriteContext,
  level: CautionLevel = 'caution',
): Promise<void> {
  return writeCaution(customerId, reason, level, ctx);
}

/** Clears the caution flag; the history keeps that it was set and cleared. Owner-only. */
export function clearCaution(customerId: Id, ctx: WriteContext): Promise<void> {
  return writeCaution(customerId, undefined, 'caution', ctx);
}
