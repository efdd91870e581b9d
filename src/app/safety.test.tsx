import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { consentGrant, customerInput } from '../../test/support/factories';
import { fixtureBytes } from '../../test/support/fixture-files';
import { renderApp } from '../../test/support/render';
import { exportBackup } from '../db/backup/backup';
import { createCustomer } from '../db/customers/customers';
import { db } from '../db/db';
import { addReminder } from '../db/follow-ups/follow-ups';
import { canContact } from '../db/privacy/personal-data';
import { findCustomers } from '../db/queries';
import { addStaff, ensureFirstStaff, setStaffPin } from '../db/staff/staff';
import { startCapturing } from '../db/sync/snapshot';
import { chooseLanguage, i18n } from '../i18n';
import { outboxChanges } from '../db/sync/outbox';

const downloads: string[] = [];

beforeEach(() => {
  downloads.length = 0;
  // jsdom has no object URLs; a download is recorded by its file name instead.
  URL.createObjectURL = vi.fn(() => 'blob:test');
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push(this.download);
  });
});

async function ownerAndStaff() {
  await i18n.changeLanguage('en');
  await ensureFirstStaff('Owner');
  const owner = (await db.staff.toArray())[0]!;
  const staffId = await addStaff('Sasaki', 'staff', { staffId: owner.id });
  return { owner: { staffId: owner.id }, staff: { staffId } };
}

function file(name: string, bytes: Uint8Array | string, type = 'text/csv') {
  return new File([bytes as BlobPart], name, { type });
}

describe('moving customers in', () => {
  it('the owner imports Excel’s Shift_JIS CSV and finds the customers by search', async () => {
    const { user } = await renderApp('/settings');
    await user.upload(await screen.findByLabelText('Import customers'), file('pos.csv', fixtureBytes('pos-export-shift-jis.csv')));
    expect(await screen.findByText('CSV file, SHIFT_JIS')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Column 1: 氏名' })).toHaveValue('name');
    expect(screen.getByRole('table', { name: 'First rows' })).toHaveTextContent('山田 太郎');

    await user.click(screen.getByRole('button', { name: 'Import', exact: true } as never));
    const status = await screen.findByText(/Imported 4 customers/);
    expect(status.closest('[role="status"]')).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Customers' }));
    await user.type(await screen.findByRole('searchbox', { name: 'Search customers' }), 'yamada');
    expect(await screen.findByRole('link', { name: /^山田 太郎/ })).toBeInTheDocument();
  });

  it('reports bad rows by line and imports the rest, and a second import adds nobody', async () => {
    const { user } = await renderApp('/settings');
    const input = await screen.findByLabelText('Import customers');
    await user.upload(input, file('sheet.csv', fixtureBytes('spreadsheet-utf8-bom.csv')));
    await user.click(await screen.findByRole('button', { name: 'Import' }));
    const region = (await screen.findByText(/Imported 2 customers/)).closest('[role="status"]') as HTMLElement;
    expect(region).toHaveTextContent('line 4: Hana Tanaka — Email: Enter a valid email address');
    expect(region).toHaveTextContent('line 5: (no name) — Name: Enter a name');
    expect(region).toHaveTextContent('line 8: Ken Watanabe — Birthday: Enter a valid date');

    await user.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(region).toHaveTextContent('Imported 0 customers. 2 were already in the ledger.'));
    expect(await db.customers.count()).toBe(2);
  });
});

