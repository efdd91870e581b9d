/**
 * A "replace" restore on a counter tablet that syncs with the owner's phone, two real chromium
 * profiles against the real server: the card the phone made after the backup is marked deleted on
 * both devices, never erased; the audit log keeps every entry; the phone brings the card back.
 */
import type { Page } from 'playwright-core';
import { expect, onTestFinished, test } from 'vitest';
import { launchBrowser, notSee, PHONE, see } from './browser';
import { button, createCustomer, exportBackupFile } from './ledger';
import { startServer } from './server';
import { joinShop, openCard, openSettings, startSync, SYNC_WAIT, status } from './sync-steps';

/** A customer row as this device's IndexedDB holds it, with its field clocks (read without the app). */
async function storedCard(page: Page, name: string) {
  return page.evaluate(
    (wanted) =>
      new Promise<{ deletedAt?: number; purged: boolean } | undefined>((resolve, reject) => {
        const open = indexedDB.open('daifuku');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['customers', 'fieldClocks']);
          const cards = tx.objectStore('customers').getAll();
          cards.onsuccess = () => {
            const card = (cards.result as { id: string; name: string; deletedAt?: number }[]).find((c) => c.name === wanted);
            if (!card) {
              resolve(undefined);
              open.result.close();
              return;
            }
            const clocks = tx.objectStore('fieldClocks').get(`customers/${card.id}`);
            clocks.onsuccess = () => {
              const held = (clocks.result as { clocks: Record<string, string> } | undefined)?.clocks ?? {};
              resolve({ deletedAt: card.deletedAt, purged: '*purged' in held });
              open.result.close();
            };
          };
        };
      }),
    name,
  );
}

test('a replace-restore on the tablet marks the phone’s newer card deleted everywhere, keeps the audit log, and the phone brings the card back', async () => {
  const server = await startServer();
  onTestFinished(() => server.stop());
  const tablet = await launchBrowser({ baseURL: server.baseURL });
  const phone = await launchBrowser({ baseURL: server.baseURL, viewport: PHONE });

  await tablet.page.goto('/');
  await createCustomer(tablet.page, { name: '田中 花子', reading: 'たなか はなこ', phone: '090-1234-5678' });
  const code = await startSync(tablet.page);
  await joinShop(phone.page, code);
  const backup = await exportBackupFile(tablet.page);

  // After the backup, the phone takes a new customer and exports a backup of its own (audited).
  await phone.page.goto('/');
  await createCustomer(phone.page, { name: '佐藤 一郎', reading: 'さとう いちろう' });
  await exportBackupFile(phone.page);
  await see(status(phone.page, 'Synced'), SYNC_WAIT);
  await openCard(tablet.page, '佐藤 一郎', SYNC_WAIT);

  // The tablet restores "replace": the screen says what happens on the other devices first.
  await openSettings(tablet.page);
  await tablet.page.getByLabel('Restore backup', { exact: true }).setInputFiles(backup);
  await see(tablet.page.getByText(/1 customers, 0 visits/));
  await tablet.page.getByRole('radio', { name: /^Replace/ }).check();
  await see(tablet.page.getByRole('note').filter({ hasText: 'Replacing changes the ledger on every device' }));
  await button(tablet.page, 'Restore').click();
  const dialog = tablet.page.getByRole('dialog', { name: 'Replace the whole ledger?' });
  await see(dialog);
  expect(await dialog.innerText()).toMatch(/marked deleted on every device: \d+ \(customers among them: 1\)/);
  expect(await storedCard(tablet.page, '佐藤 一郎'), 'nothing written before the owner confirms').toEqual({ purged: false });
  await button(dialog, 'Replace everything').click();
  await see(tablet.page.getByText(/^Restored: .* marked deleted on every device\.$/));

  // On the phone the card leaves search, but it is a tombstone, not erased.
  await phone.page.reload();
  await see(status(phone.page, 'Synced'), SYNC_WAIT);
  await expect.poll(() => storedCard(phone.page, '佐藤 一郎'), { timeout: SYNC_WAIT }).toEqual({ deletedAt: expect.any(Number), purged: false });
  expect(await storedCard(tablet.page, '佐藤 一郎')).toEqual({ deletedAt: expect.any(Number), purged: false });
  await phone.page.getByRole('link', { name: 'Customers', exact: true }).click();
  await phone.page.getByRole('searchbox', { name: 'Search customers', exact: true }).fill('さとう');
  await notSee(phone.page.getByRole('link', { name: /^佐藤 一郎/ }));

  // Every audit entry is still there on the phone: its own export, and the tablet's restore.
  await openSettings(phone.page);
  await phone.page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: /^Audit log/ }).click();
  const audit = phone.page.getByRole('list', { name: 'Audit log', exact: true });
  await see(audit.getByText(/^Backup restored/).first(), SYNC_WAIT);
  expect((await audit.innerText()).match(/Backup exported/g)?.length).toBeGreaterThanOrEqual(2);
  await phone.page.getByRole('link', { name: '‹ All settings', exact: true }).click();

  // The phone brings the card back, and the tablet sees it again.
  const removed = phone.page.getByRole('region', { name: 'Deleted by a restore', exact: true });
  await see(removed);
  await button(removed, 'Bring back what the restore deleted').click();
  await see(removed.getByRole('status').filter({ hasText: 'Brought back on every device:' }));
  await openCard(phone.page, '佐藤 一郎');
  await openCard(tablet.page, '佐藤 一郎', SYNC_WAIT);
});
