import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot } from './server';
import type { Page } from 'playwright-core';
import { launchBrowser, see } from './browser';
import { button, cardHeading, createCustomer, exportBackupFile, recordBuyInWithPhoto, textbox } from './ledger';

const SHIFT_JIS_CSV = path.join(repoRoot, 'test', 'fixtures', 'pos-export-shift-jis.csv');

async function search(page: Page, query: string) {
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search customers', exact: true }).fill(query);
}

test('an owner imports Excel’s Shift_JIS CSV, backs up, and restores the ledger on a new tablet', async () => {
  const shop = await launchBrowser({ locale: 'en-US' });
  const { page } = shop;
  await page.goto('/settings');
  await page.getByLabel('Import customers', { exact: true }).setInputFiles(SHIFT_JIS_CSV);
  await see(page.getByText('CSV file, SHIFT_JIS'));
  await button(page, 'Import').click();
  const result = page.getByRole('status').filter({ hasText: 'Imported 4' });
  await see(result);
  // Read in the import's worker: the page says so when it had to read the file itself.
  expect(shop.consoleErrors.filter((error) => error.includes('import worker'))).toEqual([]);

  await search(page, 'yamada');
  await see(page.getByRole('link', { name: /^山田 太郎/ }));
  await search(page, '髙橋');
  await see(page.getByRole('link', { name: /^髙橋 美咲/ }));

  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Export backup').click()]);
  expect(download.suggestedFilename()).toMatch(/^daifuku-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const saved = path.join(await mkdtemp(path.join(os.tmpdir(), 'daifuku-backup-')), download.suggestedFilename());
  await download.saveAs(saved);
  await see(page.getByText(/^Last backup: /).filter({ hasNotText: 'never' }));

  // A new tablet: a fresh browser profile with an empty ledger.
  const tablet = await launchBrowser({ locale: 'en-US' });
  await tablet.page.goto('/');
  await see(tablet.page.getByText(/No customers yet/));
  await tablet.page.getByRole('link', { name: 'Settings', exact: true }).click();
  await tablet.page.getByLabel('Restore backup', { exact: true }).setInputFiles(saved);
  await see(tablet.page.getByText(/4 customers, 0 visits/));
  await button(tablet.page, 'Restore').click();
  await see(tablet.page.getByText(/^Restored:/));

  await search(tablet.page, 'satou');
  await see(tablet.page.getByRole('link', { name: /^佐藤 花子/ }));
  await tablet.page.getByRole('link', { name: /^佐藤 花子/ }).click();
  await see(tablet.page.getByRole('heading', { level: 1, name: '佐藤 花子', exact: true }));
  await see(tablet.page.getByText('着物、帯の相談'));
});

const SERIAL = 'HAC-P-AABPA-JPN-0042';

test('a backup carries the 古物台帳, the photo and a reminder to a new tablet, where the photo opens', async () => {
  const shop = await launchBrowser({ locale: 'en-US' });
  await shop.page.goto('/');
  await createCustomer(shop.page, { name: '田中 花子', reading: 'たなか はなこ', phone: '090-1234-5678' });
  await button(shop.page, 'Add reminder').click();
  await textbox(shop.page, 'Reminder').fill('Call when the Arita vase comes in');
  await button(shop.page, 'Add reminder').click();
  await see(shop.page.getByText('Call when the Arita vase comes in'));
  await recordBuyInWithPhoto(shop.page, { description: 'Mario Kart 8 Deluxe', features: `Switch cartridge, serial ${SERIAL}`, price: '2500' });
  const saved = await exportBackupFile(shop.page);

  // A new tablet: a fresh browser profile with an empty ledger.
  const tablet = await launchBrowser({ locale: 'en-US' });
  const { page } = tablet;
  await page.goto('/settings');
  await page.getByLabel('Restore backup', { exact: true }).setInputFiles(saved);
  await see(page.getByText(/1 customers, 2 visits/));
  const more = page.getByText(/^Also in it: /);
  await see(more);
  for (const part of ['1 follow-up', '1 appraisal', '1 古物台帳 record', '1 photo']) expect(await more.innerText()).toContain(part);
  await button(page, 'Restore').click();
  await see(page.getByText(/^Restored:/));

  await page.getByRole('link', { name: 'Ledger', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search ledger', exact: true }).fill(SERIAL);
  const row = page.getByRole('table', { name: 'Ledger entries' }).getByRole('row').filter({ hasText: SERIAL });
  await see(row);
  await row.getByRole('link').first().click();
  const photo = page.getByRole('img', { name: 'Photo of Mario Kart 8 Deluxe', exact: true });
  await see(photo);
  await photo.evaluate((img: HTMLImageElement) => img.decode());
  expect(await photo.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([1280, 853]);

  // Opened full size, as the counter does: a new tab showing the stored image.
  const [opened] = await Promise.all([tablet.context.waitForEvent('page'), photo.click()]);
  await opened.waitForLoadState();
  expect(opened.url()).toMatch(/^blob:/);
  const shown = opened.locator('img');
  await see(shown);
  await shown.evaluate((img: HTMLImageElement) => img.decode());
  expect(await shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1280);

  await page.getByRole('link', { name: '田中 花子', exact: true }).click();
  await see(cardHeading(page, '田中 花子'));
  await see(page.getByText('Call when the Arita vase comes in'));
});
