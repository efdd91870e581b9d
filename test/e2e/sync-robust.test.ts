/**
 * Sync that carries photos and that one bad change cannot stop, in two real chromium profiles
 * against the real server process:
 * - the counter tablet appraises an item with a photo, in a shop that encrypts; the owner's phone
 *   opens the appraisal and the photo shows, decoded, full size;
 * - someone holding a paired device's token puts a poisoned change on the server between good
 *   ones; the tablet shows the good ones, sets the poisoned one aside and says so in Settings →
 *   Sync, and goes on syncing what comes later.
 */
import type { Page } from 'playwright-core';
import { expect, onTestFinished, test } from 'vitest';
import { launchBrowser, PHONE, see, TABLET } from './browser';
import { button, cardHeading, createCustomer, textbox, timeline } from './ledger';
import { startServer } from './server';
import {
  joinShop,
  openCard,
  openSettings,
  serverHolds,
  startSync,
  status,
  SYNC_WAIT,
} from './sync-steps';

/** A 3000×2000 photo as a tablet camera might hand it over (PNG, drawn in the page). */
async function cameraPhoto(page: Page): Promise<Buffer> {
  const bytes = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(3000, 2000);
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#2e4a62';
    g.fillRect(0, 0, 3000, 2000);
    g.fillStyle = '#f6e3dc';
    g.fillRect(600, 400, 1800, 1200);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  return Buffer.from(bytes);
}

test('a photo taken at the counter tablet opens on the owner’s phone, in a shop that encrypts', async () => {
  const server = await startServer();
  onTestFinished(() => server.stop());
  const tablet = await launchBrowser({ baseURL: server.baseURL, viewport: TABLET });
  const phone = await launchBrowser({ baseURL: server.baseURL, viewport: PHONE });
  const passphrase = 'yamamoto-gofuku-1972';

  await tablet.page.goto('/');
  await createCustomer(tablet.page, { name: '田中 花子', reading: 'たなか はなこ' });
  const code = await startSync(tablet.page, passphrase);
  await joinShop(phone.page, code, passphrase);

  // At the counter: an appraisal with a photo of the item, declined.
  await openCard(tablet.page, '田中 花子');
  await button(tablet.page, 'New appraisal').click();
  const item = tablet.page.getByRole('group', { name: 'Item 1', exact: true });
  await item
    .getByRole('combobox', { name: 'Category', exact: true })
    .selectOption({ label: 'Game software' });
  await textbox(item, 'Description').fill('Mario Kart 8 Deluxe');
  await textbox(item, 'Features').fill('Switch cartridge, label worn');
  await item.getByLabel('Price', { exact: true }).fill('2500');
  await item
    .getByLabel('Photo', { exact: true })
    .setInputFiles({
      name: 'IMG_0042.png',
      mimeType: 'image/png',
      buffer: await cameraPhoto(tablet.page),
    });
  await see(item.getByRole('img', { name: 'Photo of Mario Kart 8 Deluxe' }));
  await button(tablet.page, 'Record appraisal only').click();
  await see(cardHeading(tablet.page, '田中 花子'));

  // On the phone: the appraisal arrives, and its photo opens.
  await openCard(phone.page, '田中 花子');
  const row = timeline(phone.page).getByRole('listitem').filter({ hasText: 'Mario Kart 8 Deluxe' });
  await see(row, SYNC_WAIT);
  await row.getByRole('link', { name: 'Open appraisal', exact: true }).click();
  const photo = phone.page.getByRole('img', { name: 'Photo of Mario Kart 8 Deluxe' });
  await see(photo, SYNC_WAIT);
  await expect
    .poll(
      () =>
        photo.evaluate((img: HTMLImageElement) =>
          img.complete ? [img.naturalWidth, img.naturalHeight] : [0, 0],
        ),
      { timeout: SYNC_WAIT },
    )
    .toEqual([1280, 853]);
  const href = await phone.page.getByRole('link').filter({ has: photo }).getAttribute('href');
  expect(href, 'the photo opens full size from the phone’s own storage').toMatch(/^blob:/);

  // The server relayed it without being able to see it.
  expect(await serverHolds(server.dataDir, '$binary')).toBe(false);
  expect(await serverHolds(server.dataDir, 'Mario Kart')).toBe(false);
});

