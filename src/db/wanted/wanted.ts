/**
 * 探しもの帳: what customers are looking for, noted on their card. Each wanted item is a row of its
 * own (synced, backed up, part of the customer's personal data), indexed by status and category,
 * so a buy-in finds the open ones in its items' categories without reading any card
 * (arrivals.ts). Closing one (found, or no longer wanted) keeps it, out of the way; Undo reopens.
 */
import {
  ANY_CATEGORY,
  parseWanted,
  WANTED_TEXT_MAX,
  type WantedInput,
} from '../../lib/wanted-match';
import { db } from '../db';
import { guardWrite, InputError } from '../errors';
import { newId } from '../ids';
import type { Id, WantedCategory, WantedItem } from '../../model/types';
import { stampFor, type WriteContext } from '../write-context';

export { WANTED_TEXT_MAX };

/** Notes what a customer is looking for. */
export async function addWantedItem(
  customerId: Id,
  input: WantedInput,
  ctx: WriteContext,
): Promise<Id> {
  const parsed = parseWanted(input);
  if (!parsed.ok) throw new InputError(parsed.errors);
  const stamp = await stampFor(ctx);
  const row: WantedItem = {
    id: newId(),
    createdAt: stamp.updatedAt,
    ...stamp,
    customerId,
    ...parsed.value,
    status: 'open',
  };
  await guardWrite(() =>
    db.transaction('rw', db.customers, db.wantedItems, async () => {
      const customer = await db.customers.get(customerId);
      if (!customer || customer.deletedAt) throw new Error(`customer ${customerId} not found`);
      await db.wantedItems.add(row);
    }),
  );
  return row.id;
}

async function setStatus(
  id: Id,
  from: WantedItem['status'],
  fields: (closedAt: number) => Partial<WantedItem>,
  ctx: WriteContext,
): Promise<void> {
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', db.wantedItems, async () => {
      const item = await db.wantedItems.get(id);
      if (!item || item.deletedAt || item.status !== from) return;
      await db.wantedItems.update(id, { ...stamp, ...fields(stamp.updatedAt) });
    }),
  );
}

/** Found (it came in, or they found it elsewhere) or no longer wanted: it stops matching. */
export function closeWantedItem(
  id: Id,
  reason: 'found' | 'withdrawn',
  ctx: WriteContext,
): Promise<void> {
  return setStatus(
    id,
    'open',
    (closedAt) => ({ status: 'closed', closedAt, closedBy: ctx.staffId, closedReason: reason }),
    ctx,
  );
}

/** Undo for closing: open again, as it was. */
export function reopenWantedItem(id: Id, ctx: WriteContext): Promise<void> {
  return setStatus(
    id,
    'closed',
    () => ({ status: 'open', closedAt: undefined, closedBy: undefined, closedReason: undefined }),
    ctx,
  );
}

/** A customer's open wanted items, newest first. */
export async function openWantedItemsOf(customerId: Id): Promise<WantedItem[]> {
  const rows = await db.wantedItems.where('customerId').equals(customerId).toArray();
  return rows
    .filter((w) => w.status === 'open' && !w.deletedAt)
    .sort((a, b) => b.createdAt - a.createdAt);
}

/**
 * Open wanted items that an item of these categories could match: those in the categories and
 * those in any category, through the [status+category] index.
 */
export async function openWantedItemsFor(
  categories: Iterable<WantedCategory>,
): Promise<WantedItem[]> {
  const keys = [...new Set([...categories, ANY_CATEGORY])].map((category) => ['open', category]);
  const rows = await db.wantedItems.where('[status+category]').anyOf(keys).toArray();
  return rows.filter((w) => !w.deletedAt);
}
