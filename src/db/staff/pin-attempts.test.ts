// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { InputError, OwnerOnlyError } from '../errors';
import { pinAttempts, tryStaffPin } from './pin-attempts';
import { saveSetting } from '../settings';
import { addStaff, ensureFirstStaff, setStaffPin } from './staff';

const NOON = Date.UTC(2025, 5, 2, 3);

async function counterWithPins() {
  await ensureFirstStaff('店主');
  const owner = { staffId: (await db.staff.toArray())[0]!.id };
  const staff = { staffId: await addStaff('佐々木', 'staff', owner) };
  await setStaffPin(owner.staffId, '1357', owner);
  await setStaffPin(staff.staffId, '2468', owner);
  return { owner, staff };
}

describe('wrong PINs at the counter', () => {
  it('are counted on this device, still counted after the app restarts, and cleared by the right PIN', async () => {
    const { staff } = await counterWithPins();
    for (let i = 0; i < 4; i++)
      expect(await tryStaffPin(staff.staffId, '0000', NOON)).toEqual({ ok: false, waitMs: 0 });
    expect(await tryStaffPin(staff.staffId, '0000', NOON)).toEqual({ ok: false, waitMs: 30_000 });

    // A reload: the database is closed and opened again.
    db.close();
    await db.open();
    expect(await pinAttempts()).toEqual({ failures: 5, lastFailureAt: NOON });
    expect(await tryStaffPin(staff.staffId, '2468', NOON + 10_000)).toEqual({
      ok: false,
      waitMs: 20_000,
    });

    expect(await tryStaffPin(staff.staffId, '2468', NOON + 30_000)).toEqual({ ok: true });
    expect(await pinAttempts()).toEqual({ failures: 0, lastFailureAt: 0 });
  });

  it('while the wait runs, even the right PIN is refused unchecked, and the wait does not grow', async () => {
    const { owner } = await counterWithPins();
    for (let i = 0; i < 5; i++) await tryStaffPin(owner.staffId, '9999', NOON);
    expect(await tryStaffPin(owner.staffId, '9999', NOON + 30_000)).toEqual({ ok: false, waitMs: 60_000 });
    expect(await tryStaffPin(owner.staffId, '1357', NOON + 31_000)).toEqual({ ok: false, waitMs: 59_000 });
    expect(await tryStaffPin(owner.staffId, '9999', NOON + 32_000)).toEqual({ ok: false, waitMs: 58_000 });
    expect((await pinAttempts()).failures).toBe(6);
  });

  it('count for everyone on the device: choosing another name does not start the count again', async () => {
    const { owner, staff } = await counterWithPins();
    for (let i = 0; i < 3; i++) await tryStaffPin(staff.staffId, '0000', NOON);
    for (let i = 0; i < 2; i++) await tryStaffPin(owner.staffId, '0000', NOON);
    expect(await tryStaffPin(owner.staffId, '1357', NOON + 1000)).toMatchObject({ ok: false });
  });
});

describe('the idle lock', () => {
  it('can be turned off ("never") by an owner only', async () => {
    const { owner, staff } = await counterWithPins();
    await expect(saveSetting('lockAfterMinutes', 0, staff)).rejects.toBeInstanceOf(OwnerOnlyError);
    await expect(saveSetting('lockAfterMinutes', 0, {})).rejects.toBeInstanceOf(OwnerOnlyError);
    expect(await db.settings.get('lockAfterMinutes')).toBeUndefined();
    await saveSetting('lockAfterMinutes', 0, owner);
    expect((await db.settings.get('lockAfterMinutes'))?.value).toBe(0);
  });

  it('takes whole minutes up to a day, nothing else', async () => {
    const { owner } = await counterWithPins();
    for (const minutes of [-5, 1.5, Number.NaN, 24 * 60 + 1]) {
      await expect(
        saveSetting('lockAfterMinutes', minutes, owner),
        String(minutes),
      ).rejects.toBeInstanceOf(InputError);
    }
    await saveSetting('lockAfterMinutes', 10, owner);
    expect((await db.settings.get('lockAfterMinutes'))?.value).toBe(10);
  });
});
