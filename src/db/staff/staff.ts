/**
 * The shop's staff: a short list of names with roles, who wrote each entry, and PINs (as salted
 * hashes) once the owner sets them. Role and PIN changes are written in the audit log.
 */
import { hashPin, isValidPin, pinMatches } from '../../lib/pin';
import { recordAudit } from '../audit';
import { db } from '../db';
import { guardWrite, InputError, StaffRuleError } from '../errors';
import { newId } from '../ids';
import { requireOwner } from './roles';
import type { Id, Staff, StaffRole } from '../../model/types';
import { stampFor, type WriteContext } from '../write-context';

export { activeStaff, ensureFirstStaff, pinsInUse } from './first-screen-staff';

export const STAFF_NAME_MAX = 40;

function cleanName(name: string): string {
  const trimmed = name.trim();
  // An input error, not a storage failure: guardWrite passes it through so the form can say so.
  if (!trimmed) throw new InputError([{ field: 'name', code: 'required' }]);
  return [...trimmed].slice(0, STAFF_NAME_MAX).join('');
}

export async function addStaff(name: string, role: StaffRole, ctx: WriteContext): Promise<Id> {
  const stamp = await stampFor(ctx);
  const row: Staff = { id: newId(), createdAt: stamp.updatedAt, ...stamp, name: cleanName(name), role };
  await guardWrite(() =>
    db.transaction('rw', db.staff, db.audit, async () => {
      await db.staff.add(row);
      await recordAudit('staff-add', stamp, row.id, { role });
    }),
  );
  return row.id;
}

export async function renameStaff(id: Id, name: string, ctx: WriteContext): Promise<void> {
  const stamp = await stampFor(ctx);
  await guardWrite(() => db.staff.update(id, { ...stamp, name: cleanName(name) }));
}

/** A removed staff member leaves the list but their name stays on the entries they wrote. */
export async function removeStaff(id: Id, ctx: WriteContext): Promise<void> {
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', db.staff, db.audit, async () => {
      const active = (await db.staff.toArray()).filter((s) => !s.deletedAt);
      const remaining = active.filter((s) => s.id !== id);
      // Someone must always be able to change settings: the last owner cannot be removed.
      if (remaining.length === 0 || !remaining.some((s) => s.role === 'owner')) {
        throw new StaffRuleError(remaining.length === 0 ? 'lastStaff' : 'lastOwner');
      }
      await db.staff.update(id, { ...stamp, deletedAt: stamp.updatedAt });
      await recordAudit('staff-remove', stamp, id);
    }),
  );
}

/** Owner only; the last owner keeps their role so someone can always change the settings. */
export async function changeRole(id: Id, role: StaffRole, ctx: WriteContext): Promise<void> {
  await requireOwner(ctx);
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', db.staff, db.audit, async () => {
      const active = (await db.staff.toArray()).filter((s) => !s.deletedAt);
      const target = active.find((s) => s.id === id);
      if (!target || target.role === role) return;
      if (role === 'staff' && !active.some((s) => s.id !== id && s.role === 'owner')) throw new StaffRuleError('lastOwner');
      await db.staff.update(id, { ...stamp, role });
      await recordAudit('role-change', stamp, id, { role });
    }),
  );
}

/**
 * Sets a staff member's PIN (4 to 6 digits). An owner may set anyone's; others only their own.
 * Once any active staff member has a PIN, the counter asks for PINs (src/hooks/useCounter.ts).
 */
export async function setStaffPin(id: Id, pin: string, ctx: WriteContext): Promise<void> {
  if (!isValidPin(pin)) throw new InputError([{ field: 'pin', code: 'invalid' }]);
  if (ctx.staffId !== id) await requireOwner(ctx);
  const hashed = await hashPin(pin);
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', db.staff, db.audit, async () => {
      const staff = await db.staff.get(id);
      if (!staff || staff.deletedAt) throw new Error(`staff ${id} not found`);
      await db.staff.update(id, { ...stamp, pin: hashed });
      await recordAudit('pin-set', stamp, id);
    }),
  );
}

export async function clearStaffPin(id: Id, ctx: WriteContext): Promise<void> {
  await requireOwner(ctx);
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', db.staff, db.audit, async () => {
      const staff = await db.staff.get(id);
      if (!staff?.pin) return;
      const { pin: _pin, ...rest } = staff;
      await db.staff.put({ ...rest, ...stamp });
      await recordAudit('pin-clear', stamp, id);
    }),
  );
}

/** Whether `pin` is this staff member's PIN. Counts nothing: the counter uses tryStaffPin (src/db/staff/pin-attempts.ts). */
export async function verifyStaffPin(id: Id, pin: string): Promise<boolean> {
  const staff = await db.staff.get(id);
  if (!staff || staff.deletedAt || !staff.pin) return false;
  return pinMatches(pin, staff.pin);
}
