// Imports a 50,000-row CSV through the real import screen in chromium and prints how long it took
// and the longest gap between painted frames (a frozen screen shows as a long gap). Figures only,
// no pass/fail. Needs a built app: `npm run build`, then `node scripts/measure-import.mjs [rows]`.
/* global window, requestAnimationFrame -- page.evaluate callbacks run in the browser */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startBuiltServer } from './built-server.mjs';

const rows = Number(process.argv[2] ?? 50_000);
const server = await startBuiltServer({ copyStatic: false });
const base = server.baseURL;

const families = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤'];
const kana = ['さとう', 'すずき', 'たかはし', 'たなか', 'いとう', 'わたなべ', 'やまもと', 'なかむら', 'こばやし', 'かとう'];
const lines = ['氏名,フリガナ,電話番号,メールアドレス,住所,誕生日,備考'];
for (let i = 0; i < rows; i++) {
  const f = i % 10;
  lines.push(`${families[f]} 客${i},${kana[f]} きゃく${i},090-${String(3000 + Math.floor(i / 10000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')},c${i}@example.jp,東京都新宿区${i % 9}-${i % 30},1980-01-${String((i % 28) + 1).padStart(2, '0')},会員 ${i}`);
}
const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'daifuku-import-')), `customers-${rows}.csv`);
await writeFile(file, lines.join('\n') + '\n');

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ baseURL: base, locale: 'en-US' });
  await page.goto('/settings');
  await page.getByLabel('Import customers', { exact: true }).setInputFiles(file);
  await page.getByText('CSV file, UTF-8').waitFor();
  await page.evaluate(() => {
    const w = window;
    w.__gaps = [];
    let last = performance.now();
    const tick = (now) => {
      w.__gaps.push(now - last);
      last = now;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const started = Date.now();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('status').filter({ hasText: `Imported ${rows.toLocaleString('en-US')}` }).or(page.getByRole('status').filter({ hasText: `Imported ${rows}` })).waitFor({ timeout: 600_000 });
  const importMs = Date.now() - started;
  const gaps = await page.evaluate(() => {
    window.__stop = true;
    return window.__gaps;
  });
  gaps.sort((a, b) => a - b);
  const p = (q) => Math.round(gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))]);
  console.log(JSON.stringify({ rows, import_ms: importMs, frames: gaps.length, frame_gap_p50_ms: p(0.5), frame_gap_p95_ms: p(0.95), frame_gap_max_ms: Math.round(gaps.at(-1)) }));
} finally {
  await browser.close();
  await server.stop();
}
