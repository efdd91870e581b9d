// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { db } from '../db';
import { InputError } from '../errors';
import { allStaff } from '../first-screen-reads';
import { ensureShopDefaults, savePurposeText, saveSetting, settingsFromRows } from '../settings';
import {
  activeStaff,
  addStaff,
  ensureFirstStaff,
  removeStaff,
  renameStaff,
  STAFF_NAME_MAX,
} from './staff';
import { relationshipSettingDefaults } from '../../i18n/relationship-defaults';
import type { ShopSettings } from '../../model/types';
import { deviceId, forgetDeviceId } from '../device';

const defaults: ShopSettings = {
  shopName: '',
  shopAddress: '',
  purposeText: 'ご連絡は当店からのお知らせにのみ使います。',
  purposeVersion: 1,
  quickNotes: ['お買い上げ', '相談', '下見'],
  ...relationshipSettingDefaults(),
  lockAfterMinutes: 5,
};

async function settingsNow(): Promise<ShopSettings> {
  return settingsFromRows(await db.settings.toArray(), defaults);
}

describe('the shop’s staff', () => {
  it('starts a fresh ledger with exactly one owner', async () => {
    await ensureFirstStaff('店主');
    const staff = await allStaff();
    expect(staff).toHaveLength(1);
    expect(staff[0]).toMatchObject({ name: '店主', role: 'owner' });
    expect(staff[0]?.id).toBeTruthy();
    expect(staff[0]?.createdAt).toBeGreaterThan(0);
  });

  it('does not add a second owner when the app starts again, even twice at once', async () => {
    await ensureFirstStaff('店主');
    await ensureFirstStaff('別の名前');
    await Promise.all([ensureFirstStaff('A'), ensureFirstStaff('B')]);
    expect((await allStaff()).map((s) => s.name)).toEqual(['店主']);
  });

  it('does not add an owner to a ledger that already has staff', async () => {
    await addStaff('佐藤', 'staff', {});
    await ensureFirstStaff('店主');
    expect((await allStaff()).map((s) => s.role)).toEqual(['staff']);
  });

  it('adds staff, remembering which owner added them', async () => {
    await ensureFirstStaff('店主');
    const [owner] = await allStaff();
    const id = await addStaff('  佐藤 ', 'staff', { staffId: owner?.id });
    expect(await db.staff.get(id)).toMatchObject({
      name: '佐藤',
      role: 'staff',
      updatedBy: owner?.id,
    });
  });

  it('cuts a long staff name to the limit without splitting a character', async () => {
    const id = await addStaff('🐶'.repeat(STAFF_NAME_MAX + 5), 'staff', {});
    expect((await db.staff.get(id))?.name).toBe('🐶'.repeat(STAFF_NAME_MAX));
  });

  it('refuses a staff member without a name as an input error', async () => {
    await expect(addStaff('   ', 'staff', {})).rejects.toBeInstanceOf(InputError);
    expect(await db.staff.count()).toBe(0);
  });

  it('renames a staff member', async () => {
    const id = await addStaff('佐藤', 'staff', {});
    await renameStaff(id, '佐藤 美咲', { staffId: id });
    expect(await db.staff.get(id)).toMatchObject({ name: '佐藤 美咲', updatedBy: id });
  });

  it('refuses to rename a staff member to nothing and keeps the old name', async () => {
    const id = await addStaff('佐藤', 'staff', {});
    await expect(renameStaff(id, ' 　', {})).rejects.toBeInstanceOf(InputError);
    expect((await db.staff.get(id))?.name).toBe('佐藤');
  });

  it('removes a staff member from the list but keeps their row for the entries they wrote', async () => {
    await ensureFirstStaff('店主');
    const sato = await addStaff('佐藤', 'staff', {});
    await removeStaff(sato, {});

    const all = await allStaff();
    expect(all).toHaveLength(2);
    expect(activeStaff(all).map((s) => s.name)).toEqual(['店主']);
    expect((await db.staff.get(sato))?.deletedAt).toBeGreaterThan(0);
    expect((await db.staff.get(sato))?.name).toBe('佐藤');
  });

  it('never removes the last staff member, so every entry keeps an author', async () => {
    await ensureFirstStaff('店主');
    const [owner] = await allStaff();
    await expect(removeStaff(owner!.id, {})).rejects.toThrow();
    expect(activeStaff(await allStaff()).map((s) => s.name)).toEqual(['店主']);
  });

  it('keeps at least one owner, so someone can always change the settings', async () => {
    await ensureFirstStaff('店主');
    const sato = await addStaff('佐藤', 'staff', {});
    const [owner] = activeStaff(await allStaff());
    await expect(removeStaff(owner!.id, {})).rejects.toMatchObject({ rule: 'lastOwner' });

    const suzuki = await addStaff('鈴木', 'owner', {});
    await removeStaff(owner!.id, {});
    await removeStaff(sato, {});
    await expect(removeStaff(suzuki, {})).rejects.toMatchObject({ rule: 'lastStaff' });
    expect(activeStaff(await allStaff()).map((s) => s.id)).toEqual([suzuki]);
  });

  it('lists active staff in the order they joined', () => {
    const row = (id: string, createdAt: number, deletedAt?: number) => ({
      id,
      name: id,
      role: 'staff' as const,
      createdAt,
      updatedAt: createdAt,
      ...(deletedAt ? { deletedAt } : {}),
    });
    expect(
      activeStaff([row('c', 3), row('a', 1), row('gone', 2, 5), row('b', 2)]).map((s) => s.id),
    ).toEqual(['a', 'b', 'c']);
  });
});

