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
import { readConnection } from '../../db/sync-state';
import { formatHlc } from '../../sync/hlc';
import { changeId } from '../../sync/merge';
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

  it('a change this device cannot apply is set aside and shown, with why, while the others arrive', async () => {
    const { user } = await renderApp('/settings');
    const section = await screen.findByRole('region', { name: 'Sync' });
    await user.click(within(section).getByRole('button', { name: 'Start sync' }));
    await waitFor(() => expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Synced'), { timeout: 5_000 });

    // Another device of the shop pushes a good card and a visit whose time is not a time.
    const owner = await service.authenticate((await readConnection(db))!.token);
    const other = await service.pair((await service.createPairingCode(owner)).code, 'Old phone');
    const hlc = (n: number) => formatHlc({ millis: Date.now(), counter: n, node: 'eeeeeeeeeeeeeeee' });
    const at = Date.now();
    await service.push(await service.authenticate(other.token), [
      { id: changeId(hlc(1), 'visits', 'v1'), table: 'visits', row: 'v1', hlc: hlc(1), payload: { set: { customerId: 'c1', at: 'yesterday', kind: 'purchase', note: '' } } },
      {
        id: changeId(hlc(2), 'customers', 'c1'),
        table: 'customers',
        row: 'c1',
        hlc: hlc(2),
        payload: { set: { name: '渡辺 美咲', reading: 'わたなべ みさき', phones: [], email: '', handles: [], address: '', tags: [], about: '', createdAt: at, updatedAt: at } },
      },
    ]);
    await user.click(within(section).getByRole('button', { name: 'Sync now' }));

    const setAside = await within(section).findByRole('region', { name: 'Changes set aside' }, { timeout: 5_000 });
    expect(setAside).toHaveTextContent('1 change could not be applied on this device and was set aside. Everything else kept syncing.');
    expect(setAside).toHaveTextContent('They hold values this app cannot accept');
    expect(within(setAside).getByRole('list', { name: 'Latest set aside' })).toHaveTextContent(/Timeline entry · .+ · values not accepted · fields: at/);
    expect((await db.customers.get('c1'))?.name).toBe('渡辺 美咲');

    // Trying again changes nothing for a change that is simply wrong: it stays, and says so.
    await user.click(within(setAside).getByRole('button', { name: 'Try again' }));
    expect(await within(setAside).findByText('0 changes applied.')).toBeInTheDocument();
    expect(await db.syncSetAside.count()).toBe(1);
  }, 20_000);
});
