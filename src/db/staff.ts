/** The shop's staff: a short list of names, and who wrote each entry. Passwords and PINs come later. */
import { db } from './db';
import { guardWrite, InputError, StaffRuleError } from './errors';
import { newId } from './ids';
import type { Id, Staff, StaffRole } from './types';
import { stampFor, type WriteContext } from './write-context';

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
  await guardWrite(() => db.staff.add(row));
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
    db.transaction('rw', db.staff, async () => {
      const active = (await db.staff.toArray()).filter((s) => !s.deletedAt);
      const remaining = active.filter((s) => s.id !== id);
      // Someone must always be able to change settings: the last owner cannot be removed.
      if (remaining.length === 0 || !remaining.some((s) => s.role === 'owner')) {
        throw new StaffRuleError(remaining.length === 0 ? 'lastStaff' : 'lastOwner');
      }
      await db.staff.update(id, { ...stamp, deletedAt: stamp.updatedAt });
    }),
  );
}

/** A fresh ledger starts with one owner so every entry has an author from the first tap. */
export async function ensureFirstStaff(ownerName: string): Promise<void> {
  const stamp = await stampFor({});
  await guardWrite(() =>
    db.transaction('rw', db.staff, async () => {
      if ((await db.staff.count()) > 0) return;
      await db.staff.add({ id: newId(), createdAt: stamp.updatedAt, ...stamp, name: ownerName, role: 'owner' });
    }),
  );
}

export function activeStaff(all: readonly Staff[]): Staff[] {
  return all.filter((s) => !s.deletedAt).sort((a, b) => a.createdAt - b.createdAt);
}
