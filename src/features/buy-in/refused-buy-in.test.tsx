/**
 * 買取お断り at the counter: the appraisal screen shows the level, and an owner buys only with a
 * reason, which the flag's history keeps beside the record.
 */
import { configure, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { customerInput } from '../../../test/support/factories';
import { renderApp } from '../../../test/support/render';
import { createCustomer } from '../../db/customers/customers';
import { db } from '../../db/db';
import { cautionHistoryOf } from '../../db/relationships/queries';
import { setCaution } from '../../db/relationships/relationships';

// Screens load lazily; the machine is busy.
configure({ asyncUtilTimeout: 30_000 });

describe('buying from someone marked “No buy-ins”', { timeout: 120_000 }, () => {
  it('needs the owner’s reason, and keeps it in the flag’s history with the record', async () => {
    const id = await createCustomer(
      customerInput({ name: '鈴木 慎一', reading: 'すずき しんいち', address: '京都市左京区 1-1' }),
      undefined,
      {},
    );
    const { user } = await renderApp(`/customers/${id}`);
    const owner = (await db.staff.toArray()).find((s) => s.role === 'owner')!.id;
    await setCaution(id, 'Brought stolen goods once', { staffId: owner }, 'no-buy-ins');
    await user.click(await screen.findByRole('button', { name: 'New appraisal' }));
    await screen.findByRole('heading', { level: 1, name: 'Appraisal' });
    expect(screen.getByRole('note', { name: 'Caution' })).toHaveTextContent('No buy-ins');

    const item = await screen.findByRole('group', { name: 'Item 1' });
    await user.selectOptions(
      within(item).getByRole('combobox', { name: 'Category' }),
      'Clothing, kimono',
    );
    await user.type(within(item).getByRole('textbox', { name: 'Description' }), '訪問着');
    await user.type(within(item).getByRole('textbox', { name: 'Price' }), '8000');
    await user.click(within(item).getByRole('checkbox', { name: 'Accept' }));
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'ID document' }),
      "Driver's licence",
    );
    await user.type(screen.getByRole('textbox', { name: 'Occupation' }), '自営業');
    await user.type(screen.getByRole('textbox', { name: 'Age' }), '55');
    await user.click(screen.getByRole('button', { name: 'Record buy-in' }));
    expect(
      await screen.findByText(/Say why the shop buys from them this time/),
    ).toBeInTheDocument();
    expect(await db.ledgerEntries.count()).toBe(0);

    await user.type(
      screen.getByRole('textbox', { name: 'Reason to buy from them this time (owner)' }),
      'Receipt and ID checked',
    );
    await user.click(screen.getByRole('button', { name: 'Record buy-in' }));
    await screen.findByRole('heading', { level: 1, name: '鈴木 慎一' });
    const [entry] = await db.ledgerEntries.toArray();
    expect((await cautionHistoryOf(id))[0]).toMatchObject({
      action: 'override',
      reason: 'Receipt and ID checked',
      level: 'no-buy-ins',
      ledgerEntryId: entry!.id,
    });
  });
});