describe('backups', () => {
  it('one tap saves the whole ledger as a file and remembers when', async () => {
    const { user } = await renderApp('/settings');
    expect(await screen.findByText('Last backup: never')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Export backup' }));
    await waitFor(() => expect(downloads).toEqual([expect.stringMatching(/^daifuku-backup-\d{4}-\d{2}-\d{2}\.json$/)]));
    expect(await screen.findByText(/^Last backup: /)).not.toHaveTextContent('never');
  });

  it('restore shows what the file holds, then merges it in with nothing lost', async () => {
    const { owner } = await ownerAndStaff();
    await createCustomer(customerInput({ name: '田中 花子' }), undefined, owner);
    const backup = await exportBackup(owner);
    await db.customers.clear();

    const { user } = await renderApp('/settings');
    await user.upload(await screen.findByLabelText('Restore backup'), file('backup.json', await backup.blob.text(), 'application/json'));
    expect(await screen.findByText(/1 customers, 0 visits/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText(/^Restored:/)).toBeInTheDocument();
    expect((await findCustomers('tanaka')).map((m) => m.customer.name)).toEqual(['田中 花子']);
  });

  it('asks for the passphrase of an encrypted backup and says when it is wrong', async () => {
    const { owner } = await ownerAndStaff();
    const backup = await exportBackup(owner, { passphrase: 'sakura' });
    const { user } = await renderApp('/settings');
    await user.upload(await screen.findByLabelText('Restore backup'), file('backup.json', await backup.blob.text(), 'application/json'));
    expect(await screen.findByText(/This backup is encrypted/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Passphrase of this backup'), 'ume');
    await user.click(screen.getByRole('button', { name: 'Open the backup' }));
    expect(await screen.findByText(/passphrase is not right/)).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Passphrase of this backup'));
    await user.type(screen.getByLabelText('Passphrase of this backup'), 'sakura');
    await user.click(screen.getByRole('button', { name: 'Open the backup' }));
    expect(await screen.findByText(/^Backup from /)).toBeInTheDocument();
  }, 20_000);

  it('on a tablet that syncs, “replace” says what it will do on the other devices before writing, and what it deleted can be brought back', async () => {
    const { owner } = await ownerAndStaff();
    await createCustomer(customerInput({ name: '田中 花子' }), undefined, owner);
    await startCapturing(db);
    const backup = await exportBackup(owner);
    await createCustomer(customerInput({ name: '佐藤 一郎', reading: 'さとう いちろう', phones: [] }), undefined, owner);

    const { user } = await renderApp('/settings');
    await user.upload(await screen.findByLabelText('Restore backup'), file('backup.json', await backup.blob.text(), 'application/json'));
    expect(await screen.findByText(/1 customers, 0 visits/)).toBeInTheDocument();
    expect(await screen.findByRole('note')).toHaveTextContent('Nothing is deleted on any device.');
    await user.click(screen.getByRole('radio', { name: /^Replace/ }));
    expect(screen.getByRole('note')).toHaveTextContent('Replacing changes the ledger on every device');
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    const dialog = await screen.findByRole('dialog', { name: 'Replace the whole ledger?' });
    expect(dialog).toHaveTextContent('Entries made since the backup, marked deleted on every device: 1 (customers among them: 1).');
    expect(dialog).toHaveTextContent('Nothing is erased for good');
    // Nothing has been written while the owner reads it.
    expect((await findCustomers('satou')).map((m) => m.customer.name)).toEqual(['佐藤 一郎']);
    expect((await outboxChanges(db)).some((c) => c.set?.deletedAt)).toBe(false);

    await user.click(within(dialog).getByRole('button', { name: 'Replace everything' }));
    expect(await screen.findByText(/^Restored: .* 1 marked deleted on every device\.$/)).toBeInTheDocument();
    expect(await findCustomers('satou')).toEqual([]);
    expect((await outboxChanges(db)).filter((c) => c.purge)).toEqual([]);

    await user.click(await screen.findByRole('button', { name: 'Bring back what the restore deleted' }));
    expect(await screen.findByText('Brought back on every device: 1.')).toBeInTheDocument();
    expect((await findCustomers('satou')).map((m) => m.customer.name)).toEqual(['佐藤 一郎']);
  });

  it('says the same in Japanese, and a merge on a syncing tablet asks first too', async () => {
    const { owner } = await ownerAndStaff();
    await createCustomer(customerInput({ name: '田中 花子' }), undefined, owner);
    const backup = await exportBackup(owner);
    // A tablet that lost its cards before it started syncing.
    await db.customers.clear();
    await startCapturing(db);
    const { user } = await renderApp('/settings');
    await act(() => chooseLanguage('ja'));
    await user.upload(await screen.findByLabelText('バックアップから復元'), file('backup.json', await backup.blob.text(), 'application/json'));
    expect(await screen.findByRole('note')).toHaveTextContent('どの端末でも何も削除されません');
    await user.click(screen.getByRole('button', { name: '復元する' }));
    const dialog = await screen.findByRole('dialog', { name: 'バックアップをお店の台帳に統合しますか？' });
    expect(dialog).toHaveTextContent('台帳にない 1 件');
    await user.click(within(dialog).getByRole('button', { name: 'キャンセル' }));
    expect(await db.customers.count()).toBe(0);
    await user.click(screen.getByRole('radio', { name: /^置き換え/ }));
    await user.click(screen.getByRole('button', { name: '復元する' }));
    expect(await screen.findByRole('dialog', { name: '台帳をすべて置き換えますか？' })).toHaveTextContent('すべての端末で削除済みになり');
  });

  it('names what else the backup holds, and says which line of a damaged file is wrong', async () => {
    const { owner } = await ownerAndStaff();
    const id = await createCustomer(customerInput({ name: '田中 花子' }), undefined, owner);
    await addReminder(id, 'Call when the vase comes in', Date.now() + 86_400_000, owner);
    const text = await (await exportBackup(owner)).blob.text();
    const { user } = await renderApp('/settings');
    const input = await screen.findByLabelText('Restore backup');
    await user.upload(input, file('backup.json', text, 'application/json'));
    expect(await screen.findByText(/^Also in it: .*1 follow-up\b/)).toBeInTheDocument();

    const lines = text.split('\n');
    lines[3] = '{"id": "torn';
    await user.upload(input, file('torn.json', lines.join('\n'), 'application/json'));
    expect(await screen.findByText('This backup file is damaged at line 4, so nothing was restored. Try another copy of the backup.')).toBeInTheDocument();
    expect(screen.queryByText(/^Backup from /)).not.toBeInTheDocument();
  });

  it('reminds on the home screen when the ledger has not been backed up for a week', async () => {
    await aLedgerNeverBackedUpForTenDays();
    await renderApp('/');
    expect(await screen.findByText(/never been backed up/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back up now' })).toHaveAttribute('href', '/settings/backup');
  });

  it('is there from the first frame of the next start, so the search box does not jump down under a finger', async () => {
    await aLedgerNeverBackedUpForTenDays();
    await renderApp('/');
    expect(await screen.findByText(/never been backed up/)).toBeInTheDocument();

    cleanup();
    const withFirstLayout = shownWithTheLayout(() => screen.queryByText(/never been backed up/) !== null);
    await renderApp('/');
    expect(await withFirstLayout).toBe(true);

    // What the device kept is only a hint: the ledger decides once read, and nonsense is ignored.
    cleanup();
    await db.meta.put({ key: 'lastBackupAt', value: Date.now() });
    localStorage.setItem('daifuku.backupFacts', '{"hasCustomers": "yes"');
    await renderApp('/');
    expect(screen.queryByText(/never been backed up/)).not.toBeInTheDocument();
    expect(await screen.findByRole('searchbox', { name: 'Search customers' })).toBeInTheDocument();
    await waitFor(() => expect(localStorage.getItem('daifuku.backupFacts')).toContain('"lastBackupAt"'));
    expect(screen.queryByText(/backed up/)).not.toBeInTheDocument();
  });
});

/** A ledger begun ten days ago, with a customer, and never backed up. */
async function aLedgerNeverBackedUpForTenDays(): Promise<void> {
  await ensureFirstStaff('Owner');
  const owner = (await db.staff.toArray())[0]!;
  await db.staff.update(owner.id, { createdAt: Date.now() - 10 * 24 * 60 * 60 * 1000 });
  await createCustomer(customerInput(), undefined, { staffId: owner.id });
}

/** Whether `shown()` held when the layout (its navigation) first came into the page. */
function shownWithTheLayout(shown: () => boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('nav')) return;
      observer.disconnect();
      resolve(shown());
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

describe('roles and PINs', () => {
  it('a fresh ledger asks for no PIN and the owner reaches Settings', async () => {
    await renderApp('/settings');
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
  });

  it('staff cannot open Settings by typing its address', async () => {
    const { staff } = await ownerAndStaff();
    localStorage.setItem('daifuku.counterStaffId', staff.staffId);
    await renderApp('/settings');
    expect(await screen.findByRole('heading', { name: 'For owners only' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Export backup' })).not.toBeInTheDocument();
  });

  it('once PINs are set the counter starts locked, and only the right PIN opens it', async () => {
    const { owner, staff } = await ownerAndStaff();
    await setStaffPin(owner.staffId, '1357', owner);
    await setStaffPin(staff.staffId, '2468', owner);
    const { user } = await renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Counter locked' })).toBeInTheDocument();
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument();

    await user.selectOptions(await screen.findByRole('combobox', { name: 'Staff member' }), 'Sasaki');
    await user.type(screen.getByLabelText('PIN'), '1357');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByText('That PIN is not right. Try again.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('PIN'), '2468');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('searchbox', { name: 'Search customers' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'At the counter' })).toHaveDisplayValue('Sasaki');

    // Staff at the counter, switching to the owner asks for the owner's PIN.
    await user.selectOptions(screen.getByRole('combobox', { name: 'At the counter' }), 'Owner');
    const dialog = await screen.findByRole('dialog', { name: 'PIN for Owner' });
    await user.type(await within(dialog).findByLabelText('PIN'), '1357');
    await user.click(within(dialog).getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'At the counter' })).toHaveDisplayValue('Owner'));

    await user.click(screen.getByRole('button', { name: 'Lock' }));
    expect(await screen.findByRole('heading', { name: 'Counter locked' })).toBeInTheDocument();
  }, 20_000);
});

describe('a customer’s personal data, from their card', () => {
  it('the owner exports everything held on a customer as a file and a printable page', async () => {
    const { owner } = await ownerAndStaff();
    const id = await createCustomer(customerInput({ about: 'Shiba dog called Pochi', memberNumber: 'M-00123' }), consentGrant(), owner);
    const { user } = await renderApp(`/customers/${id}`);
    await user.click(await screen.findByRole('button', { name: "Export this customer's data" }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Data held on 田中 花子' })).toBeInTheDocument();
    expect(screen.getByText('Shiba dog called Pochi')).toBeInTheDocument();
    // The number another system gave her is data held on her too.
    expect(screen.getByText('Member number').nextElementSibling).toHaveTextContent('M-00123');
    expect(downloads).toEqual([expect.stringMatching(/^daifuku-customer-.*\.json$/)]);
    expect((await db.audit.toArray()).map((a) => a.action)).toContain('customer-export');
  });

  it('the owner deletes a customer’s personal data after confirming', async () => {
    const { owner } = await ownerAndStaff();
    const id = await createCustomer(customerInput(), undefined, owner);
    const { user } = await renderApp(`/customers/${id}`);
    await user.click(await screen.findByRole('button', { name: 'Delete personal data' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete 田中 花子’s personal data?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete for good' }));
    expect(await screen.findByRole('searchbox', { name: 'Search customers' })).toBeInTheDocument();
    await waitFor(async () => expect((await db.customers.get(id))?.name).toBe(''));
  });

  it('staff at the counter see no export or deletion, but can stop all messages', async () => {
    const { owner, staff } = await ownerAndStaff();
    const id = await createCustomer(customerInput({ email: 'hana@example.jp' }), consentGrant({ channels: ['mail'] }), owner);
    localStorage.setItem('daifuku.counterStaffId', staff.staffId);
    const { user } = await renderApp(`/customers/${id}`);
    await screen.findByRole('heading', { level: 1, name: '田中 花子' });
    // The privacy panel is there (it mounts just after the card's first paint), without the owner's buttons.
    const stop = await screen.findByRole('button', { name: 'Stop all messages' });
    expect(screen.queryByRole('button', { name: "Export this customer's data" })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete personal data' })).not.toBeInTheDocument();
    await user.click(stop);
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Stop all messages' }));
    await waitFor(async () => expect(await canContact(id, 'mail')).toBe(false));
  });

  it('points out a likely duplicate and merges it into the card, with undo', async () => {
    const { owner } = await ownerAndStaff();
    const kept = await createCustomer(customerInput({ name: '田中 花子', phones: ['090-1234-5678'] }), undefined, owner);
    await createCustomer(customerInput({ name: '田中 はなこ', phones: ['090-1234-5678'], email: 'hana@example.jp' }), undefined, owner);
    const { user } = await renderApp(`/customers/${kept}`);
    await user.click(await screen.findByRole('button', { name: 'Merge 田中 はなこ into this card' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Merge' }));
    await waitFor(async () => expect((await db.customers.get(kept))?.email).toBe('hana@example.jp'));
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect((await db.customers.get(kept))?.email).toBe(''));
  });
});

describe('self-entry at the counter', () => {
  it('the customer types their own details and sees nobody else’s; staff take the tablet back', async () => {
    await createCustomer(customerInput({ name: '佐藤 一郎' }), undefined, {});
    const { user } = await renderApp('/capture');
    await user.click(await screen.findByRole('button', { name: 'Hand the tablet to the customer' }));
    expect(await screen.findByRole('heading', { level: 1, name: /^Welcome to/ })).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    expect(screen.queryByText(/佐藤/)).not.toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Jane Doe');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'jane@example.com');
    await user.click(screen.getByRole('checkbox', { name: 'Mail' }));
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByText(/Thank you!/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Staff: take the tablet back' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Jane Doe' })).toBeInTheDocument();
    const [jane] = await findCustomers('jane');
    expect(await canContact(jane!.customer.id, 'mail')).toBe(true);
    expect((await db.consents.toArray())[0]).toMatchObject({ method: 'self-entry' });
  });
});

describe('another window in the way of an upgrade', () => {
  it('says which window to close while this tab’s upgrade waits, and what was typed stays', async () => {
    const { user } = await renderApp('/customers/new');
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), '途中の名前');

    // An older app in another tab holds the database open at an older version and does not let go.
    db.close();
    const name = db.name;
    const older = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    older.onversionchange = null;
    db.version(db.verno + 1).stores({});
    const opening = db.open();
    expect(await screen.findByText('Daifuku is waiting for another window')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('途中の名前');

    older.close();
    await act(async () => {
      await opening;
    });
    await waitFor(() => expect(screen.queryByText('Daifuku is waiting for another window')).not.toBeInTheDocument());
  });
});
