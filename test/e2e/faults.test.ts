/**
 * Faults a shop meets, made for real in chromium and against the real server process; each story
 * ends with nothing lost and the person told plainly what happened and what to do:
 * - the tablet's storage fills up (Chromium's quota manager refuses the IndexedDB commit) while a
 *   card, a note, an appraisal photo or a buy-in is saved, or while the phone takes changes from sync;
 * - the ledger is upgraded from another window while a note is being typed in this one;
 * - an older Daifuku left open in another window holds up the update;
 * - the sync server's process dies (SIGKILL) in the middle of a push.
 * A poisoned change among good ones is in sync-robust.test.ts; docs/data-safety.md lists every
 * fault with the test that proves it.
 */
import type { Page } from 'playwright-core';
import { expect, onTestFinished, test } from 'vitest';
import { launchBrowser, notSee, pathOf, PHONE, see } from './browser';
import {
  limitDeviceStorage,
  ledgerVersion,
  newerVersionOpensTheLedger,
  openOlderVersionWindow,
  PREVIOUS_VERSION_LEDGER,
} from './fault-steps';
import {
  addNote,
  button,
  cameraPhoto,
  cardHeading,
  createCustomer,
  fillCustomerForm,
  openNewCustomerForm,
  recordBuyInWithPhoto,
  textbox,
  timeline,
  timelineTexts,
} from './ledger';
import { startServer } from './server';
import { joinShop, openCard, openSettings, startSync, status, SYNC_WAIT } from './sync-steps';

const STORAGE_FULL =
  'The device’s storage is full, so this was not saved. What you typed is still here. Free some space (or back up and clear old data), then tap Save again.';
const STORAGE_FULL_JA =
  '端末の空き容量が足りないため保存できませんでした。入力内容はそのまま残っています。容量を空けてから（またはバックアップして古いデータを整理してから）もう一度保存してください。';

function alertSaying(page: Page, text: string) {
  return page.getByRole('alert').filter({ hasText: text });
}

async function draftKeys(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Object.keys(localStorage).filter((key) => key.startsWith('daifuku.draft:')),
  );
}

/** How often `text` appears among the timeline's entries. */
async function timesInTimeline(page: Page, text: string): Promise<number> {
  return (await timelineTexts(page)).filter((entry) => entry.includes(text)).length;
}

test('the counter tablet’s storage is full: saving says so, what was typed survives a restart, and it is saved once there is room', async () => {
  const tablet = await launchBrowser({ locale: 'en-US' });
  const { page } = tablet;
  const disk = await limitDeviceStorage(tablet);
  await page.goto('/');
  const hanako = await createCustomer(page, { name: '田中 花子', reading: 'たなか はなこ' });
  await addNote(page, { note: 'Bought an obi for her daughter' });

  await disk.fill();

  // A note on her card is not saved; the tablet says why, and the note stays in the form.
  const note = '帯締めを探している。来週また来店';
  await button(page, 'Add note').click();
  await textbox(page, 'Note').fill(note);
  await button(page, 'Save note').click();
  await see(alertSaying(page, STORAGE_FULL));
  expect(await textbox(page, 'Note').inputValue()).toBe(note);
  expect(await timesInTimeline(page, note)).toBe(0);

  // Nor is a new customer; every field typed stays.
  await openNewCustomerForm(page);
  await fillCustomerForm(page, {
    name: '鈴木 一郎',
    reading: 'すずき いちろう',
    phone: '090-2345-6789',
  });
  await button(page, 'Save').click();
  await see(alertSaying(page, STORAGE_FULL));
  expect(pathOf(page)).toBe('/customers/new');

  // The tablet restarts (still full): the app opens, and the form holds what was typed.
  await page.reload();
  await see(textbox(page, 'Name'));
  await expect.poll(() => textbox(page, 'Name').inputValue()).toBe('鈴木 一郎');
  expect(await textbox(page, 'Reading').inputValue()).toBe('すずき いちろう');
  expect(await textbox(page, 'Phone').inputValue()).toBe('090-2345-6789');

  // The owner frees some space: Save again stores the card.
  await disk.free();
  await button(page, 'Save').click();
  await see(cardHeading(page, '鈴木 一郎'));

  // Hanako's note waited as a draft; saving it now stores it, once, next to the earlier one.
  await page.goto(hanako);
  await see(cardHeading(page, '田中 花子'));
  await expect.poll(() => textbox(page, 'Note').inputValue()).toBe(note);
  await button(page, 'Save note').click();
  await see(timeline(page).getByRole('listitem').filter({ hasText: note }));
  expect(await timesInTimeline(page, note)).toBe(1);
  expect(await timesInTimeline(page, 'Bought an obi for her daughter')).toBe(1);
  expect(await draftKeys(page), 'every draft went once saved').toEqual([]);

  // In Japanese, the same message in Japanese.
  await openSettings(page);
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('日本語');
  await see(page.getByRole('heading', { level: 1, name: '設定', exact: true }));
  await page.goto(hanako);
  await see(cardHeading(page, '田中 花子'));
  await disk.fill();
  await button(page, 'メモを追加').click();
  await textbox(page, 'メモ').fill('次回は寸法を測る');
  await button(page, 'メモを保存').click();
  await see(alertSaying(page, STORAGE_FULL_JA));
  expect(await textbox(page, 'メモ').inputValue()).toBe('次回は寸法を測る');
  await disk.free();
  await button(page, 'メモを保存').click();
  await see(
    page
      .getByRole('list', { name: '来店・メモの記録', exact: true })
      .getByRole('listitem')
      .filter({ hasText: '次回は寸法を測る' }),
  );
}, 120_000);

