/* global indexedDB -- page.evaluate callbacks run in the browser */
// Sync figures in real chromium against the production build and server (figures printed, never
// asserted): pulling 100,000 operations onto a fresh device, as a ratio to writing the same rows
// locally in one bulk add in the same run; and a push/pull round trip with 1,000 pending changes.
// Needs a build: `npm run build`, then `node scripts/bench-sync.mjs` (BENCH_OPS changes the size;
// BENCH_PROFILE=sync writes a CPU profile of the pull).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { bulkAddBaseline, joinAndWait, pairingCode, seedShop } from '../bench/sync-pull.mjs';
import { startBuiltServer } from './built-server.mjs';

const OPS = Number(process.env.BENCH_OPS ?? 100_000);
const ROUND_TRIP = 1_000;
const server = await startBuiltServer({ copyStatic: false, output: 'inherit' });
const base = server.baseURL;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

try {
  const seedStarted = Date.now();
  const big = await seedShop(base, OPS);
  console.log(`seeded ${OPS} operations (${big.customers} customers, ${OPS - big.customers} visits) in ${Date.now() - seedStarted} ms`);

  const context = await browser.newContext({ baseURL: base, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  const code = await pairingCode(base, big.token);
  // BENCH_PROFILE=sync: a CPU profile of the page during the pull (bench/sync-pull.cpuprofile).
  const cdp = process.env.BENCH_PROFILE === 'sync' ? await context.newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const pullMs = await joinAndWait(page, code);
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(path.join(path.dirname(new URL(import.meta.url).pathname), '../bench/sync-pull.cpuprofile'), JSON.stringify(profile));
    console.log('CPU profile written to bench/sync-pull.cpuprofile');
  }

  // The same rows, written locally in one bulk add per table into a scratch database.
  const local = await bulkAddBaseline(page);
  if (local.rows !== OPS) throw new Error(`expected ${OPS} rows on the device after the pull, found ${local.rows}`);
  console.log(`pull of ${OPS} operations onto a fresh device: ${pullMs} ms (from "Join shop" to "Synced")`);
  console.log(`bulk add of the same ${local.rows} rows: ${local.ms.toFixed(0)} ms`);
  console.log(`ratio pull / bulk add: ${(pullMs / local.ms).toFixed(1)}×`);
  await context.close();

  // Round trip: a device holding 1,000 rows of its own joins a shop whose server holds 1,000 more.
  const small = await seedShop(base, ROUND_TRIP, 20);
  const second = await browser.newContext({ baseURL: base, locale: 'en-US' });
  const device = await second.newPage();
  await device.goto('/');
  await device.getByRole('searchbox', { name: 'Search customers' }).waitFor();
  await device.evaluate(async (count) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('daifuku');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction('visits', 'readwrite');
    const now = Date.now();
    for (let i = 0; i < count; i++) {
      tx.objectStore('visits').add({ id: crypto.randomUUID(), createdAt: now, updatedAt: now + i, customerId: 'walk-in', at: now, kind: 'purchase', note: `local ${i}` });
    }
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, ROUND_TRIP);
  const smallCode = await pairingCode(base, small.token);
  const roundTripMs = await joinAndWait(device, smallCode);
  console.log(`round trip with ${ROUND_TRIP} pending changes (push ${ROUND_TRIP} + pull ${ROUND_TRIP}): ${roundTripMs} ms`);
  await second.close();
} finally {
  await browser.close();
  await server.stop();
}
