// Screenshots of sync's screens (Settings → Sync before and after starting, a joined device's
// header) at phone and tablet sizes in Japanese and English. Needs a built app: `npm run build`,
// then `node scripts/screenshots-sync.mjs [out-dir]`. The server keeps its data in a temp folder.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { SIZES, startBuiltServer } from './built-server.mjs';

const out = path.resolve(process.argv[2] ?? 'screenshots');
await mkdir(out, { recursive: true });
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'daifuku-shots-data-'));
const server = await startBuiltServer({ dataDir, output: 'inherit' });
const base = server.baseURL;
const sizes = SIZES;
const locales = { ja: 'ja-JP', en: 'en-US' };
const L = {
  ja: { start: '同期を始める', code: 'ペアリングコードを入力', join: 'お店に参加', synced: '同期済み', pairing: 'ペアリングコード', customers: '顧客' },
  en: { start: 'Start sync', code: 'Enter pairing code', join: 'Join shop', synced: 'Synced', pairing: 'Pairing code', customers: 'Customers' },
};

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
      const one = await browser.newContext({ locale, viewport, baseURL: base });
      const two = await browser.newContext({ locale, viewport, baseURL: base });
      const a = await one.newPage();
      const b = await two.newPage();
      for (const p of [a, b]) p.on('pageerror', (e) => console.error('pageerror', e.message));
      await a.goto('/settings');
      await a.getByRole('button', { name: t.start }).waitFor();
      await a.getByRole('heading', { level: 2, name: lang === 'ja' ? '同期' : 'Sync', exact: true }).scrollIntoViewIfNeeded();
      await a.screenshot({ path: `${out}/sync-${lang}-${sizeName}-1-not-syncing.png`, fullPage: true });
      await a.getByRole('button', { name: t.start }).click();
      const code = await a.getByLabel(t.pairing, { exact: true }).textContent({ timeout: 15_000 });
      await a.getByRole('status').filter({ hasText: t.synced }).waitFor({ timeout: 15_000 });
      await a.getByLabel(t.pairing, { exact: true }).scrollIntoViewIfNeeded();
      await a.screenshot({ path: `${out}/sync-${lang}-${sizeName}-2-owner-code.png`, fullPage: true });
      await b.goto('/settings');
      await b.getByRole('textbox', { name: t.code }).fill(code ?? '');
      await b.getByRole('button', { name: t.join }).click();
      await b.getByRole('status').filter({ hasText: t.synced }).waitFor({ timeout: 15_000 });
      await b.getByRole('link', { name: t.customers, exact: true }).click();
      await b.waitForTimeout(300);
      await b.screenshot({ path: `${out}/sync-${lang}-${sizeName}-3-joined.png` });
      await two.setOffline(true);
      await b.waitForTimeout(300);
      await b.screenshot({ path: `${out}/sync-${lang}-${sizeName}-4-offline.png` });
      await one.close();
      await two.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
console.log(`screenshots in ${out}`);
