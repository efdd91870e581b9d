import { expect, test } from 'vitest';
import { launchBrowser, reloadUnderServiceWorker } from './browser';

interface ManifestIcon {
  src: string;
  sizes?: string;
  type?: string;
  purpose?: string;
}

interface WebAppManifest {
  name?: string;
  short_name?: string;
  start_url?: string;
  display?: string;
  theme_color?: string;
  background_color?: string;
  icons?: ManifestIcon[];
}

/** Width and height from a PNG's IHDR chunk; throws if the bytes are not a PNG. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 24 || signature.some((byte, i) => bytes[i] !== byte))
    throw new Error('not a PNG');
  if (new TextDecoder().decode(bytes.subarray(12, 16)) !== 'IHDR')
    throw new Error('PNG without IHDR first');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

test('the shop can install the ledger: the manifest, icons and precache are all there', async () => {
  const { page } = await launchBrowser({ locale: 'en-US' });
  await page.goto('/');

  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(manifestHref, 'index.html links a manifest').toBeTruthy();
  const manifestURL = new URL(manifestHref ?? '', page.url());
  const response = await fetch(manifestURL);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type') ?? '').toMatch(/^application\/(manifest\+)?json\b/);
  const manifest = (await response.json()) as WebAppManifest;

  expect(manifest).toMatchObject({
    name: expect.any(String),
    short_name: expect.any(String),
    start_url: expect.any(String),
    display: 'standalone',
    theme_color: expect.stringMatching(/^#[0-9a-f]{3,8}$/i),
    background_color: expect.stringMatching(/^#[0-9a-f]{3,8}$/i),
  });
  const icons = manifest.icons ?? [];
  const sized = (size: string) =>
    icons.some((icon) => icon.type === 'image/png' && icon.sizes?.split(/\s+/).includes(size));
  expect(sized('192x192'), 'a 192x192 PNG icon').toBe(true);
  expect(sized('512x512'), 'a 512x512 PNG icon').toBe(true);
  expect(
    icons.some((icon) => icon.purpose?.split(/\s+/).includes('maskable')),
    'a maskable icon',
  ).toBe(true);

  for (const icon of icons) {
    const iconResponse = await fetch(new URL(icon.src, manifestURL));
    expect(iconResponse.status, icon.src).toBe(200);
    expect(iconResponse.headers.get('content-type'), icon.src).toBe('image/png');
    const { width, height } = pngSize(new Uint8Array(await iconResponse.arrayBuffer()));
    expect(icon.sizes?.split(/\s+/), `${icon.src} is ${width}x${height}`).toContain(
      `${width}x${height}`,
    );
  }

  expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toMatch(
    /^#[0-9a-f]{3,8}$/i,
  );
  const touchIconHref = await page
    .locator('link[rel="apple-touch-icon"]')
    .first()
    .getAttribute('href');
  expect(touchIconHref, 'index.html links an apple-touch-icon').toBeTruthy();
  const touchIcon = await fetch(new URL(touchIconHref ?? '', page.url()));
  expect(touchIcon.status, String(touchIconHref)).toBe(200);
  expect(touchIcon.headers.get('content-type'), String(touchIconHref)).toBe('image/png');
  pngSize(new Uint8Array(await touchIcon.arrayBuffer()));

  await reloadUnderServiceWorker(page);
  const cached = await page.evaluate(async () => {
    const entries: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      entries[name] = (await cache.keys()).map((request) => new URL(request.url).pathname);
    }
    return entries;
  });
  const precache = Object.entries(cached).find(([name]) => name.includes('precache'));
  expect(precache, `a workbox precache among ${JSON.stringify(Object.keys(cached))}`).toBeDefined();
  expect(precache?.[1]).toContain('/index.html');
});
