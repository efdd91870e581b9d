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

  it('while cards keep arriving (an import), reads at most as often as asked, and still ends with every card counted', async () => {
    await ensureFirstStaff('Owner');
    const owner = (await db.staff.toArray())[0]!.id;
    const read = vi.fn(countCustomers);
    const { result } = renderHook(() => useTableRead(['followUps', 'customers'], read, [], { atMostEveryMs: 300 }));
    await waitFor(() => expect(result.current).toBe(0));

    const started = performance.now();
    for (let i = 0; i < 8; i++) await createCustomer(customerInput({ name: `佐藤 ${i}` }), undefined, { staffId: owner });
    const took = performance.now() - started;
    await waitFor(() => expect(result.current).toBe(8));
    // One read at the start, then one per 300 ms at most while the cards were written, and a last.
    expect(read.mock.calls.length).toBeLessThanOrEqual(2 + Math.ceil(took / 300) + 1);
    expect(read.mock.calls.length).toBeLessThan(1 + 8);
  });
});