/** As another device's app would talk to the server, with that device's token. */
async function api(
  baseURL: string,
  method: string,
  route: string,
  body?: unknown,
  token?: string,
): Promise<Response> {
  return fetch(`${baseURL}/api/sync${route}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

let counter = 0;
function change(table: string, row: string, set: Record<string, unknown>) {
  counter += 1;
  const hlc = `${String(Date.now()).padStart(15, '0')}-${counter.toString(16).padStart(4, '0')}-eeeeeeeeeeeeeeee`;
  return { id: `${hlc} ${table} ${row}`, table, row, hlc, payload: { set } };
}

function card(name: string, reading: string) {
  const at = Date.now();
  return {
    name,
    reading,
    phones: [],
    email: '',
    handles: [],
    address: '',
    tags: [],
    about: '',
    talkAbout: [],
    createdAt: at,
    updatedAt: at,
  };
}

test('a poisoned change among good ones is set aside and shown in Settings → Sync, and later changes still arrive', async () => {
  const server = await startServer();
  onTestFinished(() => server.stop());
  const tablet = await launchBrowser({ baseURL: server.baseURL, viewport: TABLET });
  await tablet.page.goto('/');
  const code = await startSync(tablet.page);

  // Someone pairs a device with the code on the tablet, and pushes through the server's own API.
  const paired = await api(server.baseURL, 'POST', '/pair', { code, deviceName: 'Old phone' });
  expect(paired.status).toBe(201);
  const { token } = (await paired.json()) as { token: string };
  const pushed = await api(
    server.baseURL,
    'POST',
    '/push',
    {
      changes: [
        change('customers', 'c-watanabe', card('渡辺 美咲', 'わたなべ みさき')),
        // An object where the timeline's index expects a time, and a __proto__ key for good measure.
        change('visits', 'v-poison', {
          customerId: 'c-watanabe',
          at: { $gt: '' },
          kind: 'purchase',
          note: 'poison',
          ['__proto__']: { isOwner: true },
        }),
        // A name that is not text: building the search index on it used to fail every pull, forever.
        change('customers', 'c-poison', { ...card('x', ''), name: { $gt: '' } }),
        change('customers', 'c-smith', card('John Smith', '')),
      ],
    },
    token,
  );
  expect(pushed.status).toBe(200);

  await openCard(tablet.page, '渡辺 美咲', SYNC_WAIT);
  await openCard(tablet.page, 'John Smith', SYNC_WAIT);
  await see(status(tablet.page, 'Synced'));

  await openSettings(tablet.page);
  const setAside = tablet.page.getByRole('region', { name: 'Changes set aside', exact: true });
  await see(setAside, SYNC_WAIT);
  expect(await setAside.innerText()).toContain(
    '2 changes could not be applied on this device and were set aside.',
  );
  expect(await setAside.innerText()).toContain('They hold values this app cannot accept');
  const latest = setAside.getByRole('list', { name: 'Latest set aside' });
  await see(latest.getByText(/Timeline entry · .+ · values not accepted · fields: at/));
  await see(latest.getByText(/Customer card · .+ · values not accepted · fields: name/));

  // Sync goes on: a card pushed later still arrives.
  const later = await api(
    server.baseURL,
    'POST',
    '/push',
    { changes: [change('customers', 'c-suzuki', card('鈴木 一郎', 'すずき いちろう'))] },
    token,
  );
  expect(later.status).toBe(200);
  await openCard(tablet.page, '鈴木 一郎', SYNC_WAIT);
  await see(status(tablet.page, 'Synced'));
  expect(await tablet.page.getByRole('alert').allInnerTexts(), 'no sync problem shown').toEqual([]);
});
