/**
 * The Follow-ups screen lists what the temperature guard holds back apart from what is due, each
 * with its reason.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { consentGrant, customerInput } from '../../../test/support/factories';
import { renderApp } from '../../../test/support/render';
import { captureCustomerWithVisit } from '../../db/customers/customers';
import { db } from '../../db/db';
import { suggestFollowUps } from '../../db/follow-ups/follow-ups';
import { setCaution } from '../../db/relationships/relationships';
import { ensureFirstStaff } from '../../db/staff/staff';
import { addDays } from '../../lib/days';

describe('held back follow-ups', () => {
  it('shows a thank-you for someone refused as held back, saying why, not as due', async () => {
    await ensureFirstStaff('Owner');
    const owner = { staffId: (await db.staff.toArray())[0]!.id };
    const { customerId } = await captureCustomerWithVisit(
      customerInput({ name: '鈴木 慎一' }),
      consentGrant({ channels: ['line'] }),
      { at: addDays(Date.now(), -1), kind: 'purchase', note: '' },
      owner,
    );
    await suggestFollowUps();
    await setCaution(customerId, 'Threatened staff', owner, 'refused');
    await renderApp('/follow-ups');
    const held = await screen.findByRole('list', { name: /Held back/ });
    const item = await within(held).findByText('鈴木 慎一');
    expect(item.closest('li')).toHaveTextContent(
      'Held back: their caution level “Refused” stops follow-ups.',
    );
    expect(
      within(await screen.findByRole('list', { name: /To do now/ })).queryByText('鈴木 慎一'),
    ).not.toBeInTheDocument();
  });
});
