/**
 * The owner starts a long import in Settings, then a customer walks in: the import goes on while
 * the counter is served, every screen says how far it is, and how it ended (the lines not
 * imported, or why it stopped) waits on screen until someone has read it.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtureBytes } from '../../test/support/fixture-files';
import { renderApp } from '../../test/support/render';
import { db } from '../db/db';
import { StorageError } from '../db/errors';
import type { ImportProgress } from '../db/import/import';

/** The import says how far it is (3 of 8 rows), then waits here until the test lets it run to its end (or fail). */
const gate = vi.hoisted(() => ({
  release: undefined as undefined | ((failure?: unknown) => void),
}));

vi.mock('../db/import/import', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../db/import/import')>();
  return {
    ...actual,
    importCustomers: async (file: File, options: never, onProgress: (p: ImportProgress) => void) => {
      const held = new Promise<void>((resolve, reject) => {
        gate.release = (failure) => (failure ? reject(failure) : resolve());
      });
      onProgress({ done: 3, total: 8 });
      await held;
      return actual.importCustomers(file, options, onProgress);
    },
  };
});

beforeEach(() => {
  gate.release = undefined;
});

async function startImportThenServe() {
  const { user } = await renderApp('/settings/import');
  await user.upload(
    await screen.findByLabelText('Import customers'),
    new File([fixtureBytes('spreadsheet-utf8-bom.csv') as BlobPart], 'sheet.csv', { type: 'text/csv' }),
  );
  await user.click(await screen.findByRole('button', { name: 'Import' }));
  await waitFor(() => expect(gate.release).toBeDefined());
  await user.click(screen.getByRole('link', { name: 'Customers' }));
  await screen.findByRole('searchbox', { name: 'Search customers' });
  return user;
}

describe('an import started in Settings, while the counter is served', () => {
  it('shows how far it is on every screen, and its outcome until the report is read', async () => {
    const user = await startImportThenServe();
    expect(await screen.findByText('Importing sheet.csv. You can go on at the counter while it runs.')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Importing' })).toHaveAttribute('aria-valuenow', '38');
    expect(screen.getByText('3 of 8 rows')).toBeInTheDocument();

    gate.release!();
    const notice = (await screen.findByText(/sheet\.csv: imported 2 customers\./)).closest('[role="status"]') as HTMLElement;
    expect(notice).toHaveTextContent('3 lines were not imported.');
    expect(screen.queryByRole('progressbar', { name: 'Importing' })).not.toBeInTheDocument();
    expect(await db.customers.count()).toBe(2);

    // The full report, line by line, is one tap away; once read, the notice is gone.
    await user.click(within(notice).getByRole('link', { name: 'See the import report' }));
    const report = (await screen.findByText(/Imported 2 customers/)).closest('[role="status"]') as HTMLElement;
    expect(report).toHaveTextContent('line 4: Hana Tanaka — Email: Enter a valid email address');
    expect(screen.queryByRole('link', { name: 'See the import report' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Customers' }));
    await screen.findByRole('searchbox', { name: 'Search customers' });
    expect(screen.queryByText(/sheet\.csv: imported/)).not.toBeInTheDocument();
  });

  it('says on any screen that it stopped, why, and that what it wrote is kept; dismissed, it goes', async () => {
    const user = await startImportThenServe();
    gate.release!(new StorageError('quota'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The import of sheet.csv stopped: the device’s storage is full.');
    expect(alert).toHaveTextContent('The customers imported until then are kept.');

    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/The import of sheet\.csv stopped/)).not.toBeInTheDocument();
  });

  it('asks before the tab is closed or reloaded mid-import, and not once it has ended', async () => {
    await startImportThenServe();
    const closing = () => {
      const event = new Event('beforeunload', { cancelable: true });
      dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(closing()).toBe(true);
    gate.release!();
    await screen.findByText(/sheet\.csv: imported 2 customers\./);
    expect(closing()).toBe(false);
  });
});
