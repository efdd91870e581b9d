// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { customerInput } from '../../../test/support/factories';
import { storedLeaves } from '../../../test/support/leaves';
import { auditLog } from '../audit';
import { createCustomer } from '../customers/customers';
import { db } from '../db';
import { OwnerOnlyError, StaffRuleError } from '../errors';
import { exportCsv, exportCustomerVCard, type CsvExportOptions } from './exports';
import { importCustomers } from '../import/import';
import { findCustomers } from '../queries';
import { addStaff, changeRole, clearStaffPin, ensureFirstStaff, pinsInUse, setStaffPin, verifyStaffPin } from '../staff/staff';
import { recordVisit } from '../visits/visits';

async function people() {
  await ensureFirstStaff('店主');
  const owner = { staffId: (await db.staff.toArray())[0]!.id };
  const staff = { staffId: await addStaff('佐々木', 'staff', owner) };
  return { owner, staff };
}

describe('staff PINs', () => {
  it('are kept only as a salted hash and checked against it', async () => {
    const { owner, staff } = await people();
    expect(pinsInUse(await db.staff.toArray())).toBe(false);
    await setStaffPin(staff.staffId, '2468', owner);
    await setStaffPin(owner.staffId, '135790', owner);
    const rows = await db.staff.toArray();
    expect(pinsInUse(rows)).toBe(true);
    expect(storedLeaves(rows)).not.toContain('2468');
    expect(storedLeaves(rows)).not.toContain('135790');
    expect(Object.keys(rows[0]!.pin!).sort()).toEqual(['hash', 'iterations', 'salt']);
    expect(rows[0]!.pin!.salt).not.toBe(rows[1]!.pin!.salt);
    expect(await verifyStaffPin(staff.staffId, '2468')).toBe(true);
    expect(await verifyStaffPin(staff.staffId, '2469')).toBe(false);
    expect(await verifyStaffPin(staff.staffId, '135790')).toBe(false);
  });

  it('must be 4 to 6 digits', async () => {
    const { owner } = await people();
    for (const pin of ['123', '1234567', 'abcd', '12 34', '１２３４']) {
      await expect(setStaffPin(owner.staffId, pin, owner), pin).rejects.toMatchObject({ name: 'InputError' });
    }
  });

  it('may be set by staff for themselves, but only an owner sets or clears someone else’s', async () => {
    const { owner, staff } = await people();
    await setStaffPin(staff.staffId, '2468', staff);
    await expect(setStaffPin(owner.staffId, '1111', staff)).rejects.toBeInstanceOf(OwnerOnlyError);
    await expect(clearStaffPin(staff.staffId, staff)).rejects.toBeInstanceOf(OwnerOnlyError);
    await clearStaffPin(staff.staffId, owner);
    expect(await verifyStaffPin(staff.staffId, '2468')).toBe(false);
    expect((await auditLog(owner.staffId)).map((a) => a.action)).toEqual(expect.arrayContaining(['pin-set', 'pin-clear']));
  });
});

describe('roles', () => {
  it('are changed by an owner only, never leaving the shop without an owner', async () => {
    const { owner, staff } = await people();
    await expect(changeRole(staff.staffId, 'owner', staff)).rejects.toBeInstanceOf(OwnerOnlyError);
    await expect(changeRole(owner.staffId, 'staff', owner)).rejects.toBeInstanceOf(StaffRuleError);
    await changeRole(staff.staffId, 'owner', owner);
    expect((await db.staff.get(staff.staffId))?.role).toBe('owner');
    expect((await auditLog(owner.staffId)).map((a) => a.action)).toEqual(expect.arrayContaining(['role-change', 'staff-add']));
  });

  it('keep the audit log for owners', async () => {
    const { staff } = await people();
    await expect(auditLog(staff.staffId)).rejects.toBeInstanceOf(OwnerOnlyError);
  });
});

