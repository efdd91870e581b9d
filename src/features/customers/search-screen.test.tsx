import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { customerInput } from '../../../test/support/factories';
import { renderApp } from '../../../test/support/render';
import { createCustomer } from '../../db/customers/customers';
import { addTalkAbout, retireTalkAbout } from '../../db/relationships/relationships';

describe('the search screen', () => {
  it('staff finds a regular by typing the reading in romaji, then by phone digits', async () => {
    await createCustomer(customerInput({ name: '田中 花子', reading: 'たなか はなこ', phones: ['090-1234-5678'] }), undefined, {});
    await createCustomer(customerInput({ name: '佐藤 一郎', reading: 'さとう いちろう', phones: ['080-1111-2222'] }), undefined, {});
    const { user } = await renderApp('/');
    const search = await screen.findByRole('searchbox', { name: 'Search customers' });

    await user.type(search, 'tanaka');
    const results = await screen.findByRole('list', { name: 'Search results' });
    expect(await within(results).findByRole('link', { name: /^田中 花子/ })).toBeInTheDocument();
    expect(within(results).queryByRole('link', { name: /^佐藤/ })).not.toBeInTheDocument();

    await user.clear(search);
    await user.type(search, '080-1111');
    expect(await screen.findByRole('link', { name: /^佐藤 一郎/ })).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: /^佐藤 一郎/ }));
    expect(await screen.findByRole('heading', { level: 1, name: '佐藤 一郎' })).toBeInTheDocument();
  });

  it('shows in each row what staff glance at: the phone, the next thing to talk about, the tags', async () => {
    const id = await createCustomer(
      customerInput({ name: '田中 花子', reading: 'たなか はなこ', phones: ['090-1234-5678'], tags: ['常連'], about: 'Memo for the card only' }),
      undefined,
      {},
    );
    const dog = await addTalkAbout(id, 'The dog, Pochi', {});
    await retireTalkAbout(id, dog, {});
    await addTalkAbout(id, 'Looking for a Kutani teacup', {});
    const { user } = await renderApp('/');

    await user.type(await screen.findByRole('searchbox', { name: 'Search customers' }), 'tanaka');
    const results = await screen.findByRole('list', { name: 'Search results' });
    const row = await within(results).findByRole('link', { name: /^田中 花子/ });
    expect(row).toHaveTextContent('090-1234-5678');
    expect(row).toHaveTextContent('Looking for a Kutani teacup');
    expect(row).toHaveTextContent('常連');
    // A retired prompt and the memo stay on the card.
    expect(row).not.toHaveTextContent('Pochi');
    expect(row).not.toHaveTextContent('Memo');
  });

  it('shows the next keystroke’s matches in the rows already on screen, each naming and opening its own card', async () => {
    await createCustomer(customerInput({ name: '田中 花子', reading: 'たなか はなこ', phones: [], tags: ['常連'] }), undefined, {});
    await createCustomer(customerInput({ name: '田村 次郎', reading: 'たむら じろう', phones: [], tags: [] }), undefined, {});
    await createCustomer(customerInput({ name: '高橋 三郎', reading: 'たかはし さぶろう', phones: [], tags: ['紹介'] }), undefined, {});
    const { user } = await renderApp('/');
    const search = await screen.findByRole('searchbox', { name: 'Search customers' });

    await user.type(search, 'tana');
    const results = await screen.findByRole('list', { name: 'Search results' });
    await within(results).findByRole('link', { name: /^田中 花子/ });
    const [rowBefore, ...others] = within(results).getAllByRole('listitem');
    expect(others).toEqual([]);

    // tana → ta (all three match) → tamu: another card in the first row.
    await user.keyboard('{Backspace}{Backspace}mu');
    await within(results).findByRole('link', { name: /^田村 次郎/ });
    await waitFor(() => expect(within(results).getAllByRole('listitem')).toHaveLength(1));
    const [row] = within(results).getAllByRole('listitem');
    // The same row in the page, now showing the one card that matches: its name, tags and link.
    expect(row).toBe(rowBefore);
    const link = within(row!).getByRole('link', { name: /^田村 次郎/ });
    expect(link).not.toHaveTextContent('常連');
    expect(link).not.toHaveTextContent('紹介');
    await user.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: '田村 次郎' })).toBeInTheDocument();
  });

  it('lists everyone in 50音 order of their reading', async () => {
    for (const [name, reading] of [
      ['渡辺', 'わたなべ'],
      ['安藤', 'あんどう'],
      ['加藤', 'かとう'],
    ] as const) {
      await createCustomer(customerInput({ name, reading, phones: [] }), undefined, {});
    }
    const { user } = await renderApp('/');
    await user.click(await screen.findByRole('button', { name: /By reading/ }));
    const list = await screen.findByRole('list', { name: 'All customers by reading' });
    await within(list).findByText('渡辺');
    expect(within(list).getAllByRole('link').map((a) => a.querySelector('.result__name')?.textContent)).toEqual([
      '安藤',
      '加藤',
      '渡辺',
    ]);
  });
});
