import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/support/render';
import { db } from '../../db/db';
import { consentsOf, findCustomers, getCustomer } from '../../db/queries';
import { saveSetting } from '../../db/settings';

describe('creating a customer card at the counter', () => {
  it('staff creates a card with consent and lands on it', async () => {
    const { user } = await renderApp('/');
    await user.click(await screen.findByRole('link', { name: 'New customer' }));

    await user.type(await screen.findByRole('textbox', { name: 'Name' }), '田中 花子');
    await user.type(screen.getByRole('textbox', { name: 'Reading' }), 'たなか はなこ');
    await user.type(screen.getByRole('textbox', { name: 'Phone' }), '090-1234-5678');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'hana@example.jp');
    await user.type(screen.getByRole('textbox', { name: 'About them' }), 'Shiba dog called Pochi');
    await user.click(screen.getByRole('checkbox', { name: 'May contact' }));
    // The channels follow the details given: mail for the email, SMS and calls for the phone.
    expect(screen.getByRole('checkbox', { name: 'Mail' })).toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'Calls' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('heading', { level: 1, name: '田中 花子' })).toBeInTheDocument();
    expect(screen.getByText('Shiba dog called Pochi')).toBeInTheDocument();
    expect(screen.getByText('090-1234-5678')).toBeInTheDocument();

    const [match] = await findCustomers('tanaka');
    expect(match?.customer.phones).toEqual(['+819012345678']);
    const { active } = await consentsOf(match!.customer.id);
    expect(active.map((c) => c.channel).sort()).toEqual(['mail', 'sms']);
    expect(active[0]?.purposeText).toMatch(/contact details/);
  });

  it('points at a typo in the email and keeps everything typed', async () => {
    const { user } = await renderApp('/customers/new');
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), '佐藤 一郎');
    await user.type(screen.getByRole('textbox', { name: 'Phone' }), '090-1234-567');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'ichiro@example');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const email = screen.getByRole('textbox', { name: 'Email' });
    expect(email).toHaveAccessibleDescription(/Enter a valid email address/);
    expect(email).toHaveValue('ichiro@example');
    expect(screen.getByRole('textbox', { name: 'Phone' })).toHaveAccessibleDescription(/Check this phone number/);
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('佐藤 一郎');
    expect(screen.getByRole('alert')).toHaveTextContent('Please fix 2 fields before saving.');
    expect(await db.customers.count()).toBe(0);

    // Fixing the email and phone lets the same form save.
    await user.clear(email);
    await user.type(email, 'ichiro@example.jp');
    await user.type(screen.getByRole('textbox', { name: 'Phone' }), '8');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('heading', { level: 1, name: '佐藤 一郎' })).toBeInTheDocument();
  });

  it('asks for a name when none was typed', async () => {
    const { user } = await renderApp('/customers/new');
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    const name = screen.getByRole('textbox', { name: 'Name' });
    expect(name).toHaveAccessibleDescription(/Enter a name/);
    expect(name).toHaveFocus();
  });

  it('keeps a half-typed card as a draft when the screen is left and reopened', async () => {
    const first = await renderApp('/customers/new');
    await first.user.type(await screen.findByRole('textbox', { name: 'Name' }), '途中の名前');
    first.unmount();

    await renderApp('/customers/new');
    expect(await screen.findByRole('textbox', { name: 'Name' })).toHaveValue('途中の名前');
  });

  it('starts a new card from a search that found nobody', async () => {
    const { user } = await renderApp('/');
    await user.type(await screen.findByRole('searchbox', { name: 'Search customers' }), '山本');
    expect(await screen.findByText('No customer matches “山本”.')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'New customer' }));
    expect(await screen.findByRole('textbox', { name: 'Name' })).toHaveValue('山本');
  });

  it('deletes a card and brings it back with Undo', async () => {
    const { user } = await renderApp('/customers/new');
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'John Smith');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { level: 1, name: 'John Smith' });

    await user.click(screen.getByRole('button', { name: 'Delete customer' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete John Smith?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    await screen.findByRole('searchbox', { name: 'Search customers' });
    await waitFor(async () => expect(await findCustomers('john')).toEqual([]));
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect(await findCustomers('john')).toHaveLength(1));
    expect(await screen.findByRole('link', { name: /^John Smith/ })).toBeInTheDocument();
  });
});

describe('a birthday written the Japanese way', () => {
  it('staff types the era form from a membership card, sees how it is read, and the owner’s choice puts the era beside it on the card', async () => {
    await saveSetting('wareki', { birthdays: true, ledger: false }, {});
    const { user } = await renderApp('/customers/new');
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), '田中 花子');
    const birthday = screen.getByRole('textbox', { name: 'Birthday' });
    await user.type(birthday, 'S60.4.12');
    expect(birthday).toHaveAccessibleDescription('Saved as April 12, 1985（昭和60年）');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('heading', { level: 1, name: '田中 花子' })).toBeInTheDocument();
    expect(screen.getByText('April 12, 1985')).toHaveTextContent('April 12, 1985（昭和60年）');
    const [match] = await findCustomers('田中');
    expect((await getCustomer(match!.customer.id))?.birthday).toBe('1985-04-12');
  });

  it('refuses a day after its era ended and suggests the same day in the new era', async () => {
    const { user } = await renderApp('/customers/new');
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), '鈴木 一郎');
    const birthday = screen.getByRole('textbox', { name: 'Birthday' });
    await user.type(birthday, '平成32年4月1日');
    expect(birthday).toHaveAccessibleDescription(/Did you mean 令和2年4月1日\?/);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(birthday).toHaveAccessibleDescription(/That day is not in that era/);
    expect(birthday).toHaveValue('平成32年4月1日');
    expect(await db.customers.count()).toBe(0);
  });
});