const csvOptions = (overrides: Partial<CsvExportOptions> = {}): CsvExportOptions => ({
  what: 'customers',
  encoding: 'utf-8',
  customerHeaders: {
    name: '氏名', reading: 'フリガナ', phone: '電話番号', email: 'メールアドレス', address: '住所', birthday: '誕生日', tags: 'タグ', note: 'メモ', createdAt: '登録日', lastVisitAt: '最終来店日',
  },
  visitHeaders: { date: '日時', name: '氏名', reading: 'フリガナ', kind: '種類', amount: '金額', note: 'メモ' },
  kindLabel: (kind) => ({ purchase: '購入', 'buy-in': '買取', appraisal: '査定', consultation: '相談', other: 'その他', contact: '連絡' })[kind],
  ...overrides,
});

describe('exporting customers and visits as CSV', () => {
  it('writes UTF-8 with a BOM that Excel opens, and the importer reads it back', async () => {
    const { owner } = await people();
    await createCustomer(customerInput({ name: '田中 花子', email: 'hana@example.jp', about: '=SUM(A1)', tags: ['着物', '常連'] }), undefined, owner);
    const file = await exportCsv(owner, csvOptions());
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.fileName).toMatch(/^daifuku-customers-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = new TextDecoder().decode(file.bytes);
    expect(text).toContain('氏名,フリガナ,電話番号');
    expect(text).toContain("'=SUM(A1)");

    await db.customers.clear();
    expect((await importCustomers(file.bytes, { ctx: owner })).imported).toBe(1);
    expect((await findCustomers('tanaka'))[0]?.customer).toMatchObject({ email: 'hana@example.jp', phones: ['+819012345678'], tags: ['着物', '常連'] });
  });

  it('writes Shift_JIS for older software when asked', async () => {
    const { owner } = await people();
    await createCustomer(customerInput({ name: '髙橋 美咲' }), undefined, owner);
    const file = await exportCsv(owner, csvOptions({ encoding: 'shift_jis' }));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file.bytes)).toThrow();
    expect(new TextDecoder('shift_jis').decode(file.bytes)).toContain('髙橋 美咲');
  });

  it('exports visits without the text of health-related notes', async () => {
    const { owner } = await people();
    const id = await createCustomer(customerInput(), undefined, owner);
    await db.customers.update(id, { healthConsent: { grantedAt: 1, purposeText: 'x', method: 'in-person' } });
    await recordVisit(id, { at: Date.UTC(2026, 3, 1, 1), kind: 'purchase', amount: 3800, note: '帯締め' }, owner);
    await recordVisit(id, { at: Date.UTC(2026, 3, 2, 1), kind: 'consultation', note: 'そばアレルギー', health: true }, owner);
    const text = new TextDecoder().decode((await exportCsv(owner, csvOptions({ what: 'visits' }))).bytes);
    expect(text).toContain('購入,3800,帯締め');
    expect(text).toContain('相談');
    expect(text).not.toContain('そば');
  });

  it('is for owners only, and each export is written in the audit log', async () => {
    const { owner, staff } = await people();
    await expect(exportCsv(staff, csvOptions())).rejects.toBeInstanceOf(OwnerOnlyError);
    await exportCsv(owner, csvOptions());
    expect((await auditLog(owner.staffId)).find((a) => a.action === 'csv-export')?.detail).toMatchObject({ what: 'customers', rows: 0 });
  });
});

describe('a customer as a vCard', () => {
  it('holds the name, reading in katakana, phone and email for a phone’s contacts', async () => {
    const { owner } = await people();
    const id = await createCustomer(customerInput({ email: 'hana@example.jp', birthday: '1985-05-17' }), undefined, owner);
    const file = await exportCustomerVCard(id, owner);
    const text = new TextDecoder().decode(file.bytes);
    expect(file.fileName).toBe('田中_花子.vcf');
    expect(text.split('\r\n')).toEqual(
      expect.arrayContaining(['VERSION:3.0', 'N:田中;花子;;;', 'FN:田中 花子', 'X-PHONETIC-LAST-NAME:タナカ', 'TEL;TYPE=CELL:+819012345678', 'EMAIL;TYPE=INTERNET:hana@example.jp', 'BDAY:1985-05-17']),
    );
  });
});
