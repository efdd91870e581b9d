/**
 * The owner starts importing the old POS's 20,000 customers, then a customer walks in: staff
 * search at the counter while the import runs, the screen says how far it is, closing the tab
 * asks first, and how the import ended waits on the counter's screen until someone reads it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { launchBrowser, PHONE, see } from './browser';
import { button } from './ledger';

const ROWS = 20_000;

function oldPosExport(): string {
  const lines = ['Name,Phone,Note'];
  for (let i = 0; i < ROWS; i++) {
    const phone = `090-${2000 + Math.floor(i / 10_000)}-${String(i % 10_000).padStart(4, '0')}`;
    lines.push(`Customer ${String(i).padStart(5, '0')},${phone},Regular since the old shop`);
  }
  // A row the ledger cannot take: reported by its line, the rest imported.
  lines.splice(4, 0, ',080-0000-0000,No name');
  return lines.join('\n');
}

test('staff serve the counter while a 20,000-row import runs, and its outcome waits for them', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'daifuku-e2e-import-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'old-pos.csv');
  await writeFile(file, oldPosExport());

  const { page } = await launchBrowser({ locale: 'en-US', viewport: PHONE });
  await page.goto('/settings/import');
  await page.getByLabel('Import customers', { exact: true }).setInputFiles(file);
  await see(page.getByText(/^CSV file, /));
  await button(page, 'Import').click();

  // A customer walks in: the counter's screen, while the import goes on.
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  const progress = page.getByRole('progressbar', { name: 'Importing' });
  await see(progress);
  await see(page.getByText('Importing old-pos.csv. You can go on at the counter while it runs.'));
  await page.getByRole('searchbox', { name: 'Search customers', exact: true }).fill('Customer 00001');

  // Closing the tab now would stop the import part-way: the browser asks first.
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', (dialog) => {
      resolve(dialog.type());
      void dialog.dismiss();
    }),
  );
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  expect(page.isClosed()).toBe(false);

  const outcome = page.getByRole('status').filter({ hasText: `old-pos.csv: imported ${ROWS} customers.` });
  await see(outcome, 120_000);
  await see(outcome.getByText(/1 line was not imported\./));
  await see(page.getByRole('link', { name: /^Customer 00001\b/ }));

  await outcome.getByRole('link', { name: 'See the import report' }).click();
  await see(page.getByText(/^line 5: \(no name\) — Name:/));
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await see(page.getByRole('searchbox', { name: 'Search customers', exact: true }));
  expect(await page.getByRole('link', { name: 'See the import report' }).count()).toBe(0);
}, 180_000);
