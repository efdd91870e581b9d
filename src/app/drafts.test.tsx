/**
 * Nothing typed is lost to a reload (an update accepted in another tab, a crash): every form
 * keeps a draft until it is saved or cancelled. A "reload" here unmounts the whole app and starts
 * it again on the same device (same localStorage and IndexedDB).
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { customerInput } from '../../test/support/factories';
import { storedLeaves } from '../../test/support/leaves';
import { renderApp } from '../../test/support/render';
import { createCustomer } from '../db/customers/customers';
import { getCustomer } from '../db/queries';
import { recordVisit } from '../db/visits/visits';
import { startSelfEntry } from '../lib/counter-lock';

function reload(route: string) {
  cleanup();
  return renderApp(route);
}

function drafts(): Record<string, string> {
  return Object.fromEntries(
    Object.keys(localStorage)
      .filter((key) => key.startsWith('daifuku.draft:'))
      .map((key) => [key.slice('daifuku.draft:'.length), localStorage.getItem(key)!]),
  );
}

describe('editing a card', () => {
  it('staff find their changes again after the tab reloads, and saving lets the draft go', async () => {
    const id = await createCustomer(customerInput({ about: 'Shiba called Pochi' }), undefined, {});
    const { user } = await renderApp(`/customers/${id}/edit`);
    const about = await screen.findByRole('textbox', { name: 'About them' });
    await user.clear(about);
    await user.type(about, 'Shiba called Pochi, turns 3 in May');
    expect(Object.keys(drafts())).toEqual([`edit-customer:${id}`]);
    expect(drafts()[`edit-customer:${id}`], 'only the changed field is kept').not.toContain('田中');

    const again = await reload(`/customers/${id}/edit`);
    expect(await screen.findByRole('textbox', { name: 'About them' })).toHaveValue(
      'Shiba called Pochi, turns 3 in May',
    );
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('田中 花子');
    expect(screen.getByText(/^Restored what you typed here earlier/)).toBeInTheDocument();

    await again.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(async () =>
      expect((await getCustomer(id))?.about).toBe('Shiba called Pochi, turns 3 in May'),
    );
    expect(drafts()).toEqual({});
  });

  it('Cancel and "Discard unsaved changes" both go back to the card as stored, and forget the draft', async () => {
    const id = await createCustomer(customerInput(), undefined, {});
    const { user } = await renderApp(`/customers/${id}/edit`);
    await user.type(await screen.findByRole('textbox', { name: 'Tags' }), 'kimono');
    const again = await reload(`/customers/${id}/edit`);
    await again.user.click(await screen.findByRole('button', { name: 'Discard unsaved changes' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Tags' })).toHaveValue(''));
    expect(drafts()).toEqual({});

    const third = await reload(`/customers/${id}/edit`);
    await third.user.type(await screen.findByRole('textbox', { name: 'Tags' }), 'tea');
    await third.user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(drafts()).toEqual({});
  });
});

describe('self-entry', () => {
  it('the customer’s half-typed details survive a reload, and the next customer starts with an empty form', async () => {
    startSelfEntry(undefined);
    const { user } = await renderApp('/');
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'Jane Doe');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'jane@example.com');
    await user.click(screen.getByRole('checkbox', { name: 'Mail' }));

    await reload('/');
    expect(await screen.findByRole('textbox', { name: 'Name' })).toHaveValue('Jane Doe');
    expect(screen.getByRole('textbox', { name: 'Email' })).toHaveValue('jane@example.com');
    expect(screen.getByRole('checkbox', { name: 'Mail' })).toBeChecked();

    // Staff take the tablet back before she finished: her details leave the device with her.
    const { user: staff } = await reload('/');
    await staff.click(await screen.findByRole('button', { name: 'Staff: take the tablet back' }));
    expect(await screen.findByRole('searchbox', { name: 'Search customers' })).toBeInTheDocument();
    expect(drafts()).toEqual({});

    startSelfEntry(undefined);
    await reload('/');
    expect(await screen.findByRole('textbox', { name: 'Name' })).toHaveValue('');
  });

  it('after sending, a reload still thanks the customer and keeps none of their details', async () => {
    startSelfEntry(undefined);
    const { user } = await renderApp('/');
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'Jane Doe');
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByText(/Thank you!/)).toBeInTheDocument();
    expect(JSON.stringify(drafts())).not.toContain('Jane');

    const { user: staff } = await reload('/');
    expect(await screen.findByText(/Thank you!/)).toBeInTheDocument();
    await staff.click(screen.getByRole('button', { name: 'Staff: take the tablet back' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Jane Doe' })).toBeInTheDocument();
  });
});

describe('on a customer’s card', () => {
  it('a caution reason, a reminder and a talk-about line being typed all survive a reload', async () => {
    const id = await createCustomer(customerInput(), undefined, {});
    const { user } = await renderApp(`/customers/${id}`);
    await user.type(
      await screen.findByRole('textbox', { name: 'Talk about' }),
      'Daughter’s wedding in June',
    );
    await user.click(await screen.findByRole('button', { name: 'Set caution' }));
    await user.type(screen.getByRole('textbox', { name: 'Reason' }), 'Returns items often');
    await user.click(screen.getByRole('button', { name: 'Add reminder' }));
    await user.type(screen.getByRole('textbox', { name: 'Reminder' }), 'Call when the obi arrives');

    const { user: after } = await reload(`/customers/${id}`);
    expect(await screen.findByRole('textbox', { name: 'Talk about' })).toHaveValue(
      'Daughter’s wedding in June',
    );
    expect(await screen.findByRole('textbox', { name: 'Reason' })).toHaveValue(
      'Returns items often',
    );
    expect(screen.getByRole('textbox', { name: 'Reminder' })).toHaveValue(
      'Call when the obi arrives',
    );

    await after.click(screen.getByRole('button', { name: 'Save caution' }));
    await waitFor(async () =>
      expect((await getCustomer(id))?.caution?.reason).toBe('Returns items often'),
    );
    await after.click(screen.getByRole('button', { name: 'Cancel' }));
    await after.click(screen.getByRole('button', { name: 'Add talk-about' }));
    await waitFor(async () =>
      expect((await getCustomer(id))?.talkAbout?.[0]?.text).toBe('Daughter’s wedding in June'),
    );
    await waitFor(() => expect(drafts()).toEqual({}));
  });

  it('an entry being edited is still open, with its changes, after a reload', async () => {
    const id = await createCustomer(customerInput(), undefined, {});
    await recordVisit(
      id,
      { at: Date.now() - 60_000, kind: 'purchase', note: 'Bought a tea bowl' },
      {},
    );
    const { user } = await renderApp(`/customers/${id}`);
    await user.click(await screen.findByRole('button', { name: 'Edit entry' }));
    const note = screen.getByRole('textbox', { name: 'Note' });
    await user.type(note, ' (Hagi ware)');

    const { user: after } = await reload(`/customers/${id}`);
    expect(await screen.findByRole('textbox', { name: 'Note' })).toHaveValue(
      'Bought a tea bowl (Hagi ware)',
    );
    await after.click(screen.getByRole('button', { name: 'Save changes' }));
    // Looked for afresh each time: the timeline redraws as the save lands, and an element found
    // before that redraw may already be gone from the page.
    await waitFor(() => expect(screen.getByText('Bought a tea bowl (Hagi ware)')).toBeInTheDocument());
    await waitFor(() => expect(drafts()).toEqual({}));
  });
});

describe('settings', () => {
  it('the owner’s half-edited purpose text and stage rules survive a reload, until saved or discarded', async () => {
    const { user } = await renderApp('/settings/shop');
    const purpose = await screen.findByRole('textbox', { name: /^Purpose of use/ });
    await user.clear(purpose);
    await user.type(purpose, 'Only for letting you know about new arrivals.');
    const { user: onStages } = await reload('/settings/stages');
    const visits = await screen.findByRole('textbox', { name: 'Visits needed to be a regular' });
    await onStages.clear(visits);
    await onStages.type(visits, '4');

    await reload('/settings/stages');
    expect(await screen.findByRole('textbox', { name: 'Visits needed to be a regular' })).toHaveValue('4');
    const { user: after } = await reload('/settings/shop');
    expect(await screen.findByRole('textbox', { name: /^Purpose of use/ })).toHaveValue(
      'Only for letting you know about new arrivals.',
    );

    const shop = screen.getByRole('region', { name: 'Shop' });
    await after.click(within(shop).getByRole('button', { name: 'Discard unsaved changes' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /^Purpose of use/ })).not.toHaveValue(
        'Only for letting you know about new arrivals.',
      ),
    );
    expect(Object.keys(drafts())).toEqual(['stage-rules']);
  });

  it('a PIN being typed is never kept in a draft', async () => {
    const { user } = await renderApp('/settings/staff');
    await user.type(await screen.findByLabelText(/^New PIN for/), '4826');
    expect(storedLeaves({ ...localStorage })).not.toContain('4826');
  });
});
