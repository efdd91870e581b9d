import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { consentGrant, customerInput } from '../../../test/support/factories';
import { renderApp } from '../../../test/support/render';
import { createCustomer } from '../../db/customers/customers';
import { recordVisit } from '../../db/visits/visits';

function namesInList() {
  return within(screen.getByRole('table'))
    .getAllByRole('link')
    .map((a) => a.textContent);
}

describe('lists for birthdays and postcards', () => {
  it('filters by birthday month, tag, channel agreed to and stage, then prints', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    const wata = await createCustomer(
      customerInput({
        name: '渡辺',
        reading: 'わたなべ',
        tags: ['茶道'],
        birthday: '--05-02',
        address: '京都市下京区 4-5',
      }),
      consentGrant({ channels: ['post'] }),
      {},
    );
    await createCustomer(
      customerInput({ name: '安藤', reading: 'あんどう', tags: ['茶道'], birthday: '1970-05-30' }),
      consentGrant({ channels: ['mail'] }),
      {},
    );
    await createCustomer(
      customerInput({ name: '加藤', reading: 'かとう', tags: ['着物'], birthday: '--06-01' }),
      undefined,
      {},
    );
    for (const n of [30, 20, 10])
      await recordVisit(wata, { at: Date.now() - n * 86_400_000, kind: 'purchase', note: '' }, {});

    const { user } = await renderApp('/');
    await user.click(await screen.findByRole('link', { name: 'Lists and birthdays' }));
    await screen.findByRole('heading', { level: 1, name: 'Lists and birthdays' });
    await waitFor(() => expect(namesInList()).toEqual(['安藤', '加藤', '渡辺']));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Birthday month' }), 'May');
    await waitFor(() => expect(namesInList()).toEqual(['安藤', '渡辺']));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Agreed to' }), 'Letters (post)');
    await waitFor(() => expect(namesInList()).toEqual(['渡辺']));
    expect(screen.getByRole('table')).toHaveTextContent('京都市下京区 4-5');
    expect(screen.getByRole('table')).toHaveTextContent('May 2');

    await user.click(screen.getByRole('button', { name: 'Print list' }));
    expect(print).toHaveBeenCalledOnce();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Agreed to' }), 'Any');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Birthday month' }), 'Any');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Stage' }), 'Regular');
    await waitFor(() => expect(namesInList()).toEqual(['渡辺']));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Stage' }), 'No visits yet');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Tag' }), '茶道');
    await waitFor(() => expect(namesInList()).toEqual(['安藤']));
  });

  it('says so when nobody matches, and offers nothing to print', async () => {
    await createCustomer(customerInput({ name: '加藤', birthday: '--06-01' }), undefined, {});
    const { user } = await renderApp('/lists');
    await user.selectOptions(
      await screen.findByRole('combobox', { name: 'Birthday month' }),
      'January',
    );
    expect(await screen.findByText('Nobody matches these filters.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Print list' })).toBeDisabled();
  });
});
