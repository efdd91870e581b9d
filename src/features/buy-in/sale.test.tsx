import { configure, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { customerInput } from '../../../test/support/factories';
import { renderApp } from '../../../test/support/render';
import { createCustomer } from '../../db/customers/customers';
import { db } from '../../db/db';
import { addStaff } from '../../db/staff/staff';
import { writePref } from '../../lib/device-prefs';

// Screens load lazily; on a busy two-core machine the first load can take more than a second.
configure({ asyncUtilTimeout: 10_000 });

describe('sales the shop records, under the owner’s rules', { timeout: 30_000 }, () => {
  it('records a watch sold for ¥80,000 with the buyer’s name and address, as the default rules ask', async () => {
    const id = await createCustomer(customerInput({ name: 'John Smith', reading: '', phones: [] }), undefined, {});
    const { user } = await renderApp(`/customers/${id}`);
    await user.click(await screen.findByRole('button', { name: 'Record sale' }));
    const item = await screen.findByRole('group', { name: 'Item 1' });
    await user.selectOptions(within(item).getByRole('combobox', { name: 'Category' }), 'Watches, jewellery');
    await user.type(within(item).getByRole('textbox', { name: 'Description' }), 'Grand Seiko SBGA211');
    await user.type(within(item).getByRole('textbox', { name: 'Features' }), 'Case no. 5R65-0AE0 123456');
    await user.type(within(item).getByRole('textbox', { name: 'Price' }), '80000');
    expect(screen.getByRole('status', { name: 'Buyer' })).toHaveTextContent(
      'Your rules record this sale (Watches, jewellery): note the buyer’s name and address.',
    );
    expect(screen.queryByRole('combobox', { name: 'ID document' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Record sale' }));
    expect(screen.getByRole('textbox', { name: 'Address' })).toHaveAccessibleDescription('Required');

    await user.type(screen.getByRole('textbox', { name: 'Address' }), 'Hotel Granvia Kyoto, room 812');
    await user.click(screen.getByRole('button', { name: 'Record sale' }));
    await screen.findByRole('heading', { level: 1, name: 'John Smith' });
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    expect(await within(timeline).findByText('Grand Seiko SBGA211')).toBeInTheDocument();
    expect(within(timeline).getByText('Purchase')).toBeInTheDocument();
    const [entry] = await db.ledgerEntries.toArray();
    expect(entry).toMatchObject({
      kind: 'sale',
      total: 80_000,
      counterparty: { name: 'John Smith', address: 'Hotel Granvia Kyoto, room 812' },
      rule: { required: true, categories: ['watch-jewellery'] },
    });
  });

  it('lets only an owner change which sales are recorded', async () => {
    const { user } = await renderApp('/ledger');
    await user.click(await screen.findByRole('link', { name: 'Sale record rules' }));
    await user.type(await screen.findByRole('textbox', { name: /Permit number/ }), '京都府公安委員会 第611230000123号');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Cameras' }), 'From the threshold');
    await user.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(await screen.findByText('Rules saved')).toBeInTheDocument();
    const row = await db.settings.get('ledger');
    expect(row?.value).toMatchObject({
      permitNumber: '京都府公安委員会 第611230000123号',
      saleRules: { threshold: 10_000, byCategory: { camera: 'threshold', 'watch-jewellery': 'threshold' } },
    });

    writePref('counterStaffId', await addStaff('佐々木', 'staff', {}));
    expect(await screen.findByText('Only an owner can do this.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save rules' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'All records' }));
    await screen.findByRole('searchbox', { name: 'Search ledger' });
    expect(screen.queryByRole('link', { name: 'Sale record rules' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Export CSV' })).not.toBeInTheDocument();
  });
});
