/**
 * The data layer's one owner check. The UI hides owner-only controls (useCounter().isOwner); this
 * refuses the write itself, inside the caller's transaction, so a stale screen, a typed URL or
 * another device's staff cannot slip one through. The UI hands the data layer the staff member at
 * the counter, who is PIN-verified once PINs are set (src/hooks/useCounter.ts); this trusts that
 * id and looks up its role.
 */
import { db } from '../db';
import { OwnerOnlyError } from '../errors';
import type { Staff } from '../../model/types';
import type { WriteContext } from '../write-context';

/** Must run inside a transaction that includes `staff` (or outside any). */
export async function requireOwner(ctx: WriteContext, action?: string): Promise<Staff> {
  const writer = ctx.staffId ? await db.staff.get(ctx.staffId) : undefined;
  if (!writer || writer.deletedAt || writer.role !== 'owner') throw new OwnerOnlyError(action);
  return writer;
}
