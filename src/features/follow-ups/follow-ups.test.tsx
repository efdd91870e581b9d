import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { consentGrant, customerInput } from '../../../test/support/factories';
import { renderApp } from '../../../test/support/render';
import { captureCustomerWithVisit, createCustomer } from '../../db/customers/customers';
import { db } from '../../db/db';
import { addReminder } from '../../db/follow-ups/follow-ups';
import { timelineOf } from '../../db/queries';
import { saveSetting } from '../../db/settings';
import { addDays } from '../../lib/days';

async function firstPurchase(
  name: string,
  channels: ('line' | 'mail' | 'sms' | 'phone' | 'post')[],
  at = Date.now(),
) {
  const { customerId } = await captureCustomerWithVisit(
    customerInput({ name, phones: ['090-1234-5678'], email: 'hana@example.jp' }),
    channels.length ? consentGrant({ channels }) : undefined,
    { at, kind: 'purchase', note: '' },
    {},
  );
  return customerId;
}

describe('the follow-up queue', () => {
  it('suggests a thank-you after a first purchase and opens LINE with the message filled in', async () => {
    const id = await firstPurchase('田中 花子', ['line'], addDays(Date.now(), -1) + 10 * 3600_000);
    const { user } = await renderApp('/');
    await user.click(await screen.findByRole('link', { name: 'Follow-ups' }));
    const due = await screen.findByRole('list', { name: /To do now/ });
    const item = await within(due).findByText('田中 花子');
    const card = item.closest('li')!;
    expect(card).toHaveTextContent('Thank-you');
    expect(card).toHaveTextContent('Due today');

    const line = within(card).getByRole('link', { name: 'Send by LINE' });
    const href = line.getAttribute('href')!;
    expect(href.startsWith('https://line.me/R/share?text=')).toBe(true);
    const text = decodeURIComponent(href.slice('https://line.me/R/share?text='.length));
    expect(text).toContain('Dear 田中 花子');
    expect(text).toContain('My shop');
    expect(within(card).queryByRole('link', { name: 'Send by mail' })).not.toBeInTheDocument();

    // The message can go out in Japanese instead.
    await user.click(within(card).getByRole('button', { name: '日本語' }));
    expect(
      decodeURIComponent(
        within(card).getByRole('link', { name: 'Send by LINE' }).getAttribute('href')!,
      ),
    ).toContain('田中 花子様');

    line.addEventListener('click', (e) => e.preventDefault());
    await user.click(within(card).getByRole('link', { name: 'Send by LINE' }));
    await user.click(within(card).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByText('田中 花子')).not.toBeInTheDocument());
    expect(await screen.findByText('Logged on the timeline')).toBeInTheDocument();
    const [contact] = await timelineOf(id);
    expect(contact).toMatchObject({ kind: 'contact', note: 'Thank-you by LINE' });
  });

  it('shows the Contact entry on the card’s timeline', async () => {
    const id = await firstPurchase('田中 花子', ['line']);
    const { user } = await renderApp('/follow-ups');
    const card = (await screen.findByText('田中 花子')).closest('li')!;
    expect(card).toHaveTextContent('Due tomorrow');
    await user.click(within(card).getByRole('button', { name: 'Done' }));
    await waitFor(async () => expect(await timelineOf(id)).toHaveLength(2));
    cleanup();
    await renderApp(`/customers/${id}`);
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    expect(await within(timeline).findByText('Contact')).toBeInTheDocument();
    expect(within(timeline).getByText('Thank-you')).toBeInTheDocument();
  });

  it('offers only the channels the customer agreed to, with mail ending in the legal footer', async () => {
    await saveSetting('shopAddress', 'Kyoto, Teramachi 7-8', {});
    await firstPurchase('田中 花子', ['mail', 'sms', 'phone']);
    const { user } = await renderApp('/follow-ups');
    const card = (await screen.findByText('田中 花子')).closest('li')!;
    expect(within(card).queryByRole('link', { name: 'Send by LINE' })).not.toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Send by SMS' })).toHaveAttribute(
      'href',
      expect.stringMatching(/^sms:\+819012345678\?body=/),
    );
    expect(within(card).getByRole('link', { name: 'Call now' })).toHaveAttribute(
      'href',
      'tel:+819012345678',
    );
    const mail = new URL(
      within(card).getByRole('link', { name: 'Send by mail' }).getAttribute('href')!,
    );
    const body = new URLSearchParams(mail.search).get('body')!;
    expect(mail.pathname).toBe('hana@example.jp');
    expect(body).toMatch(/My shop\nKyoto, Teramachi 7-8\nTo stop receiving messages/);
    await user.click(within(card).getByRole('button', { name: '日本語' }));
    const jaBody = new URLSearchParams(
      new URL(within(card).getByRole('link', { name: 'Send by mail' }).getAttribute('href')!)
        .search,
    ).get('body')!;
    expect(jaBody).toMatch(/Kyoto, Teramachi 7-8\n今後のご連絡が不要な場合は/);
  });

  it('offers no way to send without consent, and can still be dismissed, with Undo', async () => {
    await firstPurchase('同意なし さん', []);
    const { user } = await renderApp('/follow-ups');
    const card = (await screen.findByText('同意なし さん')).closest('li')!;
    expect(card).toHaveTextContent('No consent to contact recorded');
    expect(
      within(card)
        .queryAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['同意なし さん']);
    await user.click(within(card).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByText('同意なし さん')).not.toBeInTheDocument());
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('同意なし さん')).toBeInTheDocument();
  });

  it('snoozes a follow-up due today into the coming days', async () => {
    const id = await createCustomer(customerInput({ name: '田中 花子' }), undefined, {});
    await addReminder(id, 'Call when the Arita vase comes in', Date.now(), {});
    const { user } = await renderApp('/follow-ups');
    const due = await screen.findByRole('list', { name: /To do now/ });
    const card = (await within(due).findByText('Call when the Arita vase comes in')).closest('li')!;
    await user.click(within(card).getByRole('button', { name: 'Snooze 1 week' }));
    const upcoming = screen.getByRole('list', { name: 'Coming up' });
    expect(
      await within(upcoming).findByText('Call when the Arita vase comes in'),
    ).toBeInTheDocument();
    expect(within(due).queryByText('Call when the Arita vase comes in')).not.toBeInTheDocument();
  });
});

