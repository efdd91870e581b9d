// @vitest-environment node
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';

const packageVersion = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

const PRELOAD = "document.head.appendChild(document.createElement('link'));";
const INDEX_HTML = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>大福帳</title><script>${PRELOAD}</script></head><body><div id="root"></div></body></html>`;

let workDir: string;
let staticDir: string;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'daifuku-server-'));
  staticDir = path.join(workDir, 'dist');
  await mkdir(path.join(staticDir, 'assets'), { recursive: true });
  await writeFile(path.join(staticDir, 'index.html'), INDEX_HTML);
  await writeFile(path.join(staticDir, 'assets', 'x.js'), 'console.log("x");');
  // What `vite build` leaves next to each bundle: the original source, for debugging only.
  await writeFile(path.join(staticDir, 'assets', 'x.js.map'), '{"version":3,"sources":["../src/db/staff/staff.ts"],"sourcesContent":["secret source"]}');
  await writeFile(path.join(staticDir, 'sw.js'), 'self.addEventListener("install", () => {});');
  await writeFile(path.join(staticDir, 'manifest.webmanifest'), '{"name":"Daifuku"}');
  await writeFile(path.join(staticDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // A file right next to the static folder: what a traversal attack would be after.
  await writeFile(path.join(workDir, 'secret.txt'), 'the shop owner’s password');
  app = createApp({ staticDir });
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('health check', () => {
  it('reports ok and the version from package.json', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ ok: true, version: packageVersion });
  });
});

describe('api paths', () => {
  it.each(['/api/unknown', '/api/customers/1', '/api', '/api/', '/%61pi/unknown'])(
    'answers %s with a JSON 404, never the app shell',
    async (url) => {
      const res = await app.request(url);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'not found' });
    },
  );

  it('answers a POST to an unknown api path with a JSON 404', async () => {
    const res = await app.request('/api/sync', { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not found' });
  });
});

describe('static files', () => {
  it.each([
    ['/', 'text/html'],
    ['/index.html', 'text/html'],
    ['/assets/x.js', 'text/javascript'],
    ['/sw.js', 'text/javascript'],
    ['/manifest.webmanifest', 'application/manifest+json'],
    ['/favicon.svg', 'image/svg+xml'],
  ])('serves %s as %s', async (url, type) => {
    const res = await app.request(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')?.split(';')[0]).toBe(type);
  });

  it('lets browsers keep content-hashed assets for a year', async () => {
    const res = await app.request('/assets/x.js');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it.each([
    '/',
    '/index.html',
    '/sw.js',
    '/manifest.webmanifest',
    '/favicon.svg',
    '/customers/123',
  ])('makes browsers revalidate %s so a new version is noticed', async (url) => {
    const res = await app.request(url);
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves a new sw.js copied over the old one while running', async () => {
    const before = await (await app.request('/sw.js')).text();
    await writeFile(path.join(staticDir, 'sw.js'), '// version 2');
    const after = await (await app.request('/sw.js')).text();
    expect(before).not.toBe(after);
    expect(after).toBe('// version 2');
  });

  it('answers an unchanged file with 304 when the browser already has it', async () => {
    const first = await app.request('/manifest.webmanifest');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await app.request('/manifest.webmanifest', {
      headers: { 'If-None-Match': etag ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('sends text compressed to a browser that accepts it, and plain to one that does not', async () => {
    const script = `${'console.log("一つの台帳");\n'.repeat(200)}`;
    await writeFile(path.join(staticDir, 'assets', 'big.js'), script);
    const br = await app.request('/assets/big.js', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(brBytes).toString()).toBe(script);

    const gzip = await app.request('/assets/big.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(script);
    expect(gzip.headers.get('etag')).not.toBe(br.headers.get('etag'));

    const plain = await app.request('/assets/big.js', { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);

    const again = await app.request('/assets/big.js', {
      headers: { 'Accept-Encoding': 'gzip, br', 'If-None-Match': br.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('answers HEAD without a body', async () => {
    const res = await app.request('/sw.js', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await res.text()).toBe('');
  });
});

describe('source maps', () => {
  it.each(['/assets/x.js.map', '/assets/X.JS.MAP', '/assets/%78.js.map', '/assets/missing.js.map', '/index.html.map'])(
    'are never served, whether or not they exist: %s',
    async (url) => {
      const res = await app.request(url);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('sourcesContent');
    },
  );
});

describe('app shell fallback', () => {
  it('returns index.html for a client-side route such as a customer page', async () => {
    const res = await app.request('/customers/123');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toBe(INDEX_HTML);
  });

  it.each(['/assets/missing.js', '/missing.png', '/customers/photo.jpg'])(
    'gives 404 for the missing file %s',
    async (url) => {
      const res = await app.request(url);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('<div id="root">');
    },
  );
});

describe('path traversal', () => {
  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%252e%252e/secret.txt',
    '/secret.txt%00.js',
  ])('never serves a file outside the static folder for %s', async (url) => {
    const res = await app.request(url);
    expect([400, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('password');
  });
});

describe('security headers', () => {
  it.each(['/', '/api/health', '/api/unknown', '/assets/missing.js'])(
    'are sent with %s',
    async (url) => {
      const res = await app.request(url);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
    },
  );

  it("let index.html's own inline script run, by its hash, and no other", async () => {
    const csp = (await app.request('/')).headers.get('content-security-policy') ?? '';
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src'));
    const hash = createHash('sha256').update(PRELOAD).digest('base64');
    expect(scriptSrc).toBe(`script-src 'self' 'sha256-${hash}'`);
    expect(csp).not.toContain("'unsafe-inline' 'sha256");
  });
});
