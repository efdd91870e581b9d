/**
 * The counter's tablet may be cheap and its network slow: everything the first screen needs to
 * answer a search typed as soon as the box is there (the box, the search index and its text
 * normalisation) must stay under 150 KB of gzipped JavaScript. Everything else is lazy-loaded and
 * precached, and start-up's later work waits for that answer (lib/first-answer). `npm run bench`
 * reports the same figure on a ledger of 50,000 cards (first_screen_js_gzip_kb).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { firstScreenJavaScript } from '../../scripts/first-screen-js.mjs';
import { launchBrowser } from './browser';
import { repoRoot } from './server';

const BUDGET_KB = 150;

for (const locale of ['ja-JP', 'en-US']) {
  test(`the first screen answers a search with under ${BUDGET_KB} KB of gzipped JavaScript, the search's own chunks included (${locale})`, async () => {
    const { page, consoleErrors } = await launchBrowser({ locale });
    const { kb, files, boxKb, boxFiles } = await firstScreenJavaScript(page, path.join(repoRoot, 'dist'), '/', {
      query: 'たなか',
    });
    console.log(
      `first-screen JavaScript (${locale}): ${boxKb} KB gzip in ${boxFiles.length} files for the search box, ` +
        `${kb} KB in ${files.length} files with the first search result`,
    );
    expect(boxFiles.length).toBeGreaterThan(0);
    expect(kb).toBeLessThan(BUDGET_KB);
    // The search's own chunks came after the box, and are counted in the figure up to the result.
    expect(boxFiles.some((file) => file.includes('search'))).toBe(false);
    expect(files.some((file) => file.includes('search'))).toBe(true);
    expect(kb).toBeGreaterThan(boxKb);
    // Nothing else loads before the answer: follow-up suggestions, the next screens and the
    // service worker's code wait for it.
    expect(files.filter((file) => /follow-ups|CustomerPage|customer-input|workbox|UpdatePrompt/.test(file))).toEqual([]);

    // index.html's line of script preloaded this language's strings: the server's
    // Content-Security-Policy lets that one inline script run.
    const html = await readFile(path.join(repoRoot, 'dist/index.html'), 'utf8');
    const stringsFiles = JSON.parse(/var files = (\{[^}]*\})/.exec(html)?.[1] ?? '{}') as Record<string, string>;
    const preloaded = await page.evaluate(() =>
      [...document.querySelectorAll('link[rel="modulepreload"]')].map((link) => link.getAttribute('href')),
    );
    expect(preloaded).toContain(stringsFiles[locale.slice(0, 2)]);
    expect(consoleErrors.filter((e) => e.includes('Content Security Policy'))).toEqual([]);
  });
}
