import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/support/render';
import { db } from '../db/db';
import { consentsOf, findCustomers, timelineOf } from '../db/queries';

describe('quick capture at the counter', () => {
  it('saves a new customer, their consent and the purchase happening now in one go', async () => {
    const { user } = await renderApp('/');
    await user.click(await screen.findByRole('link', { name: 'Quick capture' }));
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), '鈴木 一郎');
    await user.type(screen.getByRole('textbox', { name: 'Reading' }), 'すずき いちろう');
    await user.type(screen.getByRole('textbox', { name: 'Phone' }), '080-2345-6789');
    await user.click(screen.getByRole('checkbox', { name: 'May contact' }));
    await user.type(screen.getByRole('textbox', { name: 'Amount' }), '12000');
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'Kutani teacup set');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('heading', { level: 1, name: '鈴木 一郎' })).toBeInTheDocument();
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    expect(await within(timeline).findByText('Kutani teacup set')).toBeInTheDocument();
    expect(within(timeline).getByText('¥12,000')).toBeInTheDocument();

    const [match] = await findCustomers('suzuki');
    const id = match!.customer.id;
    expect((await timelineOf(id))[0]).toMatchObject({ kind: 'purchase', amount: 12000 });
    expect((await consentsOf(id)).active.map((c) => c.channel)).toEqual(['sms', 'phone']);
  });

  it('asks for a channel when "May contact" is ticked but every channel was unticked', async () => {
    const { user } = await renderApp('/capture');
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'Jane Doe');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'jane@example.com');
    await user.click(screen.getByRole('checkbox', { name: 'May contact' }));
    await user.click(screen.getByRole('checkbox', { name: 'Mail' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Choose at least one way they agreed to be contacted.')).toBeInTheDocument();
    expect(await db.customers.count()).toBe(0);
  });
});
