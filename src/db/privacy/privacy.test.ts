// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { consentGrant, customerInput } from '../../../test/support/factories';
import { createCustomer, deleteCustomer } from '../customers/customers';
import { db } from '../db';
import { OwnerOnlyError } from '../errors';
import { importCustomers } from '../import/import';
import { findLikelyDuplicates, mergeCustomers, undoMerge } from './merge-customers';
import {
  canContact,
  contactableChannels,
  deletePersonalData,
  exportCustomerData,
  grantHealthConsent,
  isSuppressed,
  PERSONAL_DATA,
  withdrawAllConsent,
  withdrawHealthConsent,
} from './personal-data';
import { consentsOf, findCustomers, getCustomer, timelineOf } from '../queries';
import { addStaff, ensureFirstStaff } from '../staff/staff';
import { recordVisit } from '../visits/visits';
import { addReminder } from '../follow-ups/follow-ups';
import { addTalkAbout, setCaution } from '../relationships/relationships';
import { addWantedItem } from '../wanted/wanted';

async function people() {
  await ensureFirstStaff('店主');
  const owner = { staffId: (await db.staff.toArray())[0]!.id };
  const staff = { staffId: await addStaff('佐々木', 'staff', owner) };
  return { owner, staff };
}

const HANAKO = customerInput({
  name: '田中 花子',
  reading: 'たなか はなこ',
  phones: ['090-1234-5678'],
  email: 'hana@example.jp',
  address: '京都市中京区三条通 1-2-3',
  birthday: '1985-05-17',
  tags: ['着物'],
  about: '柴犬のポチ',
  handles: [{ kind: 'line', value: 'hana_line' }],
});

describe('withdrawing consent', () => {
  it('stops a planned thank-you mail at once, and every other message path with it', async () => {
    const { staff } = await people();
    const id = await createCustomer(HANAKO, consentGrant({ channels: ['mail', 'sms', 'line'] }), staff);
    expect(await canContact(id, 'mail')).toBe(true);
    expect(await contactableChannels(id)).toEqual(['mail', 'sms', 'line']);

    await withdrawAllConsent(id, staff);
    expect(await canContact(id, 'mail')).toBe(false);
    expect(await contactableChannels(id)).toEqual([]);
    expect((await consentsOf(id)).active).toEqual([]);
    expect((await db.audit.toArray()).some((a) => a.action === 'consent-withdraw' && a.subjectId === id)).toBe(true);
  });

  it('keeps stopping messages to the same email after the card is deleted and imported again', async () => {
    const { owner } = await people();
    const id = await createCustomer(HANAKO, consentGrant({ channels: ['mail'] }), owner);
    await withdrawAllConsent(id, owner);
    await deletePersonalData(id, owner);

    await importCustomers('name,email\n田中 花子,hana@example.jp\n', { ctx: owner });
    const [copy] = await findCustomers('hana@example.jp');
    expect(await isSuppressed((await getCustomer(copy!.customer.id))!)).toBe(true);
    expect(await canContact(copy!.customer.id, 'mail')).toBe(false);
  });

  it('lets a customer who agrees again be contacted again', async () => {
    const { staff } = await people();
    const id = await createCustomer(HANAKO, consentGrant({ channels: ['mail'] }), staff);
    await withdrawAllConsent(id, staff);
    await new Promise((resolve) => setTimeout(resolve, 2));
    const again = await createCustomer(
      customerInput({ name: '田中 花子', email: 'hana@example.jp', phones: [] }),
      consentGrant({ channels: ['mail'], method: 'self-entry' }),
      staff,
    );
    expect(await canContact(again, 'mail')).toBe(true);
  });

  it('never contacts a customer who gave no consent', async () => {
    const { staff } = await people();
    const id = await createCustomer(HANAKO, undefined, staff);
    expect(await contactableChannels(id)).toEqual([]);
  });
});

