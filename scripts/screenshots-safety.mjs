// Screenshots of the data-safety screens (settings sections, import result, a card's personal
// data panel with a likely duplicate, the printable data page, self-entry, the lock screen) at
// phone and tablet sizes in Japanese and English. `npm run build`, then
// `node scripts/screenshots-safety.mjs [out-dir]`.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { SIZES, startBuiltServer } from './built-server.mjs';

const out = path.resolve(process.argv[2] ?? 'screenshots');
await mkdir(out, { recursive: true });
const server = await startBuiltServer({ output: 'inherit' });
const base = server.baseURL;
const sizes = SIZES;
const L = {
  ja: { import: '顧客を取り込む', importBtn: '取り込む', search: '顧客を検索', settings: '設定', customers: '顧客', capture: 'すぐ登録', hand: 'お客様にタブレットを渡す', name: 'お名前', exportData: 'このお客様のデータを書き出す', newPin: '新しい暗証番号', setPin: '暗証番号を設定' },
  en: { import: 'Import customers', importBtn: 'Import', search: 'Search customers', settings: 'Settings', customers: 'Customers', capture: 'Quick capture', hand: 'Hand the tablet to the customer', name: 'Name', exportData: "Export this customer's data", newPin: 'New PIN for', setPin: 'Set PIN for' },
};
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const [lang, locale] of [['ja', 'ja-JP'], ['en', 'en-US']]) {
    for (const [sizeName, viewport] of Object.entries(sizes)) {
      if (process.env.ONLY && process.env.ONLY !== `${lang}-${sizeName}`) continue;
      const t = L[lang];
      const shot = (name, full = true) => page.screenshot({ path: `${out}/safety-${lang}-${sizeName}-${name}.png`, fullPage: full });
      const context = await browser.newContext({ locale, viewport, baseURL: base, deviceScaleFactor: 1, acceptDownloads: true });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error('pageerror', e.message));
      await page.goto('/settings');
      await page.getByLabel(t.import, { exact: true }).setInputFiles('test/fixtures/spreadsheet-utf8-bom.csv');
      await page.waitForTimeout(400);
      await page.getByLabel(t.import, { exact: true }).scrollIntoViewIfNeeded();
      await shot('1-import-preview', false);
      await page.getByRole('button', { name: t.importBtn, exact: true }).click();
      await page.getByRole('status').filter({ hasText: /2/ }).first().waitFor();
      await page.waitForTimeout(300);
      await page.locator('.import-result').scrollIntoViewIfNeeded();
      await shot('2-import-result', false);
      await page.getByLabel(t.import, { exact: true }).setInputFiles('test/fixtures/pos-export-shift-jis.csv');
      await page.waitForTimeout(300);
      await page.getByRole('button', { name: t.importBtn, exact: true }).click();
      await page.waitForTimeout(800);
      await shot('3-settings');
      // A likely duplicate on a card: the same phone as an imported customer.
      await page.goto('/customers/new');
      await page.getByRole('textbox', { name: t.name, exact: true }).fill('山田 たろう');
      await page.getByRole('textbox', { name: lang === 'ja' ? '電話番号' : 'Phone', exact: true }).fill('090-1111-2222');
      await page.waitForTimeout(700);
      await shot('4-new-customer-duplicate', false);
      await page.getByRole('button', { name: lang === 'ja' ? '保存' : 'Save', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '山田 たろう' }).waitFor();
      await page.waitForTimeout(600);
      await shot('5-card');
      await page.getByRole('button', { name: t.exportData }).click();
      await page.waitForURL('**/data');
      await page.waitForTimeout(400);
      await shot('6-customer-data');
      await page.goto('/capture');
      await page.getByRole('button', { name: t.hand }).click();
      await page.waitForTimeout(500);
      await shot('7-self-entry');
      await page.getByRole('button', { name: lang === 'ja' ? 'スタッフ用：受け取る' : 'Staff: take the tablet back' }).click();
      await page.goto('/settings');
      await page.getByLabel(new RegExp(t.newPin)).first().fill('1357');
      await page.getByRole('button', { name: new RegExp(t.setPin) }).first().click();
      await page.waitForTimeout(800);
      await page.getByRole('button', { name: lang === 'ja' ? 'ロック' : 'Lock', exact: true }).click();
      await page.waitForTimeout(500);
      await shot('8-locked', false);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(`screenshots in ${out}`);
