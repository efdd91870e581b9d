import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { expectNoNetwork, goOfflineAndReload, launchBrowser, notSee, reloadUnderServiceWorker, see, TABLET } from './browser';
import { button, cameraPhoto, cardHeading, createCustomer, textbox, timeline } from './ledger';

const SERIAL = 'HAC-P-AABPA-JPN-0042';

/** The photos as IndexedDB holds them, read without the app. */
async function storedPhotos(page: Page): Promise<{ width: number; height: number; type: string; size: number }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('daifuku');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('photos').objectStore('photos').getAll();
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            resolve(
              (request.result as { width: number; height: number; blob: Blob }[]).map((photo) => ({
                width: photo.width,
                height: photo.height,
                type: photo.blob.type,
                size: photo.blob.size,
              })),
            );
            open.result.close();
          };
        };
      }),
  );
}

async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('offline at the counter: appraise two items, buy one with the ID check, find it in the ledger by serial number and print it', async () => {
  const { context, page } = await launchBrowser({ locale: 'en-US', viewport: TABLET });
  await page.goto('/');
  const card = await createCustomer(page, { name: '田中 花子', reading: 'たなか はなこ', phone: '090-1234-5678' });

  await reloadUnderServiceWorker(page);
  await goOfflineAndReload(context, page);
  await see(cardHeading(page, '田中 花子'));

  // The appraisal screen is a lazily loaded chunk: offline it must come from the precache.
  await button(page, 'New appraisal').click();
  await see(page.getByRole('heading', { level: 1, name: 'Appraisal', exact: true }));
  const game = page.getByRole('group', { name: 'Item 1', exact: true });
  await game.getByRole('combobox', { name: 'Category', exact: true }).selectOption({ label: 'Game software' });
  await textbox(game, 'Description').fill('Mario Kart 8 Deluxe');
  await textbox(game, 'Features').fill(`Switch cartridge, serial ${SERIAL}, label worn`);
  await game.getByLabel('Price', { exact: true }).fill('2500');
  await game
    .getByLabel('Photo', { exact: true })
    .setInputFiles({ name: 'IMG_0042.png', mimeType: 'image/png', buffer: await cameraPhoto(page) });
  await see(game.getByRole('img', { name: 'Photo of Mario Kart 8 Deluxe' }));

  const [photo] = await storedPhotos(page);
  expect(photo, 'the photo was resized on the device and stored as JPEG').toEqual({
    width: 1280,
    height: 853,
    type: 'image/jpeg',
    size: expect.any(Number),
  });
  expect(photo!.size).toBeLessThan(400_000);

  await button(page, 'Add item').click();
  const kimono = page.getByRole('group', { name: 'Item 2', exact: true });
  await kimono.getByRole('combobox', { name: 'Category', exact: true }).selectOption({ label: 'Clothing, kimono' });
  await textbox(kimono, 'Description').fill('訪問着');
  await kimono.getByLabel('Price', { exact: true }).fill('8000');

  await game.getByRole('checkbox', { name: 'Accept', exact: true }).check();
  await see(page.getByText('Game software: always needs the ID check and a ledger record, whatever the price.'));
  await page.getByRole('combobox', { name: 'ID document', exact: true }).selectOption({ label: "Driver's licence" });
  await textbox(page, 'Address').fill('京都市中京区三条通 1-2-3');
  await textbox(page, 'Occupation').fill('会社員');
  await textbox(page, 'Age').fill('42');
  const problems = await seriousViolations(page, 'appraisal with ID check');
  await button(page, 'Record buy-in').click();

  await see(cardHeading(page, '田中 花子'));
  expect(new URL(page.url()).pathname).toBe(card);
  await see(timeline(page).getByRole('listitem').filter({ hasText: 'Buy-in' }).filter({ hasText: 'Mario Kart 8 Deluxe' }));
  await see(timeline(page).getByRole('listitem').filter({ hasText: 'Appraisal' }).filter({ hasText: '訪問着' }));

  await page.getByRole('link', { name: 'Ledger', exact: true }).click();
  const search = page.getByRole('searchbox', { name: 'Search ledger', exact: true });
  await see(search);
  const ledger = page.getByRole('table', { name: 'Ledger entries' });
  await search.fill('XYZ-0000');
  await notSee(ledger);
  await search.fill(SERIAL.toLowerCase().replace(/-/g, ''));
  const row = ledger.getByRole('row').filter({ hasText: SERIAL });
  await see(row);
  for (const field of ['Mario Kart 8 Deluxe', '京都市中京区三条通 1-2-3', '田中 花子', '会社員', '42', "Driver's licence", '¥2,500']) {
    expect(await row.innerText(), field).toContain(field);
  }
  expect(await ledger.innerText(), 'the declined kimono is not a purchase').not.toContain('訪問着');
  problems.push(...(await seriousViolations(page, 'ledger')));

  // Print preview: the navigation and controls give way to a plain table with the shop's name.
  await page.emulateMedia({ media: 'print' });
  await notSee(page.getByRole('navigation'));
  await notSee(search);
  await see(row);
  await see(page.getByText(/^My shop · /));
  const pdf = await page.pdf({ landscape: true, printBackground: false });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(10_000);
  await page.emulateMedia({ media: 'screen' });

  expect(problems, `accessibility problems:\n${problems.join('\n')}`).toEqual([]);
  // Still offline at the end: everything above came from the precache and IndexedDB.
  await expectNoNetwork(page);
});