test('the ledger is updated from another window: this one lets go, says to reload, and the note being typed comes back after the reload', async () => {
  const { context, page } = await launchBrowser({ locale: 'en-US' });
  await page.goto('/');
  await createCustomer(page, { name: '山本 直子', reading: 'やまもと なおこ' });
  await addNote(page, { note: 'Wedding kimono for her daughter' });
  const note = '帯の相談、来週また来る';
  await button(page, 'Add note').click();
  await textbox(page, 'Note').fill(note);

  // A newer Daifuku starts in another tab of this tablet and asks for the ledger; this tab lets go
  // at once rather than hold the update up.
  expect(await newerVersionOpensTheLedger(context)).toBe('let go');

  const banner = alertSaying(page, 'Daifuku was updated in another window');
  await see(banner);
  expect(await banner.innerText()).toContain(
    'Reload to continue. What you typed is kept as a draft.',
  );
  expect(await textbox(page, 'Note').inputValue(), 'the note is still in the form').toBe(note);

  // Saving before reloading is refused, said plainly, and the note stays.
  await button(page, 'Save note').click();
  await see(
    alertSaying(
      page,
      'The ledger was updated in another window. Reload this page; what you typed is kept.',
    ),
  );
  expect(await textbox(page, 'Note').inputValue()).toBe(note);

  await Promise.all([page.waitForEvent('load'), button(banner, 'Reload').click()]);
  await see(cardHeading(page, '山本 直子'));
  await expect.poll(() => textbox(page, 'Note').inputValue()).toBe(note);
  await button(page, 'Save note').click();
  await see(timeline(page).getByRole('listitem').filter({ hasText: note }));
  expect(await timesInTimeline(page, note)).toBe(1);
  expect(await timesInTimeline(page, 'Wedding kimono for her daughter')).toBe(1);
  expect(await page.getByRole('alert').allInnerTexts(), 'nothing left to warn about').toEqual([]);
}, 90_000);

