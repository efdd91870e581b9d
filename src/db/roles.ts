/**
 * The data layer's one owner check. The UI hides owner-only controls (useCounter().isOwner); this
 * refuses the write itself, inside the caller's transaction, so a stale screen or another device's
 * staff cannot slip one through. PIN-verified roles will replace the staff row's role here.
 */
import { db } from './db';
import { OwnerOnlyError } from './errors';
import type { WriteContext } from './write-context';

/** Must run inside a transaction that includes `staff`. */
export async function requireOwner(ctx: WriteContext, action: string): Promise<void> {
  const writer = ctx.staffId ? await db.staff.get(ctx.staffId) : undefined;
  if (!writer || writer.deletedAt || writer.role !== 'owner') throw new OwnerOnlyError(action);
}
