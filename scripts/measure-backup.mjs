// Backs up a ledger holding many photos through the real Settings screen in chromium, restores the
// file on a fresh browser profile, and prints the file's size, how long each step took and the
// largest JavaScript heap seen meanwhile (a backup held as one string would show as a heap of
// several times the photos' size). Figures only, no pass/fail. Needs a built app: `npm run build`,
// then `node scripts/measure-backup.mjs [photos] [kilobytes per photo]`.
/* global window, indexedDB -- page.evaluate callbacks run in the browser */
import { mkdtemp, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startBuiltServer } from './built-server.mjs';

const photos = Number(process.argv[2] ?? 400);
const kilobytes = Number(process.argv[3] ?? 400);
const server = await startBuiltServer({ copyStatic: false });
const base = server.baseURL;

/** Samples the page's JS heap every 50 ms; `peak()` reads the largest seen since. */
async function watchHeap(page) {
  await page.evaluate(() => {
    window.__peak = 0;
    setInterval(() => {
      window.__peak = Math.max(window.__peak, performance.memory.usedJSHeapSize);
    }, 50);
  });
  return async () => Math.round((await page.evaluate(() => window.__peak)) / 1024 / 1024);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'],
});
try {
  const shop = await browser.newContext({ baseURL: base, locale: 'en-US', acceptDownloads: true });
  const page = await shop.newPage();
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Export backup', exact: true }).waitFor();
  // Photos straight into the app's database: random bytes do not compress, as JPEGs do not.
  await page.evaluate(
    async ({ photos, kilobytes }) => {
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open('daifuku');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (let i = 0; i < photos; i++) {
        const bytes = new Uint8Array(kilobytes * 1024);
        for (let at = 0; at < bytes.length; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
        const blob = new Blob([bytes], { type: 'image/jpeg' });
        await new Promise((resolve, reject) => {
          const tx = db.transaction('photos', 'readwrite');
          tx.objectStore('photos').put({ id: `photo-${String(i).padStart(5, '0')}`, createdAt: i, updatedAt: i, blob, type: 'image/jpeg', width: 1280, height: 853, bytes: blob.size });
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
      }
      db.close();
    },
    { photos, kilobytes },
  );
  await page.reload();
  await page.getByRole('button', { name: 'Export backup', exact: true }).waitFor();
  const exportPeak = await watchHeap(page);
  let started = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByRole('button', { name: 'Export backup', exact: true }).click()]);
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'daifuku-backup-')), download.suggestedFilename());
  await download.saveAs(file);
  const exportMs = Date.now() - started;
  const exportHeapMb = await exportPeak();
  const fileMb = Math.round((await stat(file)).size / 1024 / 1024);

  const tablet = await (await browser.newContext({ baseURL: base, locale: 'en-US' })).newPage();
  await tablet.goto('/settings');
  await tablet.getByLabel('Restore backup', { exact: true }).waitFor();
  const restorePeak = await watchHeap(tablet);
  started = Date.now();
  await tablet.getByLabel('Restore backup', { exact: true }).setInputFiles(file);
  await tablet.getByText(/^Also in it: /).waitFor({ timeout: 600_000 });
  const openMs = Date.now() - started;
  started = Date.now();
  await tablet.getByRole('button', { name: 'Restore', exact: true }).click();
  await tablet.getByText(/^Restored:/).waitFor({ timeout: 600_000 });
  const restoreMs = Date.now() - started;
  const restored = await tablet.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('daifuku');
        open.onsuccess = () => {
          const count = open.result.transaction('photos').objectStore('photos').count();
          count.onsuccess = () => resolve(count.result);
        };
      }),
  );
  console.log(
    JSON.stringify({
      photos,
      photo_kb: kilobytes,
      photos_mb: Math.round((photos * kilobytes) / 1024),
      file_mb: fileMb,
      export_ms: exportMs,
      export_peak_heap_mb: exportHeapMb,
      open_ms: openMs,
      restore_ms: restoreMs,
      restore_peak_heap_mb: await restorePeak(),
      photos_restored: restored,
    }),
  );
} finally {
  await browser.close();
  await server.stop();
}
