import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { consentGrant, customerInput } from '../../../test/support/factories';
import { renderApp } from '../../../test/support/render';
import { captureCustomerWithVisit, createCustomer } from '../../db/customers/customers';
import { db } from '../../db/db';
import { addReminder } from '../../db/follow-ups/follow-ups';
import { addStaff, ensureFirstStaff } from '../../db/staff/staff';
import { recordVisit } from '../../db/visits/visits';
import { addDays, dayNumber, isoDateOfDay, startOfDay } from '../../lib/days';

const DAY = 86_400_000;

function section(name: RegExp | string) {
  return screen.findByRole('region', { name });
}

/** The review follows the chosen day once the day's reads are done. */
async function expectVisitsToShow(text: string) {
  await waitFor(() =>
    expect(screen.getByRole('region', { name: 'Visits' })).toHaveTextContent(text),
  );
}

describe('the owner’s evening review', () => {
  // After closing, at 8 pm: the day's noon visits are behind us whenever the tests run (only the
  // clock is fixed; IndexedDB and React keep their real timers).
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2026, 10, 25, 20, 0) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows today’s visits by customer, new customers and consent, tomorrow’s follow-ups, referrals and each staff member’s notes', async () => {
    await ensureFirstStaff('Owner');
    const owner = (await db.staff.toArray())[0]!.id;
    const sato = await addStaff('Sato', 'staff', { staffId: owner });
    const noon = startOfDay(Date.now()) + 12 * 3600_000;
    const hanako = await createCustomer(
      customerInput({ name: '田中 花子', reading: 'たなか' }),
      undefined,
      { staffId: owner },
    );
    await recordVisit(
      hanako,
      { at: noon, kind: 'purchase', amount: 3800, note: 'Imari dish' },
      { staffId: sato },
    );
    await recordVisit(
      hanako,
      { at: noon + 3600_000, kind: 'consultation', note: 'Asked about vases' },
      { staffId: owner },
    );
    await captureCustomerWithVisit(
      customerInput({ name: '渡辺 美咲', referredBy: hanako }),
      consentGrant({ channels: ['line'] }),
      { at: noon, kind: 'purchase', note: '' },
      { staffId: sato },
    );
    await createCustomer(customerInput({ name: 'John Smith', phones: [] }), undefined, {
      staffId: sato,
    });
    await addReminder(hanako, 'Call about the vase', addDays(Date.now(), 1), { staffId: owner });

    const { user } = await renderApp('/');
    await user.click(await screen.findByRole('link', { name: 'Today' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Today’s review' }),
    ).toBeInTheDocument();

    const visits = await section('Visits');
    expect(await within(visits).findByRole('link', { name: '田中 花子' })).toBeInTheDocument();
    expect(visits).toHaveTextContent('Imari dish');
    expect(visits).toHaveTextContent('Asked about vases');
    expect(visits).toHaveTextContent('Total ¥3,800');

    const fresh = await section('New customers');
    expect(within(fresh).getByText('渡辺 美咲').closest('li')).toHaveTextContent('Consent: LINE');
    expect(within(fresh).getByText('John Smith').closest('li')).toHaveTextContent(
      'No consent captured',
    );

    const due = await section('Follow-ups due the next day');
    expect(due).toHaveTextContent('Call about the vase');
    // The thank-you for Misaki's first purchase, suggested when the review opened.
    expect(await within(due).findByText('渡辺 美咲')).toBeInTheDocument();

    expect(await section('Referrals this month')).toHaveTextContent(
      /渡辺 美咲\s*brought by\s*田中 花子/,
    );
    const notes = await section('Notes written by each staff member');
    expect(within(notes).getByRole('heading', { name: 'Sato: 2 notes' })).toBeInTheDocument();
    expect(within(notes).getByRole('heading', { name: 'Owner: 1 note' })).toBeInTheDocument();
  });

  it('warns about regulars turning lapsed this week', async () => {
    const id = await createCustomer(customerInput({ name: '常連 さん' }), undefined, {});
    // Every 10 days, last visit 57 days ago: lapsed in 3 days (the 60-day floor).
    for (const n of [77, 67, 57])
      await recordVisit(id, { at: Date.now() - n * DAY, kind: 'purchase', note: '' }, {});
    await renderApp('/today');
    const lapsing = await section('Regulars turning lapsed this week');
    expect(within(lapsing).getByRole('link', { name: '常連 さん' })).toBeInTheDocument();
    expect(lapsing).toHaveTextContent(/lapsed from/);
  });

  it('reviews any past day from the date picker', async () => {
    const id = await createCustomer(customerInput({ name: '田中 花子' }), undefined, {});
    const lastWeek = addDays(Date.now(), -7) + 11 * 3600_000;
    await recordVisit(id, { at: lastWeek, kind: 'appraisal', note: 'Scroll appraisal' }, {});
    const { user } = await renderApp('/today');
    expect(await section('Visits')).toHaveTextContent('No visits recorded.');

    // A date picker sets the whole value at once.
    fireEvent.change(screen.getByLabelText('Day'), {
      target: { value: isoDateOfDay(dayNumber(lastWeek)) },
    });
    expect(
      await screen.findByRole('heading', { level: 1, name: /^Review of / }),
    ).toBeInTheDocument();
    await expectVisitsToShow('Scroll appraisal');

    await user.click(screen.getByRole('button', { name: 'Next day' }));
    await expectVisitsToShow('No visits recorded.');
    await user.click(screen.getByRole('button', { name: 'Back to today' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Today’s review' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next day' })).toBeDisabled();
  });
});
