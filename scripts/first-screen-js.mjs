// What the first screen really loads: the JavaScript files a browser fetched from a fresh start
// until the search box is on screen (entry, preloads, and chunks imported at start such as the
// strings of the device's language), each gzipped from dist/ as a server would send it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** `page` is a Playwright page on a fresh profile; `distDir` holds the files the server serves. */
export async function firstScreenJavaScript(page, distDir, url = '/') {
  await page.goto(url);
  await page.locator('input[type="search"]').waitFor();
  const urls = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => new URL(name).pathname.endsWith('.js')),
  );
  const files = [...new Set(urls.map((u) => new URL(u).pathname))].filter((p) => !p.endsWith('/sw.js'));
  let bytes = 0;
  for (const file of files) bytes += gzipSync(await readFile(path.join(distDir, file)), { level: 9 }).length;
  return { kb: Math.round((bytes / 1024) * 10) / 10, files };
}
