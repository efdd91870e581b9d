/**
 * The page opens the ledger's database as it arrives, before the app's code has loaded, so a
 * tablet's first start of the day does not wait for the browser to open a large ledger's files
 * (scripts/vite-first-screen.ts). That early connection must never get in the way: it creates
 * nothing on a first visit, and it makes way at once for an upgrade.
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { DATABASE_NAME } from '../../src/db/database-name';
import { launchBrowser, see } from './browser';
import { createCustomer } from './ledger';

/** The page alone, as it is before the app's code runs: only its own inline script. */
async function openPageWithoutTheApp(page: Page): Promise<void> {
  await page.route('**/assets/*.js', (route) => route.abort());
  await page.goto('/');
  await page.waitForFunction(() => document.querySelector('script[type="module"]') !== null);
}

/** What an open queued behind the page's own finds: open requests for one database run in order. */
function ledgerAsFound(page: Page): Promise<{ exists: boolean; version: number }> {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onupgradeneeded = () => {
          resolve({ exists: false, version: 0 });
          request.transaction!.abort();
        };
        request.onerror = (event) => event.preventDefault();
        request.onsuccess = () => {
          resolve({ exists: true, version: request.result.version });
          request.result.close();
        };
        setTimeout(() => reject(new Error('the open was held up')), 5_000);
      }),
    DATABASE_NAME,
  );
}

test('a first visit: the page creates no ledger before the app does, and the app then opens its own', async () => {
  const { page } = await launchBrowser();
  await openPageWithoutTheApp(page);
  expect(await ledgerAsFound(page)).toEqual({ exists: false, version: 0 });

  await page.unroute('**/assets/*.js');
  await page.reload();
  await createCustomer(page, { name: '山本 一郎', reading: 'やまもと いちろう', phone: '090-5555-0101' });
  const ledger = await ledgerAsFound(page);
  expect(ledger.exists).toBe(true);
  // Dexie's versions are tenths of IndexedDB's: the app created it at its own schema version.
  expect(ledger.version).toBeGreaterThan(10);
});

test('the page’s early connection makes way at once for a new version of the ledger', async () => {
  const { context, page } = await launchBrowser();
  await page.goto('/');
  await see(page.getByRole('searchbox', { name: 'Search customers', exact: true }));
  const { version } = await ledgerAsFound(page);

  // A second tab that has only opened the page: its early connection is the one open.
  await page.close();
  const early = await context.newPage();
  await openPageWithoutTheApp(early);
  // Once this is answered the early connection is open: it was asked first.
  expect(await ledgerAsFound(early)).toEqual({ exists: true, version });
  const upgrader = await context.newPage();
  await upgrader.goto('/favicon.svg');
  const outcome = await upgrader.evaluate(
    ({ name, next }) =>
      new Promise<string>((resolve) => {
        const request = indexedDB.open(name, next);
        let blocked = false;
        request.onblocked = () => (blocked = true);
        request.onupgradeneeded = () => request.transaction!.abort();
        request.onerror = (event) => {
          event.preventDefault();
          resolve(blocked ? 'blocked, then upgraded' : 'upgraded');
        };
        request.onsuccess = () => resolve('opened without an upgrade');
        setTimeout(() => resolve(blocked ? 'still blocked' : 'no answer'), 3_000);
      }),
    { name: DATABASE_NAME, next: version + 1 },
  );
  // The upgrade was let through (then aborted by this test, leaving the ledger as it was).
  expect(outcome).toBe('upgraded');
  expect(await ledgerAsFound(early)).toEqual({ exists: true, version });
});
