// Screenshots of the main screens at phone and tablet sizes, in Japanese and English, for people
// to look at (and for the README). Needs a built app: `npm run build`, then `node scripts/screenshots.mjs`.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { SIZES, startBuiltServer } from './built-server.mjs';

const out = path.resolve(process.argv[2] ?? 'screenshots');
await mkdir(out, { recursive: true });

const server = await startBuiltServer({ output: 'inherit' });
const base = server.baseURL;
const sizes = SIZES;
const locales = { ja: 'ja-JP', en: 'en-US' };
const L = {
  ja: { search: '顧客を検索', newCustomer: '新規顧客', name: 'お名前', reading: 'よみがな', phone: '電話番号', email: 'メール', may: '連絡してよい', save: '保存', addNote: 'メモを追加', note: 'メモ', amount: '金額', saveNote: 'メモを保存', capture: 'すぐ登録', settings: '設定', customers: '顧客' },
  en: { search: 'Search customers', newCustomer: 'New customer', name: 'Name', reading: 'Reading', phone: 'Phone', email: 'Email', may: 'May contact', save: 'Save', addNote: 'Add note', note: 'Note', amount: 'Amount', saveNote: 'Save note', capture: 'Quick capture', settings: 'Settings', customers: 'Customers' },
};
const people = [
  ['田中 花子', 'たなか はなこ', '090-1234-5678', 'hana@example.jp', '有田焼の花瓶を探している。ポチ（柴犬）の話で盛り上がる'],
  ['佐藤 一郎', 'さとう いちろう', '080-2345-6789', '', 'Mサイズ。ジャケットを見に来店'],
  ['John Smith', 'じょん すみす', '070-3456-7890', 'john@example.com', 'Collects Imari plates'],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const [lang, locale] of Object.entries(locales)) {
    for (const [sizeName, viewport] of Object.entries(sizes)) {
      if (process.env.ONLY && process.env.ONLY !== `${lang}-${sizeName}`) continue;
      const t = L[lang];
      const context = await browser.newContext({ locale, viewport, baseURL: base, deviceScaleFactor: 1 });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error('pageerror', e.message));
      await page.goto('/');
      await page.getByRole('searchbox', { name: t.search }).waitFor();
      await page.screenshot({ path: `${out}/${lang}-${sizeName}-1-empty.png` });
      for (const [name, reading, phone, email, about] of people) {
        await page.goto('/customers/new');
        await page.getByRole('textbox', { name: t.name, exact: true }).fill(name);
        await page.getByRole('textbox', { name: t.reading, exact: true }).fill(reading);
        await page.getByRole('textbox', { name: t.phone, exact: true }).fill(phone);
        if (email) await page.getByRole('textbox', { name: t.email, exact: true }).fill(email);
        await page.getByLabel(lang === 'ja' ? 'この方について' : 'About them').fill(about);
        await page.getByLabel(lang === 'ja' ? 'タグ' : 'Tags').fill(lang === 'ja' ? '常連候補, 陶器' : 'pottery, regular?');
        await page.getByRole('checkbox', { name: t.may }).check();
        if (name === people[0][0]) await page.screenshot({ path: `${out}/${lang}-${sizeName}-2-new-customer.png`, fullPage: true });
        await page.getByRole('button', { name: t.save, exact: true }).click();
        await page.getByRole('heading', { level: 1, name }).waitFor();
        await page.getByRole('button', { name: t.addNote }).click();
        await page.getByRole('textbox', { name: t.note, exact: true }).fill(lang === 'ja' ? '伊万里の小皿を購入。次は花瓶を見たいとのこと' : 'Bought an Imari dish; wants to see vases next time');
        await page.getByLabel(t.amount).fill('3800');
        await page.getByRole('button', { name: t.saveNote }).click();
        await page.getByRole('button', { name: t.addNote }).waitFor();
      }
      await page.screenshot({ path: `${out}/${lang}-${sizeName}-4-card.png`, fullPage: true });
      await page.getByRole('button', { name: t.addNote }).click();
      await page.screenshot({ path: `${out}/${lang}-${sizeName}-5-add-note.png` });
      await page.getByRole('link', { name: t.customers }).click();
      await page.getByRole('searchbox', { name: t.search }).fill('tana');
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}/${lang}-${sizeName}-3-search.png` });
      await page.getByRole('searchbox', { name: t.search }).fill('');
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${out}/${lang}-${sizeName}-6-recent.png` });
      await page.getByRole('link', { name: t.capture }).click();
      await page.getByRole('button', { name: t.save, exact: true }).click();
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${out}/${lang}-${sizeName}-7-capture-invalid.png`, fullPage: true });
      await page.getByRole('link', { name: t.settings }).click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}/${lang}-${sizeName}-8-settings.png`, fullPage: true });
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(`screenshots in ${out}`);
