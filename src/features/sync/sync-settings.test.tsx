/**
 * Settings → Sync as a person uses it, against the real sync routes and in-memory storage (fetch
 * is routed to the server app in-process).
 */
import { configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tmpdir } from 'node:os';
import { createApp } from '../../../server/app';
import { MemoryStorage } from '../../../server/sync/memory-storage';
import { SyncService } from '../../../server/sync/service';
import type { SyncLimits } from '../../../server/sync/limits';
import { renderApp } from '../../../test/support/render';
import { db } from '../../db/db';
import { createCustomer } from '../../db/customers/customers';
import { customerInput } from '../../../test/support/factories';
import { ensureFirstStaff, setStaffPin } from '../../db/staff/staff';
import { holdBack } from '../../db/sync/outbox';
import { readConnection, saveConnection } from '../../db/sync/state';
import { startCapturing } from '../../db/sync/snapshot';
import { i18n } from '../../i18n';
import { formatHlc } from '../../lib/sync/hlc';
import { changeId } from '../../lib/sync/merge';
import { syncLoop } from '../../sync/runtime';
import { countPending } from '../../db/sync/outbox';

// Settings loads lazily; on a busy two-core machine its first load can take more than ten seconds.
configure({ asyncUtilTimeout: 20_000 });

let service: SyncService;

function serve(limits: Partial<SyncLimits> = {}) {
  service = new SyncService(new MemoryStorage(), { limits });
  const app = createApp({ staticDir: tmpdir(), sync: service });
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => app.fetch(new Request(input, init)));
}

beforeEach(() => serve());

/** This device already syncs as the shop's owner device, and the owner's phone has joined. */
async function ownerTabletWithPhone() {
  const tablet = await service.createShop('Counter tablet');
  const phone = await service.pair((await service.createPairingCode(await service.authenticate(tablet.token))).code, 'Phone');
  await saveConnection(db, {
    serverUrl: location.origin,
    shopId: tablet.shopId,
    deviceId: tablet.deviceId,
    deviceName: 'Counter tablet',
    token: tablet.token,
    owner: true,
  });
  await startCapturing(db);
  return { tablet, phone };
}

