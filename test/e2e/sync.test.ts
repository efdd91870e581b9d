/**
 * Two devices of one shop, two real chromium profiles, against the real server: the counter tablet
 * starts sync and shows a pairing code, the owner's phone joins and sees the ledger; the phone goes
 * offline and keeps working while the tablet edits the same customer; back online, both show both
 * edits. With encryption on, the server's data directory holds no customer name in the clear.
 */
import { readdir } from 'node:fs/promises';
import { expect, onTestFinished, test } from 'vitest';
import { launchBrowser, notSee, PHONE, see, waitForServiceWorkerActivated } from './browser';
import { addNote, button, cardHeading, createCustomer, textbox, timeline } from './ledger';
import { startServer } from './server';
import { joinShop, openCard, serverHolds, startSync, status, SYNC_WAIT } from './sync-steps';

test('the counter tablet and the owner’s phone share one ledger, offline edits included', async () => {
  const server = await startServer();
  onTestFinished(() => server.stop());
  const tablet = await launchBrowser({ baseURL: server.baseURL });
  const phone = await launchBrowser({ baseURL: server.baseURL, viewport: PHONE });

  await tablet.page.goto('/');
  await createCustomer(tablet.page, { name: '田中 花子', reading: 'たなか はなこ', phone: '090-1234-5678' });
  await addNote(tablet.page, { note: 'Looking for an Arita vase', kind: 'Purchase', amount: '3800' });
  await createCustomer(tablet.page, { name: 'John Smith', email: 'john@example.com' });
  await addNote(tablet.page, { note: 'Collects Imari plates' });
  const code = await startSync(tablet.page);

  await joinShop(phone.page, code);
  await openCard(phone.page, '田中 花子');
  await see(timeline(phone.page).getByRole('listitem').filter({ hasText: 'Looking for an Arita vase' }), SYNC_WAIT);
  await openCard(phone.page, 'John Smith');
  await see(timeline(phone.page).getByRole('listitem').filter({ hasText: 'Collects Imari plates' }));

  // The phone loses the network and keeps working: edits a note and adds a customer. (The app
  // registers its service worker once the page is idle; offline pages come from its precache.)
  await waitForServiceWorkerActivated(phone.page);
  await phone.context.setOffline(true);
  await openCard(phone.page, '田中 花子');
  const entry = timeline(phone.page).getByRole('listitem').filter({ hasText: 'Looking for an Arita vase' });
  await button(entry, 'Edit entry').click();
  await textbox(phone.page, 'Note').fill('Looking for an Arita vase, blue and white');
  await button(phone.page, 'Save changes').click();
  // Saved, not just drawn: the form closes only once the write has committed.
  await notSee(button(phone.page, 'Save changes'));
  expect(await phone.page.getByRole('alert').allInnerTexts(), 'no error saving the note offline').toEqual([]);
  await see(timeline(phone.page).getByRole('listitem').filter({ hasText: 'blue and white' }));
  await createCustomer(phone.page, { name: '鈴木 一郎', reading: 'すずき いちろう' });
  // Which words depends on whether this chromium reports the emulated loss of network
  // (navigator.onLine false) or, like a phone on a Wi-Fi with no route, keeps saying online: the
  // status comes from the failed request either way, and the changes wait.
  await see(status(phone.page, /^(Offline|Can't reach the sync server) — \d+ changes? waiting$/), SYNC_WAIT);

  // Meanwhile the tablet edits another field of the same customer.
  await openCard(tablet.page, '田中 花子');
  await tablet.page.getByRole('link', { name: 'Edit', exact: true }).or(tablet.page.getByRole('button', { name: 'Edit', exact: true })).first().click();
  await tablet.page.getByRole('textbox', { name: 'About them' }).fill('Daughter’s coming-of-age kimono in January');
  await button(tablet.page, 'Save').click();
  await see(cardHeading(tablet.page, '田中 花子'));

  // Back online: both devices show both edits.
  await phone.context.setOffline(false);
  await see(status(phone.page, 'Synced'), SYNC_WAIT);
  await openCard(phone.page, '田中 花子');
  await see(phone.page.getByText('Daughter’s coming-of-age kimono in January'), SYNC_WAIT);
  await see(timeline(phone.page).getByRole('listitem').filter({ hasText: 'blue and white' }));

  await see(timeline(tablet.page).getByRole('listitem').filter({ hasText: 'blue and white' }), SYNC_WAIT);
  await see(tablet.page.getByText('Daughter’s coming-of-age kimono in January'));
  await openCard(tablet.page, '鈴木 一郎');
  await see(status(tablet.page, 'Synced'));

  // The server process stops (a power cut in the back office) while the tablet's network is fine:
  // the tablet says it cannot reach the server, keeps the note, and sends it once the server is back.
  await server.kill();
  await addNote(tablet.page, { note: 'Asked about the Kutani teapot' });
  await see(status(tablet.page, /^Can't reach the sync server — \d+ changes? waiting$/), SYNC_WAIT);
  await see(tablet.page.getByRole('alert').filter({ hasText: 'cannot be reached' }));
  await server.restart();
  await see(status(tablet.page, 'Synced'), SYNC_WAIT);
  await openCard(phone.page, '鈴木 一郎');
  await see(timeline(phone.page).getByRole('listitem').filter({ hasText: 'Asked about the Kutani teapot' }), SYNC_WAIT);
  // Without encryption the server keeps what it relays readable (the check below means something).
  expect(await serverHolds(server.dataDir, 'John Smith')).toBe(true);
});

test('with encryption on, the server keeps no customer name in the clear', async () => {
  const server = await startServer();
  onTestFinished(() => server.stop());
  const tablet = await launchBrowser({ baseURL: server.baseURL });
  const phone = await launchBrowser({ baseURL: server.baseURL, viewport: PHONE });
  const passphrase = 'yamamoto-gofuku-1972';

  await tablet.page.goto('/');
  await createCustomer(tablet.page, { name: 'Tanabata Orihime', email: 'orihime@example.jp' });
  await addNote(tablet.page, { note: 'Weaves silk on the riverbank' });
  const code = await startSync(tablet.page, passphrase);
  await see(tablet.page.getByText('End-to-end encryption is on'));

  await joinShop(phone.page, code, passphrase);
  await openCard(phone.page, 'Tanabata Orihime');
  await see(timeline(phone.page).getByRole('listitem').filter({ hasText: 'Weaves silk on the riverbank' }), SYNC_WAIT);

  const files = await readdir(server.dataDir, { recursive: true });
  expect(files.some((f) => f.startsWith('sync.sqlite')), 'the server keeps its data in DATA_DIR').toBe(true);
  for (const secret of ['Tanabata', 'Orihime', 'orihime@example.jp', 'riverbank']) {
    expect(await serverHolds(server.dataDir, secret), `the server holds “${secret}” in the clear`).toBe(false);
  }
});