test('an older Daifuku left open in another window holds up the update: the updated app says to close it, and the ledger comes through whole', async () => {
  const { context, page } = await launchBrowser({ locale: 'en-US' });
  // The tablet's other tab runs the previous version, which wrote the shop's ledger and holds it.
  const older = await openOlderVersionWindow(context);

  await page.goto('/');
  const blocked = alertSaying(page, 'Daifuku is waiting for another window');
  await see(blocked);
  expect(await blocked.innerText()).toContain(
    'An older Daifuku is still open in another tab or window on this device. Close it (or reload it) so this one can finish updating.',
  );
  expect(await ledgerVersion(page), 'the ledger waits at the previous version').toBe(
    PREVIOUS_VERSION_LEDGER.version * 10,
  );

  // The owner closes the old tab: the update finishes and the ledger is all there.
  await older.close();
  await notSee(blocked, 20_000);
  await see(page.getByText('4 customers in the ledger', { exact: true }));
  expect(await ledgerVersion(page)).toBeGreaterThan(PREVIOUS_VERSION_LEDGER.version * 10);
  await openCard(page, '田中 花子');
  await see(
    timeline(page).getByRole('listitem').filter({ hasText: '振袖の相談。次回は寸法を測る。' }),
  );
  await openCard(page, '渡辺美咲');
  await see(timeline(page).getByRole('listitem').filter({ hasText: '楽焼 黒茶碗' }).first());

  // And it takes new work as usual.
  await addNote(page, { note: 'Came back for the matching tea caddy' });
}, 90_000);

