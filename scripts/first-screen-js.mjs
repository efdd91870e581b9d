// What the first screen really loads: the JavaScript files a browser requested from a fresh start
// until the search box was on screen (entry, preloads, and chunks imported before the first
// render such as the strings of the device's language), and with `query`, until the first results
// for it were on screen as well: the query is typed as soon as the box is there, so the search's
// own chunks (the index and its text normalisation) count. Each file is gzipped from dist/ as a
// server would send it. Files requested afterwards (the service worker's registration once the
// page is idle, screens opened later) are not part of the first screen.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

async function gzipKb(distDir, files) {
  let bytes = 0;
  for (const file of files) bytes += gzipSync(await readFile(path.join(distDir, file)), { level: 9 }).length;
  return Math.round((bytes / 1024) * 10) / 10;
}

/** `page` is a Playwright page on a fresh profile; `distDir` holds the files the server serves. */
export async function firstScreenJavaScript(page, distDir, url = '/', { query } = {}) {
  // Each moment is taken when the element enters the page, not when the test next asks: a request
  // that starts after the result is shown is not one the result needed.
  await page.addInitScript((query) => {
    new MutationObserver((_, observer) => {
      if (!window.__searchBoxAt && document.querySelector('input[type="search"]')) {
        window.__searchBoxAt = performance.now();
      }
      if (query && document.querySelector(`[data-results-for="${CSS.escape(query)}"]`)) {
        window.__resultsAt = performance.now();
      }
      if (window.__searchBoxAt && (!query || window.__resultsAt)) observer.disconnect();
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-results-for'] });
  }, query);
  await page.goto(url);
  const box = page.locator('input[type="search"]');
  await box.waitFor();
  if (query) {
    await box.fill(query);
    await page.locator(`[data-results-for="${query}"]`).waitFor();
  }
  const requested = (until) =>
    page.evaluate(
      (until) =>
        performance
          .getEntriesByType('resource')
          .filter((entry) => entry.startTime <= window[until])
          .map((entry) => entry.name)
          .filter((name) => new URL(name).pathname.endsWith('.js')),
      until,
    );
  const filesOf = (urls) => [...new Set(urls.map((u) => new URL(u).pathname))].filter((p) => !p.endsWith('/sw.js'));
  const boxFiles = filesOf(await requested('__searchBoxAt'));
  const files = query ? filesOf(await requested('__resultsAt')) : boxFiles;
  return { kb: await gzipKb(distDir, files), files, boxKb: await gzipKb(distDir, boxFiles), boxFiles };
}
