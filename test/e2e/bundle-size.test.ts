/**
 * The counter's tablet may be cheap and its network slow: the first screen (the search box)
 * must stay under 150 KB of gzipped JavaScript. Everything else is lazy-loaded and precached.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { firstScreenJavaScript } from '../../scripts/first-screen-js.mjs';
import { launchBrowser } from './browser';
import { repoRoot } from './server';

const BUDGET_KB = 150;

for (const locale of ['ja-JP', 'en-US']) {
  test(`the first screen loads under ${BUDGET_KB} KB of gzipped JavaScript (${locale})`, async () => {
    const { page, consoleErrors } = await launchBrowser({ locale });
    const { kb, files } = await firstScreenJavaScript(page, path.join(repoRoot, 'dist'));
    console.log(`first-screen JavaScript (${locale}): ${kb} KB gzip in ${files.length} files`);
    expect(files.length).toBeGreaterThan(0);
    expect(kb).toBeLessThan(BUDGET_KB);

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
