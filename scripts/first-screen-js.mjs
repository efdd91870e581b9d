// What the first screen really loads: the JavaScript files a browser requested from a fresh start
// until the search box was on screen (entry, preloads, and chunks imported before the first
// render such as the strings of the device's language), each gzipped from dist/ as a server
// would send it. Files requested afterwards (the service worker's registration once the page is
// idle, screens opened later) are not part of the first screen.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** `page` is a Playwright page on a fresh profile; `distDir` holds the files the server serves. */
export async function firstScreenJavaScript(page, distDir, url = '/') {
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('input[type="search"]')) {
        window.__searchBoxAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
  await page.locator('input[type="search"]').waitFor();
  const urls = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => entry.startTime <= window.__searchBoxAt)
      .map((entry) => entry.name)
      .filter((name) => new URL(name).pathname.endsWith('.js')),
  );
  const files = [...new Set(urls.map((u) => new URL(u).pathname))].filter((p) => !p.endsWith('/sw.js'));
  let bytes = 0;
  for (const file of files) bytes += gzipSync(await readFile(path.join(distDir, file)), { level: 9 }).length;
  return { kb: Math.round((bytes / 1024) * 10) / 10, files };
}