async function ownerWithPin(pin: string) {
  await i18n.changeLanguage('en');
  await ensureFirstStaff('Owner');
  const owner = (await db.staff.toArray())[0]!;
  await setStaffPin(owner.id, pin, { staffId: owner.id });
}

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
    expect(await countPending(db)).toBe(0);
    expect(within(section).queryByRole('button', { name: 'Start sync' })).not.toBeInTheDocument();
    expect(await within(section).findByText(/this device · owner/)).toBeInTheDocument();
  }, 40_000);

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
    expect(await countPending(db)).toBeGreaterThan(0);
  }, 15_000);

  it('the owner hands the owner role to the phone with the owner PIN; the tablet then is an ordinary device', async () => {
    await ownerWithPin('1357');
    const { tablet, phone } = await ownerTabletWithPhone();
    const { user } = await renderApp('/settings');
    await user.type(await screen.findByLabelText('PIN'), '1357');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));

    const section = await screen.findByRole('region', { name: 'Sync' });
    const devices = await within(section).findByRole('region', { name: 'Devices' });
    await within(devices).findByText('Phone');
    // The owner device is never offered "Revoke" (the server would refuse it).
    expect(within(devices).queryByRole('button', { name: 'Revoke Counter tablet' })).not.toBeInTheDocument();
    expect(within(devices).getByRole('button', { name: 'Revoke Phone' })).toBeInTheDocument();

    await user.click(within(devices).getByRole('button', { name: 'Make Phone the owner device' }));
    const dialog = await screen.findByRole('dialog', { name: 'Make Phone the owner device?' });
    await user.type(await within(dialog).findByLabelText('PIN'), '2468');
    await user.click(within(dialog).getByRole('button', { name: 'Hand over' }));
    expect(await within(dialog).findByText('That PIN is not right. Try again.')).toBeInTheDocument();
    expect((await service.whoAmI(await service.authenticate(tablet.token))).owner).toBe(true);

    await user.type(within(dialog).getByLabelText('PIN'), '1357');
    await user.click(within(dialog).getByRole('button', { name: 'Hand over' }));
    expect(await screen.findByText('Phone is now the owner device')).toBeInTheDocument();
    expect((await service.whoAmI(await service.authenticate(phone.token))).owner).toBe(true);
    expect((await service.whoAmI(await service.authenticate(tablet.token))).owner).toBe(false);
    await waitFor(() => expect(within(section).queryByRole('region', { name: 'Devices' })).not.toBeInTheDocument());
    expect((await readConnection(db))?.owner).toBe(false);
    expect(within(section).queryByRole('button', { name: 'Add a device' })).not.toBeInTheDocument();
  }, 30_000);

  it('a shop without PINs hands over the owner role with a tap, as it does every owner-only step', async () => {
    const { tablet, phone } = await ownerTabletWithPhone();
    const { user } = await renderApp('/settings');
    const section = await screen.findByRole('region', { name: 'Sync' });
    await user.click(await within(section).findByRole('button', { name: 'Make Phone the owner device' }));
    let dialog = await screen.findByRole('dialog', { name: 'Make Phone the owner device?' });
    expect(within(dialog).queryByLabelText('PIN')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect((await service.whoAmI(await service.authenticate(tablet.token))).owner).toBe(true);

    await user.click(within(section).getByRole('button', { name: 'Make Phone the owner device' }));
    dialog = await screen.findByRole('dialog', { name: 'Make Phone the owner device?' });
    await user.click(within(dialog).getByRole('button', { name: 'Hand over' }));
    expect(await screen.findByText('Phone is now the owner device')).toBeInTheDocument();
    expect((await service.whoAmI(await service.authenticate(phone.token))).owner).toBe(true);
    expect((await readConnection(db))?.owner).toBe(false);
  });

  it('a device whose owner role was handed over elsewhere stops showing the owner’s tools when Settings opens', async () => {
    const { tablet, phone } = await ownerTabletWithPhone();
    await service.handOver(await service.authenticate(tablet.token), phone.deviceId);
    await renderApp('/settings');
    const section = await screen.findByRole('region', { name: 'Sync' });
    await waitFor(() => expect(within(section).queryByRole('button', { name: 'Add a device' })).not.toBeInTheDocument());
    expect((await readConnection(db))?.owner).toBe(false);
  });

  it('when the shop’s storage on the server is full, Settings → Sync says so and every change stays on the device', async () => {
    serve({ shopQuotaBytes: 500 });
    const { user } = await renderApp('/settings');
    const section = await screen.findByRole('region', { name: 'Sync' });
    await user.click(within(section).getByRole('button', { name: 'Start sync' }));
    expect(await within(section).findByText(/this shop has reached its storage limit there/, {}, { timeout: 10_000 })).toHaveAttribute('role', 'alert');
    expect(await screen.findByText(/The shop’s storage on the sync server is full/)).toBeInTheDocument();
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toContainEqual(expect.stringMatching(/^Not synced — \d+ changes waiting$/));
    expect(await countPending(db)).toBeGreaterThan(0);
  }, 15_000);

  it('changes set aside for a wrong clock are counted in Settings → Sync with what to check', async () => {
    await ownerTabletWithPhone();
    const change = { id: 'c', table: 'customers', row: 'r', hlc: '002000000000000-0000-0000000000000001', set: { name: '未来' } };
    await db.outbox.add({ change });
    await holdBack(db, [{ seq: (await db.outbox.toCollection().last())!.seq!, change }], Date.now() + 3_600_000);
    await renderApp('/settings');
    const section = await screen.findByRole('region', { name: 'Sync' });
    expect(await within(section).findByText(/1 change made on this device is held back/)).toHaveTextContent('Check this device’s date and time.');
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
