/**
 * Settings → Sync as a person uses it, against the real sync routes and in-memory storage (fetch
 * is routed to the server app in-process).
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tmpdir } from 'node:os';
import { createApp } from '../../../server/app';
import { MemoryStorage } from '../../../server/sync/memory-storage';
import { SyncService } from '../../../server/sync/service';
import { renderApp } from '../../../test/support/render';
import { db } from '../../db/db';
import { createCustomer } from '../../db/customers';
import { customerInput } from '../../../test/support/factories';
import { syncLoop } from '../../sync/runtime';

let service: SyncService;

beforeEach(() => {
  service = new SyncService(new MemoryStorage());
  const app = createApp({ staticDir: tmpdir(), sync: service });
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => app.fetch(new Request(input, init)));
});

afterEach(() => {
  syncLoop.stop();
  vi.unstubAllGlobals();
});

describe('sync in Settings', () => {
  it('the first device starts sync, shows a pairing code and says it is synced', async () => {
    const { user } = await renderApp('/settings');
    const section = await screen.findByRole('region', { name: 'Sync' });
    expect(within(section).getByRole('textbox', { name: 'Server address' })).toHaveValue(location.origin);
    expect(within(section).getByRole('textbox', { name: 'Enter pairing code' })).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Start sync' }));

    const code = await screen.findByLabelText('Pairing code');
    expect(code.tagName).toBe('OUTPUT');
    expect(code).toHaveTextContent(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await screen.findByRole('img', { name: /QR code/ })).toHaveAttribute('src', expect.stringMatching(/^data:image\/svg\+xml/));
    await waitFor(() => expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Synced'), { timeout: 5_000 });
    // The ledger went to the server (staff and settings at least), and nothing waits.
    expect(await db.outbox.count()).toBe(0);
    expect(within(section).queryByRole('button', { name: 'Start sync' })).not.toBeInTheDocument();
    expect(await within(section).findByText(/this device · owner/)).toBeInTheDocument();
  }, 15_000);

  it('a wrong pairing code is explained with what to do, and the device stays as it was', async () => {
    const { user } = await renderApp('/settings');
    const section = await screen.findByRole('region', { name: 'Sync' });
    await user.type(within(section).getByRole('textbox', { name: 'Enter pairing code' }), 'ABCD-EFGH');
    await user.click(within(section).getByRole('button', { name: 'Join shop' }));
    expect(await within(section).findByRole('alert')).toHaveTextContent('That pairing code is not known. Check the code on the owner device');
    expect(within(section).getByRole('button', { name: 'Join shop' })).toBeInTheDocument();
    expect(await db.syncState.get('connection')).toBeUndefined();
  });

  it('a device that never syncs shows no sync status at all', async () => {
    await renderApp('/');
    await screen.findByRole('searchbox', { name: 'Search customers' });
    expect(screen.queryByText('Synced')).not.toBeInTheDocument();
  });

  it('a tablet on the shop’s Wi-Fi whose server stopped says it can’t reach the server, and keeps the change', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
    const { user } = await renderApp('/settings');
    const section = await screen.findByRole('region', { name: 'Sync' });
    await user.click(within(section).getByRole('button', { name: 'Start sync' }));
    await waitFor(() => expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Synced'), { timeout: 5_000 });

    // The server process stops: requests fail at the network level, the browser still says online.
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await createCustomer(customerInput({ name: '田中 花子' }), undefined, {});
    await waitFor(
      () => expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain("Can't reach the sync server — 1 change waiting"),
      { timeout: 5_000 },
    );
    expect(screen.getByRole('alert')).toHaveTextContent('cannot be reached');
    expect(await db.outbox.count()).toBeGreaterThan(0);
  }, 15_000);
});