/** A POS export of the shop's regulars: more than one push can carry (200 changes). */
function regularsCsv(count: number): Buffer {
  const lines = ['氏名,電話番号'];
  for (let i = 1; i <= count; i++) lines.push(`常連 ${i}号,090-1000-${String(i).padStart(4, '0')}`);
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

test('the sync server dies in the middle of a push: the tablet says it cannot reach it and keeps every change, and after a restart each arrives exactly once', async () => {
  const server = await startServer();
  onTestFinished(() => server.stop());
  const tablet = await launchBrowser({ baseURL: server.baseURL, locale: 'en-US' });
  const phone = await launchBrowser({ baseURL: server.baseURL, locale: 'en-US', viewport: PHONE });
  await tablet.page.goto('/');
  const code = await startSync(tablet.page);
  await joinShop(phone.page, code);

  // The back office's PC loses power in the worst moment: the server has stored the tablet's
  // first push, and dies before it can answer.
  let crashed: () => void = () => undefined;
  const serverCrashed = new Promise<void>((resolve) => (crashed = resolve));
  let pushes = 0;
  let storedBeforeCrash = 0;
  await tablet.context.route('**/api/sync/push', async (route) => {
    pushes += 1;
    if (pushes > 1) return route.continue();
    storedBeforeCrash = (await route.fetch()).status();
    await server.crash();
    crashed();
    await route.abort('connectionreset');
  });

  const regulars = 240;
  await openSettings(tablet.page);
  await tablet.page.getByLabel('Import customers', { exact: true }).setInputFiles({
    name: 'pos-export.csv',
    mimeType: 'text/csv',
    buffer: regularsCsv(regulars),
  });
  await button(tablet.page, 'Import').click();
  await see(tablet.page.getByRole('status').filter({ hasText: `Imported ${regulars} customers.` }));
  await serverCrashed;
  expect(storedBeforeCrash, 'the server had stored the first push').toBe(200);

  const waiting = status(tablet.page, /^Can't reach the sync server — \d+ changes waiting$/);
  await see(waiting, SYNC_WAIT);
  const held = Number(/(\d+) changes waiting/.exec(await waiting.innerText())?.[1]);
  expect(
    held,
    'every imported card still waits, the ones the server took included',
  ).toBeGreaterThanOrEqual(regulars);
  await see(tablet.page.getByRole('alert').filter({ hasText: 'cannot be reached' }));

  // The counter goes on working meanwhile.
  await openCard(tablet.page, '常連 7号', undefined, '090-1000-0007');
  await addNote(tablet.page, { note: 'Asked for the spring catalogue' });
  await see(status(tablet.page, /^Can't reach the sync server — \d+ changes waiting$/), SYNC_WAIT);

  // The server is started again, on the same data.
  await tablet.context.unroute('**/api/sync/push');
  await server.restart();
  await see(status(tablet.page, 'Synced'), 60_000);
  await see(status(phone.page, 'Synced'), 60_000);

  // On the phone: every regular, once, and the note, once.
  await phone.page.getByRole('link', { name: 'Customers', exact: true }).click();
  await see(
    phone.page.getByText(`${regulars} customers in the ledger`, { exact: true }),
    SYNC_WAIT,
  );
  await openCard(phone.page, '常連 7号', SYNC_WAIT, '090-1000-0007');
  await see(
    timeline(phone.page)
      .getByRole('listitem')
      .filter({ hasText: 'Asked for the spring catalogue' }),
    SYNC_WAIT,
  );
  expect(await timesInTimeline(phone.page, 'Asked for the spring catalogue')).toBe(1);

  // The power goes again while a buy-in's photo is on its way, wherever the server is in
  // storing it: the photo and the record still reach the phone, once.
  let crashedAgain: () => void = () => undefined;
  const serverCrashedAgain = new Promise<void>((resolve) => (crashedAgain = resolve));
  let photoPushes = 0;
  await tablet.context.route('**/api/sync/push', async (route) => {
    photoPushes += 1;
    await route.continue();
    if (photoPushes > 1) return;
    await server.crash();
    crashedAgain();
  });
  await recordBuyInWithPhoto(tablet.page, {
    description: 'Mario Kart 8 Deluxe',
    features: 'Switch cartridge, label worn',
    price: '2500',
  });
  await serverCrashedAgain;
  await see(status(tablet.page, /^Can't reach the sync server — \d+ changes? waiting$/), SYNC_WAIT);
  await tablet.context.unroute('**/api/sync/push');
  await server.restart();
  await see(status(tablet.page, 'Synced'), 60_000);

  await openCard(phone.page, '常連 7号', undefined, '090-1000-0007');
  const buyIn = timeline(phone.page)
    .getByRole('listitem')
    .filter({ hasText: 'Buy-in' })
    .filter({ hasText: 'Mario Kart 8 Deluxe' });
  await see(buyIn, 60_000);
  expect(await buyIn.count()).toBe(1);
  await timeline(phone.page)
    .getByRole('listitem')
    .filter({ hasText: 'Appraisal' })
    .filter({ hasText: 'Mario Kart 8 Deluxe' })
    .getByRole('link', { name: 'Open appraisal', exact: true })
    .click();
  const photo = phone.page.getByRole('img', { name: 'Photo of Mario Kart 8 Deluxe' });
  await see(photo, SYNC_WAIT);
  await photo.evaluate((img: HTMLImageElement) => img.decode());
  expect(
    await photo.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]),
  ).toEqual([1280, 853]);
  expect(
    await tablet.page.getByRole('alert').allInnerTexts(),
    'no sync problem left on the tablet',
  ).toEqual([]);
}, 240_000);

test('the owner’s phone is full while the counter’s changes arrive: it says so, and takes them once there is room', async () => {
  const server = await startServer();
  onTestFinished(() => server.stop());
  const tablet = await launchBrowser({ baseURL: server.baseURL, locale: 'en-US' });
  const phone = await launchBrowser({ baseURL: server.baseURL, locale: 'en-US', viewport: PHONE });
  const phoneDisk = await limitDeviceStorage(phone);
  await tablet.page.goto('/');
  await createCustomer(tablet.page, { name: '田中 花子', reading: 'たなか はなこ' });
  const code = await startSync(tablet.page);
  await joinShop(phone.page, code);
  await openCard(phone.page, '田中 花子', SYNC_WAIT);

  await phoneDisk.fill();
  await openCard(tablet.page, '田中 花子');
  await addNote(tablet.page, { note: 'Reserved the indigo furoshiki' });
  await createCustomer(tablet.page, { name: '鈴木 一郎', reading: 'すずき いちろう' });
  await see(status(tablet.page, 'Synced'), SYNC_WAIT);

  const problem = phone.page
    .getByRole('alert')
    .filter({ hasText: 'Changes from other devices could not be saved here' });
  await see(problem, SYNC_WAIT);
  expect(await problem.innerText()).toContain('Free some space; sync tries again by itself.');
  await see(status(phone.page, 'Not synced — 0 changes waiting'));

  await phoneDisk.free();
  await see(status(phone.page, 'Synced'), 60_000);
  await notSee(problem);
  await openCard(phone.page, '鈴木 一郎', SYNC_WAIT);
  await openCard(phone.page, '田中 花子');
  await see(
    timeline(phone.page).getByRole('listitem').filter({ hasText: 'Reserved the indigo furoshiki' }),
    SYNC_WAIT,
  );
  // A full disk is the device's trouble, not the changes': none of them was set aside.
  await openSettings(phone.page);
  await see(phone.page.getByRole('heading', { level: 1, name: 'Settings', exact: true }));
  expect(
    await phone.page.getByRole('region', { name: 'Changes set aside', exact: true }).count(),
  ).toBe(0);
}, 150_000);

test('a buy-in photographed on a full tablet: the photo is refused with the reason, the form keeps the rest, and the record is kept once there is room', async () => {
  const tablet = await launchBrowser({ locale: 'en-US' });
  const { page } = tablet;
  const disk = await limitDeviceStorage(tablet);
  await page.goto('/');
  await createCustomer(page, { name: '田中 花子', reading: 'たなか はなこ' });
  await button(page, 'New appraisal').click();
  await see(page.getByRole('heading', { level: 1, name: 'Appraisal', exact: true }));
  const game = page.getByRole('group', { name: 'Item 1', exact: true });
  await game
    .getByRole('combobox', { name: 'Category', exact: true })
    .selectOption({ label: 'Game software' });
  await textbox(game, 'Description').fill('Mario Kart 8 Deluxe');
  await textbox(game, 'Features').fill('Switch cartridge, label worn');
  await game.getByLabel('Price', { exact: true }).fill('2500');
  const photo = game.getByRole('img', { name: 'Photo of Mario Kart 8 Deluxe' });
  const takePhoto = async () =>
    game.getByLabel('Photo', { exact: true }).setInputFiles({
      name: 'IMG_0042.png',
      mimeType: 'image/png',
      buffer: await cameraPhoto(page),
    });

  // The disk is full: the photo cannot be kept, and the tablet says why (not "take it again").
  await disk.fill();
  await takePhoto();
  await see(
    game.getByText(
      'The device’s storage is full, so the photo was not kept. Free some space (or back up and clear old data), then take it again.',
    ),
  );
  expect(await photo.count()).toBe(0);
  expect(await textbox(game, 'Description').inputValue()).toBe('Mario Kart 8 Deluxe');

  await disk.free();
  await takePhoto();
  await see(photo);
  await game.getByRole('checkbox', { name: 'Accept', exact: true }).check();
  await page
    .getByRole('combobox', { name: 'ID document', exact: true })
    .selectOption({ label: "Driver's licence" });
  await textbox(page, 'Address').fill('京都市中京区三条通 1-2-3');
  await textbox(page, 'Occupation').fill('会社員');
  await textbox(page, 'Age').fill('42');

  // Full again by the time the buy-in is recorded: not recorded, said plainly, all of it kept.
  await disk.fill();
  await button(page, 'Record buy-in').click();
  await see(alertSaying(page, STORAGE_FULL));
  await see(photo);
  expect(await textbox(game, 'Description').inputValue()).toBe('Mario Kart 8 Deluxe');
  expect(await textbox(page, 'Address').inputValue()).toBe('京都市中京区三条通 1-2-3');

  await disk.free();
  await button(page, 'Record buy-in').click();
  await see(
    timeline(page)
      .getByRole('listitem')
      .filter({ hasText: 'Buy-in' })
      .filter({ hasText: 'Mario Kart 8 Deluxe' }),
  );
  await see(page.getByText(/Bought 1 time, .2,500 paid in total/));
  const appraisal = timeline(page)
    .getByRole('listitem')
    .filter({ hasText: 'Appraisal' })
    .filter({ hasText: 'Mario Kart 8 Deluxe' });
  await appraisal.getByRole('link', { name: 'Open appraisal', exact: true }).click();
  const kept = page.getByRole('img', { name: 'Photo of Mario Kart 8 Deluxe' });
  await see(kept);
  await kept.evaluate((img: HTMLImageElement) => img.decode());
  expect(
    await kept.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]),
  ).toEqual([1280, 853]);
}, 120_000);
