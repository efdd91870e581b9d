/**
 * What the first screen needs of the staff list: a fresh ledger's owner, who is active, whether
 * PINs are asked. A module of its own: one in the first screen's chunk carries every export any
 * screen uses from it, and the staff editor's writes are no part of the first screen.
 */
import { db } from '../db';
import { guardWrite } from '../errors';
import { newId } from '../ids';
import type { Staff } from '../../model/types';
import { stampFor } from '../write-context';

/** A fresh ledger starts with one owner so every entry has an author from the first tap. */
export async function ensureFirstStaff(ownerName: string): Promise<void> {
  // Only a new ledger writes: a write transaction at every start would hold up the first screen.
  if ((await db.staff.count()) > 0) return;
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

/** PINs are in use as soon as one active staff member has one; until then nothing asks for them. */
export function pinsInUse(staff: readonly Staff[]): boolean {
  return staff.some((s) => !s.deletedAt && s.pin);
}
