// Screenshots of the buy-in ledger screens (card, appraisal, ID check, ledger, record, print
// preview) at phone and tablet sizes in Japanese and English, for people to look at.
// Needs a built app: `npm run build`, then `node scripts/buyin-screenshots.mjs [outdir]`.
/* global OffscreenCanvas -- used inside page.evaluate, which runs in the browser */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { SIZES, startBuiltServer } from './built-server.mjs';

const out = path.resolve(process.argv[2] ?? 'screenshots/buyin');
await mkdir(out, { recursive: true });

const server = await startBuiltServer({ output: 'inherit' });
const base = server.baseURL;
const sizes = SIZES;
const L = {
  ja: {
    locale: 'ja-JP', name: 'お名前', reading: 'よみがな', save: '保存', newAppraisal: '査定をはじめる', item: '品物', category: '品目',
    description: '品名', features: '特徴', price: '査定額', addItem: '品物を追加', accept: '買取', photo: '写真', document: '身分証明書',
    licence: '運転免許証', occupation: '職業', age: '年齢', record: '買取を記録', ledger: '古物台帳', search: '台帳を検索',
    game: 'ゲームソフト', kimono: '衣類・着物', address: '住所', correct: 'この記録を訂正', sale: '販売を記録',
  },
  en: {
    locale: 'en-US', name: 'Name', reading: 'Reading', save: 'Save', newAppraisal: 'New appraisal', item: 'Item', category: 'Category',
    description: 'Description', features: 'Features', price: 'Price', addItem: 'Add item', accept: 'Accept', photo: 'Photo',
    document: 'ID document', licence: "Driver's licence", occupation: 'Occupation', age: 'Age', record: 'Record buy-in',
    ledger: 'Ledger', search: 'Search ledger', game: 'Game software', kimono: 'Clothing, kimono', address: 'Address',
    correct: 'Correct this record', sale: 'Record sale',
  },
};

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const [lang, t] of Object.entries(L)) {
    for (const [sizeName, viewport] of Object.entries(sizes)) {
      if (process.env.ONLY && process.env.ONLY !== `${lang}-${sizeName}`) continue;
      const shot = (name, fullPage = true) => page.screenshot({ path: `${out}/${lang}-${sizeName}-${name}.png`, fullPage });
      const context = await browser.newContext({ locale: t.locale, viewport, baseURL: base, deviceScaleFactor: 1 });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error('pageerror', e.message));

      await page.goto('/customers/new');
      await page.getByRole('textbox', { name: t.name, exact: true }).fill('田中 花子');
      await page.getByRole('textbox', { name: t.reading, exact: true }).fill('たなか はなこ');
      await page.getByLabel(t.address, { exact: true }).fill('京都市中京区三条通 1-2-3');
      await page.getByRole('button', { name: t.save, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '田中 花子' }).waitFor();
      await shot('1-card-empty');

      await page.getByRole('button', { name: t.newAppraisal }).click();
      const item1 = page.getByRole('group', { name: `${t.item} 1` });
      await item1.getByRole('combobox', { name: t.category }).selectOption({ label: t.game });
      await item1.getByRole('textbox', { name: t.description }).fill('マリオカート8 デラックス');
      await item1.getByRole('textbox', { name: t.features }).fill('Switch, HAC-P-AABPA, ケースに傷');
      await item1.getByRole('textbox', { name: t.price }).fill('2500');
      const png = await page.evaluate(async () => {
        const canvas = new OffscreenCanvas(2400, 1800);
        const g = canvas.getContext('2d');
        g.fillStyle = '#c0392b';
        g.fillRect(0, 0, 2400, 1800);
        g.fillStyle = '#fff';
        g.font = 'bold 320px sans-serif';
        g.fillText('SWITCH', 300, 1000);
        const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
        return Array.from(bytes);
      });
      await item1.getByLabel(t.photo).setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: Buffer.from(png) });
      await item1.getByRole('img').waitFor();
      await page.getByRole('button', { name: t.addItem }).click();
      const item2 = page.getByRole('group', { name: `${t.item} 2` });
      await item2.getByRole('combobox', { name: t.category }).selectOption({ label: t.kimono });
      await item2.getByRole('textbox', { name: t.description }).fill('訪問着');
      await item2.getByRole('textbox', { name: t.features }).fill('正絹、藤色、裾にしみ');
      await item2.getByRole('textbox', { name: t.price }).fill('8000');
      await shot('2-appraisal');
      await item1.getByRole('checkbox', { name: t.accept }).check();
      await page.getByRole('button', { name: t.record }).click();
      await page.waitForTimeout(200);
      await shot('3-id-check-invalid');
      await page.getByRole('combobox', { name: t.document }).selectOption({ label: t.licence });
      await page.getByRole('textbox', { name: t.occupation }).fill('会社員');
      await page.getByRole('textbox', { name: t.age, exact: true }).fill('42');
      await page.getByRole('button', { name: t.record }).click();
      await page.getByRole('heading', { level: 1, name: '田中 花子' }).waitFor();
      await page.waitForTimeout(300);
      await shot('4-card-after');

      await page.getByRole('link', { name: t.ledger, exact: true }).click();
      await page.getByRole('searchbox', { name: t.search }).waitFor();
      await page.waitForTimeout(300);
      await shot('5-ledger');
      await page.getByRole('searchbox', { name: t.search }).fill('hacp');
      await page.waitForTimeout(300);
      await page.emulateMedia({ media: 'print' });
      await shot('6-ledger-print');
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('table').getByRole('link').first().click();
      await page.waitForTimeout(400);
      await shot('7-record');
      await page.getByRole('link', { name: t.correct }).click();
      await page.waitForTimeout(400);
      await shot('8-correction');
      await page.goto('/ledger/rules');
      await page.waitForTimeout(400);
      await shot('9-sale-rules');
      await page.goto('/');
      await page.getByRole('link', { name: /^田中 花子/ }).first().click();
      await page.getByRole('button', { name: t.sale }).click();
      await page.waitForTimeout(400);
      await shot('10-sale');
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(`screenshots in ${out}`);
