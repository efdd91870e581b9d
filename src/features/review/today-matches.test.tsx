/**
 * The evening review lists the day's 探しもの帳 matches: what was bought in today that someone was
 * looking for, and for whom.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { consentGrant, customerInput } from '../../../test/support/factories';
import { renderApp } from '../../../test/support/render';
import { createCustomer } from '../../db/customers/customers';
import { db } from '../../db/db';
import { recordAppraisal } from '../../db/ledger/ledger';
import { ensureFirstStaff } from '../../db/staff/staff';
import { addWantedItem } from '../../db/wanted/wanted';

describe('today’s matches in the evening review', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2026, 10, 25, 20, 0) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('names who was looking for what came in today', async () => {
    await ensureFirstStaff('Owner');
    const owner = { staffId: (await db.staff.toArray())[0]!.id };
    const hanako = await createCustomer(
      customerInput({ name: '田中 花子' }),
      consentGrant({ channels: ['line'] }),
      owner,
    );
    const seller = await createCustomer(
      customerInput({ name: '売主 一郎', phones: [] }),
      undefined,
      owner,
    );
    await addWantedItem(
      hanako,
      { text: 'Arita vase', category: 'household', minPrice: '', maxPrice: '', until: '' },
      owner,
    );
    await recordAppraisal(
      {
        customerId: seller,
        items: [
          {
            category: 'household',
            description: 'Arita vase, blue and white',
            features: '',
            quantity: 1,
            price: 8_000,
            accepted: true,
          },
        ],
        record: {
          counterparty: { name: '売主 一郎', address: '京都市 1-1', occupation: '会社員', age: 50 },
          idCheck: {
            method: 'id-document',
            document: 'drivers-licence',
            detail: '',
            checkedBy: owner.staffId,
          },
        },
      },
      owner,
    );
    await renderApp('/today');
    const matches = await screen.findByRole('region', { name: 'It came in: matches' });
    expect(await within(matches).findByRole('link', { name: '田中 花子' })).toBeInTheDocument();
    expect(matches).toHaveTextContent(
      'Arita vase, blue and white: they were looking for “Arita vase”',
    );
    expect(
      screen.queryByText('Nothing bought in today matches what someone is looking for.'),
    ).not.toBeInTheDocument();
  });

  it('says so when nothing matched', async () => {
    await renderApp('/today');
    expect(
      await screen.findByText('Nothing bought in today matches what someone is looking for.'),
    ).toBeInTheDocument();
  });
});
