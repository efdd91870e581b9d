/**
 * The owner opens Insights from the main navigation and reads the figures as text and tables;
 * staff at the counter are told it is the owner's.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { customerInput } from '../../test/support/factories';
import { renderApp } from '../../test/support/render';
import { createCustomer } from '../db/customers/customers';
import { db } from '../db/db';
import { addStaff, ensureFirstStaff } from '../db/staff/staff';
import { recordVisit } from '../db/visits/visits';

const DAY = 86_400_000;

async function shopWithRegulars() {
  await ensureFirstStaff('Owner');
  const owner = { staffId: (await db.staff.toArray())[0]!.id };
  const hanako = await createCustomer(
    customerInput({ name: 'Hanako Tanaka', phones: [] }),
    undefined,
    owner,
  );
  const kenta = await createCustomer(
    customerInput({ name: 'Kenta Sato', phones: [], referredBy: hanako }),
    undefined,
    owner,
  );
  await createCustomer(
    customerInput({ name: 'Yui Ito', phones: [], referredBy: kenta }),
    undefined,
    owner,
  );
  await recordVisit(
    hanako,
    { at: Date.now() - 20 * DAY, kind: 'purchase', amount: 4_000, note: '' },
    owner,
  );
  await recordVisit(hanako, { at: Date.now() - 2 * DAY, kind: 'purchase', note: '' }, owner);
  await recordVisit(kenta, { at: Date.now() - DAY, kind: 'consultation', note: '' }, owner);
  return owner;
}

function figure(label: string): string | null | undefined {
  return screen.getByText(label).nextElementSibling?.textContent;
}

describe('Insights', () => {
  it('the owner opens Insights from the navigation and reads the year in figures and tables', async () => {
    await shopWithRegulars();
    const { user } = await renderApp('/');
    const nav = await screen.findByRole('navigation', { name: 'Main' }, { timeout: 10_000 });
    await user.click(within(nav).getByRole('link', { name: 'Insights' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Insights' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    await screen.findByRole('region', { name: 'Two-way relationships' }, { timeout: 10_000 });
    expect(figure('Came on 2 or more days in the last 12 months')).toBe('1');
    expect(figure('Came in the last 12 months')).toBe('2');
    expect(figure('Repeat rate')).toBe('50%');

    const cohorts = screen.getByRole('table', {
      name: 'First visit → second visit within 90 days',
    });
    // Twelve months and the heading row.
    expect(within(cohorts).getAllByRole('row')).toHaveLength(13);
    const stages = screen.getByRole('table', { name: 'Who came each month, by stage' });
    expect(
      within(stages)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Month', 'First visit', 'Occasional', 'Regular', 'Back after a lapse']);

    const referrals = screen.getByRole('region', { name: 'Who brought whom' });
    expect(within(referrals).getByText(/Chains longer than one step: 1/)).toBeInTheDocument();
    const tree = within(referrals).getAllByRole('list')[0]!;
    expect(
      within(tree)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Hanako Tanaka', 'Kenta Sato', 'Yui Ito']);

    // The money is read apart from the first figures, and may come a moment after them.
    const sales = await screen.findByRole('table', { name: 'Sales by month and category' }, { timeout: 10_000 });
    expect(within(sales).getAllByRole('row').at(-1)?.textContent).toContain('¥4,000');
    expect(
      screen.getByRole('table', { name: 'Follow-ups done and held back' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Print' })).toBeInTheDocument();
  });

  it('staff at the counter are told Insights are the owner’s', async () => {
    const owner = await shopWithRegulars();
    const staff = await addStaff('Sato', 'staff', owner);
    localStorage.setItem('daifuku.counterStaffId', staff);
    await renderApp('/insights');
    expect(
      await screen.findByRole(
        'heading',
        { name: 'For owners only' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