describe('a start of a ledger already set up', () => {
  it('writes nothing: no write transaction holds up the first screen', async () => {
    await ensureFirstStaff('Owner');
    await ensureShopDefaults(defaults);
    const id = await deviceId();
    forgetDeviceId();
    const transaction = vi.spyOn(db, 'transaction');

    await ensureFirstStaff('Owner');
    await ensureShopDefaults(defaults);
    expect(await deviceId()).toBe(id);

    expect(transaction).not.toHaveBeenCalled();
    transaction.mockRestore();
  });
});

describe('the shop’s settings', () => {
  it('writes every default into a fresh ledger', async () => {
    await ensureShopDefaults(defaults);
    expect(await settingsNow()).toEqual(defaults);
    expect((await db.settings.toArray()).map((r) => r.key).sort()).toEqual(
      Object.keys(defaults).sort(),
    );
  });

  it('writes only missing settings and never overwrites what the owner saved', async () => {
    await saveSetting('shopName', '和菓子 大福屋', { staffId: 'owner-1' });
    await saveSetting('quickNotes', ['贈答用'], { staffId: 'owner-1' });
    await ensureShopDefaults({ ...defaults, shopName: 'Default shop' });

    const settings = await settingsNow();
    expect(settings.shopName).toBe('和菓子 大福屋');
    expect(settings.quickNotes).toEqual(['贈答用']);
    expect(settings.purposeText).toBe(defaults.purposeText);
    expect(await db.settings.get('shopName')).toMatchObject({ updatedBy: 'owner-1' });
  });

  it('keeps the purpose text of the language the shop started in when the app language changes', async () => {
    await ensureShopDefaults(defaults);
    await ensureShopDefaults({
      ...defaults,
      purposeText: 'We use your contact details only for our own news.',
    });
    expect((await settingsNow()).purposeText).toBe(defaults.purposeText);
  });

  it('bumps the purpose version when the owner changes the wording', async () => {
    await ensureShopDefaults(defaults);
    await savePurposeText('お知らせと、ご注文品の入荷連絡に使います。', { staffId: 'owner-1' });
    const settings = await settingsNow();
    expect(settings.purposeText).toBe('お知らせと、ご注文品の入荷連絡に使います。');
    expect(settings.purposeVersion).toBe(2);
    expect(await db.settings.get('purposeVersion')).toMatchObject({ updatedBy: 'owner-1' });
  });

  it('keeps the purpose version when the wording is saved unchanged', async () => {
    await ensureShopDefaults(defaults);
    await savePurposeText(defaults.purposeText, {});
    await savePurposeText('新しい文面', {});
    await savePurposeText('新しい文面', {});
    expect((await settingsNow()).purposeVersion).toBe(2);
  });

  it('starts the purpose version at 1 when no text was stored yet', async () => {
    await savePurposeText('お知らせにのみ使います。', {});
    expect(await settingsNow()).toMatchObject({
      purposeText: 'お知らせにのみ使います。',
      purposeVersion: 1,
    });
  });

  it('merges stored rows over the defaults', () => {
    const merged = settingsFromRows(
      [
        { key: 'shopName', value: '大福屋', updatedAt: 1 },
        { key: 'purposeVersion', value: 3, updatedAt: 1 },
      ],
      defaults,
    );
    expect(merged).toEqual({ ...defaults, shopName: '大福屋', purposeVersion: 3 });
  });

  it('never lets a change to the merged settings leak into the defaults', () => {
    const merged = settingsFromRows([], defaults);
    merged.quickNotes.push('追加');
    expect(defaults.quickNotes).toEqual(['お買い上げ', '相談', '下見']);
  });
});
