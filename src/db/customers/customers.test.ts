// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { consentGrant, customerInput } from '../../../test/support/factories';
import {
  captureCustomerWithVisit,
  createCustomer,
  deleteCustomer,
  restoreCustomer,
  updateCustomer,
} from './customers';
import { db } from '../db';
import { InputError } from '../errors';
import { consentsOf, findCustomers, getCustomer, recentCustomers, timelineOf } from '../queries';

const counter = { staffId: 'staff-1' };

describe('writing customers', () => {
  it('creates a card with a stable id, timestamps, author and device', async () => {
    const id = await createCustomer(customerInput({ email: 'Hana@Example.jp ' }), undefined, counter);
    const row = await getCustomer(id);
    expect(row).toMatchObject({
      id,
      name: '田中 花子',
      reading: 'たなか はなこ',
      phones: ['+819012345678'],
      email: 'Hana@Example.jp',
      updatedBy: 'staff-1',
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(row?.createdAt).toBeGreaterThan(0);
    expect(row?.deviceId).toBeTruthy();
  });

  it('records consent per channel with the purpose text, its version, date and staff member', async () => {
    const id = await createCustomer(customerInput(), consentGrant({ channels: ['mail', 'line'] }), counter);
    const { active } = await consentsOf(id);
    expect(active.map((c) => c.channel).sort()).toEqual(['line', 'mail']);
    expect(active[0]).toMatchObject({
      purposeText: '当店からのお知らせにのみ使います。',
      purposeVersion: 1,
      method: 'in-person',
      staffId: 'staff-1',
    });
    expect(active[0]?.grantedAt).toBeGreaterThan(0);
  });

  it('refuses a card without a name and stores nothing', async () => {
    await expect(createCustomer(customerInput({ name: '   ' }), undefined, counter)).rejects.toBeInstanceOf(
      InputError,
    );
    expect(await db.customers.count()).toBe(0);
  });

  it('saves quick capture as the customer, their consent and first visit together', async () => {
    const at = Date.UTC(2026, 10, 20, 3, 0);
    const { customerId, visitId } = await captureCustomerWithVisit(
      customerInput(),
      consentGrant(),
      { at, kind: 'purchase', amount: 3800, note: '花瓶' },
      counter,
    );
    const [visit] = await timelineOf(customerId);
    expect(visit).toMatchObject({ id: visitId, amount: 3800, note: '花瓶', staffId: 'staff-1' });
    expect((await getCustomer(customerId))?.lastVisitAt).toBe(at);
    expect((await consentsOf(customerId)).active).toHaveLength(1);
  });

  it('keeps nothing of a quick capture whose visit is invalid', async () => {
    await expect(
      captureCustomerWithVisit(customerInput(), consentGrant(), { at: Date.now(), kind: 'purchase', amount: -5 }, counter),
    ).rejects.toBeInstanceOf(InputError);
    expect(await db.customers.count()).toBe(0);
    expect(await db.consents.count()).toBe(0);
  });

  it('updates a card, reindexing search and reconciling consent channels', async () => {
    const id = await createCustomer(customerInput(), consentGrant({ channels: ['mail', 'sms'] }), counter);
    await updateCustomer(id, customerInput({ name: '山田 花子', reading: 'やまだ はなこ' }), consentGrant({ channels: ['sms', 'post'] }), counter);

    expect((await findCustomers('yamada')).map((m) => m.customer.id)).toEqual([id]);
    expect(await findCustomers('tanaka')).toEqual([]);
    const { active, all } = await consentsOf(id);
    expect(active.map((c) => c.channel).sort()).toEqual(['post', 'sms']);
    expect(all.find((c) => c.channel === 'mail')?.revokedAt).toBeGreaterThan(0);
  });

  it('finds a card by the member number staff typed, and forgets it once the number is cleared', async () => {
    const id = await createCustomer(customerInput({ memberNumber: 'Ｍ－００１２３' }), undefined, counter);
    expect(await db.customers.get(id)).toMatchObject({ memberNumber: 'M-00123' });
    expect((await findCustomers('M-00123')).map((m) => m.customer.id)).toEqual([id]);
    await updateCustomer(id, customerInput({ memberNumber: '' }), undefined, counter);
    expect((await db.customers.get(id))?.memberNumber).toBeUndefined();
    expect(await findCustomers('M-00123')).toEqual([]);
  });

  it('soft-deletes a card out of search and lists, and undo brings it back', async () => {
    const id = await createCustomer(customerInput(), undefined, counter);
    await deleteCustomer(id, counter);
    expect(await findCustomers('tanaka')).toEqual([]);
    expect(await recentCustomers(10)).toEqual([]);
    expect((await db.customers.get(id))?.deletedAt).toBeGreaterThan(0);

    await restoreCustomer(id, counter);
    expect((await findCustomers('tanaka')).map((m) => m.customer.id)).toEqual([id]);
    expect((await recentCustomers(10)).map((c) => c.id)).toEqual([id]);
  });

  it('stores an emoji name intact', async () => {
    const id = await createCustomer(customerInput({ name: '🐶 ポチの飼い主さん' }), undefined, counter);
    expect((await getCustomer(id))?.name).toBe('🐶 ポチの飼い主さん');
  });
});