describe('deleting a customer’s personal data on request', () => {
  it('leaves none of their personal data in any table, while the visit counts stay', async () => {
    const { owner } = await people();
    // Her number on the member card of the shop's old POS counts as personal data too.
    const id = await createCustomer({ ...HANAKO, memberNumber: 'HANA-0042' }, consentGrant({ channels: ['mail', 'sms'] }), owner);
    await grantHealthConsent(id, '体調のメモは接客の配慮にのみ使います。', 'in-person', owner);
    await recordVisit(id, { at: Date.UTC(2026, 3, 1), kind: 'purchase', amount: 3800, note: '帯締めを購入' }, owner);
    await recordVisit(id, { at: Date.UTC(2026, 4, 1), kind: 'consultation', note: '漆にかぶれる', health: true }, owner);
    await addReminder(id, 'ポチの散歩の時間に電話', Date.UTC(2026, 5, 1), owner);
    await setCaution(id, '着物の値引きを強く求められた', owner);
    await addTalkAbout(id, '柴犬のポチ', owner);
    await addWantedItem(id, { text: '着物の帯締め 京都', category: 'any', minPrice: '', maxPrice: '19850', until: '' }, owner);
    const other = await createCustomer(customerInput({ name: '佐藤 一郎', reading: 'さとう いちろう', phones: [] }), undefined, owner);

    await deletePersonalData(id, owner);

    const personal = ['田中', '花子', 'たなか', 'tanaka', 'hanako', '1234', '5678', 'hana@', 'hana_line', '京都', '1985', '着物', 'ポチ', '帯締め', '漆', 'HANA-0042', 'hana-0042'];
    for (const table of db.tables) {
      // Ids and times in milliseconds are random or of the clock: "1234" may turn up in them by chance.
      const text = JSON.stringify(await table.toArray())
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
        .replace(/(?<!\d)\d{13}(?!\d)/g, '<time>');
      for (const value of personal) expect(text, `${table.name} holds "${value}"`).not.toContain(value);
    }
    const visits = await db.visits.toArray();
    expect(visits.filter((v) => v.customerId === id).map((v) => v.kind).sort()).toEqual(['consultation', 'purchase']);
    expect(await db.customers.get(id)).toMatchObject({ deletedAt: expect.any(Number), anonymizedAt: expect.any(Number), name: '' });
    expect((await db.customers.get(other))?.name).toBe('佐藤 一郎');
    expect((await consentsOf(id)).active).toEqual([]);
    expect((await db.audit.toArray()).find((a) => a.action === 'personal-data-delete')).toMatchObject({ subjectId: id, staffId: owner.staffId });
  });

  it('covers every table that holds personal data about a customer', () => {
    expect(PERSONAL_DATA.map((p) => p.table)).toEqual(['customers', 'visits', 'followUps', 'cautionHistory', 'wantedItems']);
  });

  it('is for an owner only', async () => {
    const { staff } = await people();
    const id = await createCustomer(HANAKO, undefined, staff);
    await expect(deletePersonalData(id, staff)).rejects.toBeInstanceOf(OwnerOnlyError);
    expect((await db.customers.get(id))?.name).toBe('田中 花子');
  });
});

describe('showing a customer everything held on them', () => {
  it('exports the card, visits, consents and the audit entries about them', async () => {
    const { owner, staff } = await people();
    const id = await createCustomer(HANAKO, consentGrant({ channels: ['mail'] }), staff);
    await recordVisit(id, { at: Date.UTC(2026, 3, 1), kind: 'purchase', note: '帯締め' }, staff);
    await withdrawAllConsent(id, staff);

    const data = await exportCustomerData(id, owner);
    expect(data.customer).toMatchObject({ name: '田中 花子', email: 'hana@example.jp', about: '柴犬のポチ' });
    expect(data.customer).not.toHaveProperty('searchKeys');
    expect(data.visits.map((v) => v.note)).toEqual(['帯締め']);
    expect(data.consents).toEqual([expect.objectContaining({ channel: 'mail', revokedAt: expect.any(Number) })]);
    expect(data.auditLog.map((a) => a.action)).toEqual(['consent-withdraw', 'customer-export']);
    await expect(exportCustomerData(id, staff)).rejects.toBeInstanceOf(OwnerOnlyError);
  });
});

