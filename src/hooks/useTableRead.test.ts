import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { customerInput } from '../../test/support/factories';
import { createCustomer } from '../db/customers/customers';
import { countCustomers } from '../db/queries';
import { addStaff, ensureFirstStaff } from '../db/staff/staff';
import { db } from '../db/db';
import { useTableRead } from './useTableRead';

describe('a read that follows a whole table', () => {
  it('reads again after a customer is added, and not after a change to another table', async () => {
    await ensureFirstStaff('Owner');
    const owner = (await db.staff.toArray())[0]!.id;
    const read = vi.fn(countCustomers);
    const { result } = renderHook(() => useTableRead('customers', read, []));
    await waitFor(() => expect(result.current).toBe(0));

    await createCustomer(customerInput({ name: '佐藤 一郎' }), undefined, { staffId: owner });
    await waitFor(() => expect(result.current).toBe(1));

    const reads = read.mock.calls.length;
    await addStaff('Sato', 'staff', { staffId: owner });
    await new Promise((r) => setTimeout(r, 50));
    expect(read.mock.calls.length).toBe(reads);
  });
});
