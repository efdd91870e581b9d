/* global indexedDB -- page.evaluate callbacks run in the browser */
// Sync figures in real chromium against the production build and server (figures printed, never
// asserted): pulling 100,000 operations onto a fresh device, as a ratio to writing the same rows
// locally in one bulk add in the same run; and a push/pull round trip with 1,000 pending changes.
// Needs a build: `npm run build`, then `node scripts/bench-sync.mjs` (BENCH_OPS changes the size;
// BENCH_PROFILE=sync writes a CPU profile of the pull).
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startBuiltServer } from './built-server.mjs';

const OPS = Number(process.env.BENCH_OPS ?? 100_000);
const ROUND_TRIP = 1_000;
const CUSTOMERS = Math.max(1, Math.round(OPS / 50));
const server = await startBuiltServer({ copyStatic: false, output: 'inherit' });
const base = server.baseURL;

async function api(method, route, token, body) {
  const response = await fetch(`${base}/api/sync${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

let counter = 0;
const hlc = (millis) => `${String(millis).padStart(15, '0')}-${(counter++ % 0xffff).toString(16).padStart(4, '0')}-bbbbbbbbbbbbbbbb`;
const t0 = Date.UTC(2025, 0, 1);

/** `count` changes as another device would send them: customers first, then their visits. */
function ledgerChanges(count, customers) {
  const ids = Array.from({ length: customers }, () => randomUUID());
  const changes = [];
  for (let i = 0; i < count; i++) {
    const at = t0 + i * 60_000;
    const stamp = hlc(at);
    if (i < customers) {
      changes.push({
        id: `${stamp} customers ${ids[i]}`,
        table: 'customers',
        row: ids[i],
        hlc: stamp,
        payload: {
          set: {
            createdAt: at, updatedAt: at, name: `客 ${i} 花子`, reading: 'きゃく はなこ', phones: ['+819012340000'],
            email: `c${i}@example.jp`, handles: [], address: '京都市中京区', tags: ['常連'], about: '有田焼が好き',
          },
        },
      });
    } else {
      const row = randomUUID();
      changes.push({
        id: `${stamp} visits ${row}`,
        table: 'visits',
        row,
        hlc: stamp,
        payload: { set: { createdAt: at, updatedAt: at, customerId: ids[i % customers], at, kind: 'purchase', amount: 3800, note: '伊万里の小皿を購入。次は花瓶を見たいとのこと' } },
      });
    }
  }
  return changes;
}

async function seedShop(count, customers) {
  const owner = await api('POST', '/shops', undefined, { deviceName: 'bench owner' });
  const changes = ledgerChanges(count, customers);
  for (let i = 0; i < changes.length; i += 1000) await api('POST', '/push', owner.token, { changes: changes.slice(i, i + 1000) });
  return owner;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** From "Join shop" to the header saying "Synced"; resolves with milliseconds. */
async function joinAndWait(page, code) {
  await page.goto('/settings');
  await page.getByRole('textbox', { name: 'Enter pairing code' }).fill(code);
  const started = Date.now();
  await page.getByRole('button', { name: 'Join shop' }).click();
  await page.getByRole('status').filter({ hasText: 'Synced' }).first().waitFor({ timeout: 30 * 60_000 });
  return Date.now() - started;
}

try {
  const seedStarted = Date.now();
  const big = await seedShop(OPS, CUSTOMERS);
  console.log(`seeded ${OPS} operations (${CUSTOMERS} customers, ${OPS - CUSTOMERS} visits) in ${Date.now() - seedStarted} ms`);

  const context = await browser.newContext({ baseURL: base, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  const code = (await api('POST', '/pairing-codes', big.token)).code;
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
  const local = await page.evaluate(async () => {
    const open = (name, version, upgrade) =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open(name, version);
        request.onupgradeneeded = () => upgrade?.(request.result);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const done = (tx) => new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = tx.onabort = () => reject(tx.error))));
    const app = await open('daifuku');
    const read = (store) => new Promise((resolve) => (app.transaction(store).objectStore(store).getAll().onsuccess = (e) => resolve(e.target.result)));
    const customers = await read('customers');
    const visits = await read('visits');
    app.close();
    const scratch = await open('bench-scratch', 1, (db) => {
      const c = db.createObjectStore('customers', { keyPath: 'id' });
      c.createIndex('searchKeys', 'searchKeys', { multiEntry: true });
      c.createIndex('sortKey', 'sortKey');
      c.createIndex('activityAt', 'activityAt');
      c.createIndex('updatedAt', 'updatedAt');
      const v = db.createObjectStore('visits', { keyPath: 'id' });
      v.createIndex('[customerId+at]', ['customerId', 'at']);
      v.createIndex('at', 'at');
      v.createIndex('updatedAt', 'updatedAt');
    });
    const started = performance.now();
    for (const [store, rows] of [['customers', customers], ['visits', visits]]) {
      const tx = scratch.transaction(store, 'readwrite');
      const os = tx.objectStore(store);
      for (const row of rows) os.add(row);
      await done(tx);
    }
    const ms = performance.now() - started;
    scratch.close();
    indexedDB.deleteDatabase('bench-scratch');
    return { ms, rows: customers.length + visits.length };
  });
  if (local.rows !== OPS) throw new Error(`expected ${OPS} rows on the device after the pull, found ${local.rows}`);
  console.log(`pull of ${OPS} operations onto a fresh device: ${pullMs} ms (from "Join shop" to "Synced")`);
  console.log(`bulk add of the same ${local.rows} rows: ${local.ms.toFixed(0)} ms`);
  console.log(`ratio pull / bulk add: ${(pullMs / local.ms).toFixed(1)}×`);
  await context.close();

  // Round trip: a device holding 1,000 rows of its own joins a shop whose server holds 1,000 more.
  const small = await seedShop(ROUND_TRIP, 20);
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
  const smallCode = (await api('POST', '/pairing-codes', small.token)).code;
  const roundTripMs = await joinAndWait(device, smallCode);
  console.log(`round trip with ${ROUND_TRIP} pending changes (push ${ROUND_TRIP} + pull ${ROUND_TRIP}): ${roundTripMs} ms`);
  await second.close();
} finally {
  await browser.close();
  await server.stop();
}
