/**
 * Issue 16 on the card: an owner grades the caution flag (注意 / 買取お断り / 来店お断り) and the
 * appraisal screen shows it; staff note what a customer is looking for (探しもの帳) and close it
 * when found, with Undo.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { customerInput } from '../../test/support/factories';
import { renderApp } from '../../test/support/render';
import { createCustomer } from '../db/customers/customers';
import { getCustomer } from '../db/queries';
import { cautionHistoryOf } from '../db/relationships/queries';
import { openWantedItemsOf } from '../db/wanted/wanted';

describe('graded caution', () => {
  it('an owner chooses “No buy-ins”; the card and the appraisal screen say what it stops', async () => {
    const id = await createCustomer(
      customerInput({ name: '鈴木 慎一', reading: 'すずき しんいち' }),
      undefined,
      {},
    );
    const { user } = await renderApp(`/customers/${id}`);
    await user.click(await screen.findByRole('button', { name: 'Set caution' }));
    const level = screen.getByRole('combobox', { name: 'Caution level' });
    expect(
      within(level)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Caution', 'No buy-ins', 'Refused']);
    await user.selectOptions(level, 'No buy-ins');
    await user.type(
      screen.getByRole('textbox', { name: 'Reason' }),
      'Brought goods that turned out stolen',
    );
    await user.click(screen.getByRole('button', { name: 'Save caution' }));

    const banner = await screen.findByRole('note', { name: 'Caution' });
    expect(banner).toHaveTextContent('No buy-ins');
    expect(banner).toHaveTextContent('Buy-ins need an owner’s override with a reason.');
    expect((await getCustomer(id))?.caution?.level).toBe('no-buy-ins');
    expect((await cautionHistoryOf(id))[0]).toMatchObject({ action: 'set', level: 'no-buy-ins' });

    await renderApp(`/customers/${id}/appraisal`);
    expect(await screen.findByRole('note', { name: 'Caution' })).toHaveTextContent('No buy-ins');
  });

  it('opens the form at the flag’s level when the owner changes it', async () => {
    const id = await createCustomer(customerInput({ name: '鈴木 慎一' }), undefined, {});
    const { user } = await renderApp(`/customers/${id}`);
    await user.click(await screen.findByRole('button', { name: 'Set caution' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Caution level' }), 'Refused');
    await user.type(screen.getByRole('textbox', { name: 'Reason' }), 'Threatened staff');
    await user.click(screen.getByRole('button', { name: 'Save caution' }));
    await user.click(await screen.findByRole('button', { name: 'Change reason' }));
    expect(screen.getByRole('combobox', { name: 'Caution level' })).toHaveValue('refused');
  });
});

describe('探しもの帳 on the card', () => {
  it('staff note what they are looking for; it is listed, and “Found” closes it with Undo', async () => {
    const id = await createCustomer(customerInput({ name: '田中 花子' }), undefined, {});
    const { user } = await renderApp(`/customers/${id}`);
    await user.type(
      await screen.findByRole('textbox', { name: 'Looking for' }),
      'Arita vase, blue and white',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Category' }),
      'Tableware, furniture, instruments',
    );
    await user.type(screen.getByRole('textbox', { name: 'Up to (yen)' }), '30000');
    await user.click(screen.getByRole('button', { name: 'Add wanted item' }));

    const list = await screen.findByRole('list', { name: 'Looking for (探しもの帳)' });
    expect(await within(list).findByText('Arita vase, blue and white')).toBeInTheDocument();
    expect(list).toHaveTextContent('Tableware, furniture, instruments');
    expect(screen.getByRole('textbox', { name: 'Looking for' })).toHaveValue('');
    expect(await openWantedItemsOf(id)).toEqual([
      expect.objectContaining({
        text: 'Arita vase, blue and white',
        category: 'household',
        maxPrice: 30_000,
      }),
    ]);

    await user.click(screen.getByRole('button', { name: 'Found “Arita vase, blue and white”' }));
    await waitFor(async () => expect(await openWantedItemsOf(id)).toEqual([]));
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect(await openWantedItemsOf(id)).toHaveLength(1));
  });

  it('says what is missing and keeps what was typed', async () => {
    const id = await createCustomer(customerInput({ name: '田中 花子' }), undefined, {});
    const { user } = await renderApp(`/customers/${id}`);
    await user.type(await screen.findByRole('textbox', { name: 'Up to (yen)' }), 'lots');
    await user.click(screen.getByRole('button', { name: 'Add wanted item' }));
    expect(
      await screen.findByText('Say what they are looking for (up to 200 characters).'),
    ).toBeInTheDocument();
    expect(screen.getByText('Enter an amount in yen, no less than “From”.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Up to (yen)' })).toHaveValue('lots');
    expect(await openWantedItemsOf(id)).toEqual([]);
  });
});
