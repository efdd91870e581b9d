// A sync pull measured as a device sees it, shared by `npm run bench` and `npm run bench:sync`:
// a shop seeded on the real server with `ops` changes as another device would send them, a device
// joining it through Settings → Sync, and the same rows written locally in one bulk add per table
// (the baseline), in the same browser and moment.
import { randomUUID } from 'node:crypto';

async function api(baseURL, method, route, token, body) {
  const response = await fetch(`${baseURL}/api/sync${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

let counter = 0;
const hlc = (millis) =>
  `${String(millis).padStart(15, '0')}-${(counter++ % 0xffff).toString(16).padStart(4, '0')}-bbbbbbbbbbbbbbbb`;
const t0 = Date.UTC(2025, 0, 1);

/** `count` changes as another device would send them: `customers` customers first, then their visits. */
export function ledgerChanges(count, customers) {
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
            createdAt: at,
            updatedAt: at,
            name: `客 ${i} 花子`,
            reading: 'きゃく はなこ',
            phones: ['+819012340000'],
            email: `c${i}@example.jp`,
            handles: [],
            address: '京都市中京区',
            tags: ['常連'],
            about: '有田焼が好き',
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
        payload: {
          set: {
            createdAt: at,
            updatedAt: at,
            customerId: ids[i % customers],
            at,
            kind: 'purchase',
            amount: 3800,
            note: '伊万里の小皿を購入。次は花瓶を見たいとのこと',
          },
        },
      });
    }
  }
  return changes;
}

/** A shop on the server holding `count` changes (one customer per 50 operations); its owner's token. */
export async function seedShop(baseURL, count, customers = Math.max(1, Math.round(count / 50))) {
  const owner = await api(baseURL, 'POST', '/shops', undefined, { deviceName: 'bench owner' });
  const changes = ledgerChanges(count, customers);
  for (let i = 0; i < changes.length; i += 1000) {
    await api(baseURL, 'POST', '/push', owner.token, { changes: changes.slice(i, i + 1000) });
  }
  return { token: owner.token, customers };
}

/** A one-time code another device joins the shop with. */
export async function pairingCode(baseURL, token) {
  return (await api(baseURL, 'POST', '/pairing-codes', token)).code;
}

/** Settings → Sync → "Join shop" with `code`; resolves once it was tapped. */
export async function joinShop(page, code) {
  await page.goto('/settings');
  await page.getByRole('textbox', { name: 'Enter pairing code' }).fill(code);
  await page.getByRole('button', { name: 'Join shop' }).click();
}

/** Resolves once the header says "Synced". */
export async function waitSynced(page) {
  await page.getByRole('status').filter({ hasText: 'Synced' }).first().waitFor({ timeout: 30 * 60_000 });
}

/** From "Join shop" to the header saying "Synced"; resolves with milliseconds. */
export async function joinAndWait(page, code) {
  await page.goto('/settings');
  await page.getByRole('textbox', { name: 'Enter pairing code' }).fill(code);
  const started = Date.now();
  await page.getByRole('button', { name: 'Join shop' }).click();
  await waitSynced(page);
  return Date.now() - started;
}

/**
 * The rows the pull left on the device, written again in one bulk add per table into a scratch
 * database with the indexes the pulled tables had before schema version 6: the floor a pull is
 * measured against.
 */
export function bulkAddBaseline(page) {
  return page.evaluate(async () => {
    const open = (name, version, upgrade) =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open(name, version);
        request.onupgradeneeded = () => upgrade?.(request.result);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const done = (tx) =>
      new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = tx.onabort = () => reject(tx.error))));
    const app = await open('daifuku');
    const read = (store) =>
      new Promise((resolve) => (app.transaction(store).objectStore(store).getAll().onsuccess = (e) => resolve(e.target.result)));
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
    for (const [store, rows] of [
      ['customers', customers],
      ['visits', visits],
    ]) {
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
}