describe('health-related notes', () => {
  it('need the customer’s own consent, and lose their text when it is withdrawn', async () => {
    const { staff } = await people();
    const id = await createCustomer(HANAKO, undefined, staff);
    await expect(recordVisit(id, { at: Date.now(), kind: 'consultation', note: 'そばアレルギー', health: true }, staff)).rejects.toMatchObject({
      errors: [{ field: 'health', code: 'noHealthConsent' }],
    });
    await grantHealthConsent(id, '体調のメモは接客の配慮にのみ使います。', 'in-person', staff);
    await recordVisit(id, { at: Date.now(), kind: 'consultation', note: 'そばアレルギー', health: true }, staff);
    expect((await timelineOf(id))[0]).toMatchObject({ note: 'そばアレルギー', health: true });

    await withdrawHealthConsent(id, staff);
    expect((await timelineOf(id))[0]).toMatchObject({ note: '', health: false });
  });
});

describe('duplicates', () => {
  it('points out a likely duplicate by phone, email, or reading with a similar name', async () => {
    const { staff } = await people();
    const id = await createCustomer(HANAKO, undefined, staff);
    const reasons = async (fields: Parameters<typeof findLikelyDuplicates>[0]) =>
      (await findLikelyDuplicates(fields)).map((d) => [d.customer.id, d.reason]);
    expect(await reasons({ name: '別人', reading: '', phones: ['+819012345678'], email: '' })).toEqual([[id, 'phone']]);
    expect(await reasons({ name: '別人', reading: '', phones: [], email: 'Hana@Example.jp' })).toEqual([[id, 'email']]);
    expect(await reasons({ name: '田中 はなこ', reading: 'たなか はなこ', phones: [], email: '' })).toEqual([[id, 'readingAndSimilarName']]);
    expect(await reasons({ name: '山田 太郎', reading: 'たなか はなこ', phones: [], email: '' })).toEqual([]);
    expect(await findLikelyDuplicates(HANAKO as never, id)).toEqual([]);
  });

  it('merges two cards keeping every visit, note and consent, and undo puts both back', async () => {
    const { staff } = await people();
    const kept = await createCustomer(customerInput({ name: '田中 花子', reading: 'たなか はなこ', phones: ['090-1234-5678'] }), consentGrant({ channels: ['sms'] }), staff);
    const dup = await createCustomer(
      customerInput({ name: '田中 はなこ', reading: '', phones: [], email: 'hana@example.jp', about: '柴犬のポチ' }),
      consentGrant({ channels: ['mail'] }),
      staff,
    );
    await recordVisit(kept, { at: Date.UTC(2026, 1, 1), kind: 'purchase', note: '一回目' }, staff);
    await recordVisit(dup, { at: Date.UTC(2026, 2, 1), kind: 'purchase', note: '二回目' }, staff);

    const undo = await mergeCustomers(kept, dup, staff);
    expect((await timelineOf(kept)).map((v) => v.note)).toEqual(['二回目', '一回目']);
    expect((await consentsOf(kept)).active.map((c) => c.channel).sort()).toEqual(['mail', 'sms']);
    expect(await db.customers.get(kept)).toMatchObject({ email: 'hana@example.jp', about: '柴犬のポチ', lastVisitAt: Date.UTC(2026, 2, 1) });
    expect(await db.customers.get(dup)).toMatchObject({ mergedInto: kept, deletedAt: expect.any(Number) });
    expect((await findCustomers('hana@example.jp')).map((m) => m.customer.id)).toEqual([kept]);

    await undoMerge(undo, staff);
    expect((await timelineOf(kept)).map((v) => v.note)).toEqual(['一回目']);
    expect((await timelineOf(dup)).map((v) => v.note)).toEqual(['二回目']);
    expect((await consentsOf(dup)).active.map((c) => c.channel)).toEqual(['mail']);
    expect((await db.customers.get(kept))?.email).toBe('');
    expect((await findCustomers('hana@example.jp')).map((m) => m.customer.id)).toEqual([dup]);
  });

  it('does not merge a card that was deleted', async () => {
    const { staff } = await people();
    const a = await createCustomer(HANAKO, undefined, staff);
    const b = await createCustomer(HANAKO, undefined, staff);
    await deleteCustomer(b, staff);
    await expect(mergeCustomers(a, b, staff)).rejects.toThrow();
  });
});
