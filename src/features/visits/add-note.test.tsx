import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/support/render';
import { customerInput } from '../../../test/support/factories';
import { createCustomer } from '../../db/customers/customers';
import { timelineOf } from '../../db/queries';
import { recordVisit } from '../../db/visits/visits';

async function hanako() {
  return createCustomer(customerInput({ name: '田中 花子', reading: 'たなか はなこ' }), undefined, {});
}

describe("a customer's timeline", () => {
  it('staff adds a note from the card in two taps plus typing', async () => {
    const id = await hanako();
    const { user } = await renderApp(`/customers/${id}`);
    await user.click(await screen.findByRole('button', { name: 'Add note' }));
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'Bought an Imari dish');
    await user.type(screen.getByRole('textbox', { name: 'Amount' }), '3,800');
    await user.click(screen.getByRole('button', { name: 'Save note' }));

    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    expect(await within(timeline).findByText('Bought an Imari dish')).toBeInTheDocument();
    expect(within(timeline).getByText('¥3,800')).toBeInTheDocument();
    expect(within(timeline).getByText('by Owner')).toBeInTheDocument();
    const [visit] = await timelineOf(id);
    expect(visit).toMatchObject({ kind: 'purchase', amount: 3800, note: 'Bought an Imari dish' });
    expect(Math.abs(visit!.at - Date.now())).toBeLessThan(60_000);
  });

  it('copies an old entry from the paper ledger with a past date, kind and a quick-note chip', async () => {
    const id = await hanako();
    const { user } = await renderApp(`/customers/${id}`);
    await user.click(await screen.findByRole('button', { name: 'Add note' }));
    await user.click(screen.getByRole('button', { name: 'Add “Looking for:”' }));
    await user.type(screen.getByRole('textbox', { name: 'Note' }), ' an Arita vase');
    // A date picker sets the whole value at once.
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2024-03-05T14:30' } });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Appraisal');
    await user.click(screen.getByRole('button', { name: 'Save note' }));

    await screen.findByText('Looking for: an Arita vase', { selector: 'p' });
    const [visit] = await timelineOf(id);
    expect(visit).toMatchObject({ kind: 'appraisal', note: 'Looking for: an Arita vase', amount: undefined });
    expect(new Date(visit!.at).getFullYear()).toBe(2024);
    expect(new Date(visit!.at).getMonth()).toBe(2);
  });

  it('shows entries newest first', async () => {
    const id = await hanako();
    await recordVisit(id, { at: Date.UTC(2025, 0, 1), kind: 'purchase', note: 'older' }, {});
    await recordVisit(id, { at: Date.UTC(2026, 0, 1), kind: 'consultation', note: 'newer' }, {});
    await renderApp(`/customers/${id}`);
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    await within(timeline).findByText('newer');
    const notes = within(timeline).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(notes[0]).toContain('newer');
    expect(notes[1]).toContain('older');
  });

  it("opens a regular's card with the newest entries and shows older ones on request", async () => {
    const id = await hanako();
    for (let i = 1; i <= 25; i++) {
      await recordVisit(id, { at: Date.UTC(2025, 0, i), kind: 'purchase', note: `visit ${i}` }, {});
    }
    const { user } = await renderApp(`/customers/${id}`);
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    await within(timeline).findByText('visit 25');
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(20);
    expect(within(timeline).queryByText('visit 5')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Show older entries' }));
    expect(await within(timeline).findByText('visit 1')).toBeInTheDocument();
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(25);
    expect(screen.queryByRole('button', { name: 'Show older entries' })).not.toBeInTheDocument();
  });

  it('refuses an amount that is not yen and keeps the note typed', async () => {
    const id = await hanako();
    const { user } = await renderApp(`/customers/${id}`);
    await user.click(await screen.findByRole('button', { name: 'Add note' }));
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'Paid partly');
    await user.type(screen.getByRole('textbox', { name: 'Amount' }), '12.5');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    expect(screen.getByRole('textbox', { name: 'Amount' })).toHaveAccessibleDescription(/whole yen/);
    expect(screen.getByRole('textbox', { name: 'Note' })).toHaveValue('Paid partly');
    expect(await timelineOf(id)).toEqual([]);
  });

  it('edits an entry, deletes it, and Undo restores it', async () => {
    const id = await hanako();
    await recordVisit(id, { at: Date.UTC(2026, 5, 1), kind: 'purchase', note: 'first note' }, {});
    const { user } = await renderApp(`/customers/${id}`);
    await user.click(await screen.findByRole('button', { name: 'Edit entry' }));
    const note = screen.getByRole('textbox', { name: 'Note' });
    await user.clear(note);
    await user.type(note, 'corrected note');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('corrected note', { selector: 'p' });

    await user.click(screen.getByRole('button', { name: 'Delete entry' }));
    await waitFor(() => expect(screen.queryByText('corrected note')).not.toBeInTheDocument());
    expect(await timelineOf(id)).toEqual([]);
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('corrected note', { selector: 'p' })).toBeInTheDocument();
  });
});