describe('reminders on the card', () => {
  it('staff add a reminder with a due day, and it waits on the card and in the queue', async () => {
    const id = await createCustomer(customerInput({ name: '田中 花子' }), undefined, {});
    const { user } = await renderApp(`/customers/${id}`);
    await user.click(await screen.findByRole('button', { name: 'Add reminder' }));
    await user.type(
      screen.getByRole('textbox', { name: 'Reminder' }),
      'Call when the Arita vase comes in',
    );
    await user.click(screen.getByRole('button', { name: 'Add reminder' }));
    const followUps = await screen.findByRole('list', { name: 'Follow-ups' });
    expect(
      await within(followUps).findByText('Call when the Arita vase comes in'),
    ).toBeInTheDocument();
    expect(within(followUps).getByText('Due tomorrow')).toBeInTheDocument();
    const [row] = await db.followUps.toArray();
    expect(row).toMatchObject({ kind: 'reminder', customerId: id, dueAt: addDays(Date.now(), 1) });
  });

  it('asks what to do when the reminder is empty', async () => {
    const id = await createCustomer(customerInput({ name: '田中 花子' }), undefined, {});
    const { user } = await renderApp(`/customers/${id}`);
    await user.click(await screen.findByRole('button', { name: 'Add reminder' }));
    await user.click(screen.getByRole('button', { name: 'Add reminder' }));
    expect(await screen.findByText(/Say what to do/)).toBeInTheDocument();
    expect(await db.followUps.count()).toBe(0);
  });
});
