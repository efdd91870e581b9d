/**
 * Owner-only data functions check the role here as well as in the UI, so a staff member cannot
 * reach an export or a deletion by another way in (a typed URL, a stale screen). The UI hands the
 * data layer the staff member at the counter, who is PIN-verified once PINs are set
 * (src/hooks/useCounter.ts); this check trusts that id and looks up its role.
 */
import { db } from './db';
import { RoleError } from './errors';
import type { Staff } from './types';
import type { WriteContext } from './write-context';

export async function requireOwner(ctx: WriteContext): Promise<Staff> {
  const staff = ctx.staffId ? await db.staff.get(ctx.staffId) : undefined;
  if (!staff || staff.deletedAt || staff.role !== 'owner') throw new RoleError();
  return staff;
}
