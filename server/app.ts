// The HTTP face of Daifuku: serves the built PWA to shop devices on the LAN and
// the optional sync API under /api/sync. The app itself works offline from the
// service worker's precache, so this server's main duties are to hand out the
// right files with headers that let a new version be noticed promptly, and never
// to answer an API call with the app shell.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { syncRoutes } from './sync/routes.js';
import type { SyncService } from './sync/service.js';

export interface AppOptions {
  /** Folder holding the production build (index.html, sw.js, assets/…). */
  staticDir: string;
  /** The sync API's rules and storage; without it /api/sync answers 404 like any unknown path. */
  sync?: SyncService;
  /** Behind a reverse proxy: rate limits count the address it puts in X-Forwarded-For. */
  trustProxy?: boolean;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  // Browsers accept manifests served as JSON, but installability audits want the exact type.
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
};

/**
 * No third-party origins: everything, including the sync API, is same-origin. 'unsafe-inline'
 * for styles only, because React's style attributes need it. Scripts stay strict: the only inline
 * script allowed is index.html's own (the first screen's language preload, written by
 * scripts/vite-first-screen.ts), by the hash of its text, so an injected one still cannot run.
 */
function contentSecurityPolicy(root: string): string {
  return [
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    ["script-src 'self'", ...inlineScriptHashes(root)].join(' '),
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

function inlineScriptHashes(root: string): string[] {
  let html: string;
  try {
    html = readFileSync(path.join(root, 'index.html'), 'utf8');
  } catch {
    return [];
  }
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body ?? '').digest('base64')}'`,
  );
}

// Vite content-hashes everything under /assets/, so a changed file always has a new URL.
const IMMUTABLE = 'public, max-age=31536000, immutable';
// Everything else (index.html, sw.js, manifest, icons) keeps its URL across releases,
// so the browser must revalidate it every time or a deploy would go unnoticed.
const REVALIDATE = 'no-cache';

export function createApp({ staticDir, sync, trustProxy = false }: AppOptions): Hono {
  const root = path.resolve(staticDir);
  const version = readPackageVersion();
  // Read once: a new build is served by a restarted server.
  const csp = contentSecurityPolicy(root);
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Content-Security-Policy', csp);
  });

  app.get('/api/health', (c) => c.json({ ok: true, version }));
  if (sync) app.route('/api/sync', syncRoutes(sync, { trustProxy }));
  app.all('/api', apiNotFound);
  app.all('/api/*', apiNotFound);

  app.get('*', async (c) => {
    const pathname = decodePathname(c.req.url);
    if (pathname === null) return c.text('bad request', 400);
    // Hono routes on its own decoding; this catches spellings such as /%61pi/ that it may not.
    if (pathname === '/api' || pathname.startsWith('/api/')) return apiNotFound(c);
    // The build keeps source maps for debugging (vite.config.ts), but they would hand anyone the
    // app's original source: never served, whether or not the file exists.
    if (pathname.toLowerCase().endsWith('.map')) return c.text('not found', 404);

    const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
    const file = await findFile(root, relative);
    if (file !== null) return sendFile(c, file, pathname);

    if (path.posix.extname(pathname) === '') {
      // A client-side route such as /customers/123: the React router takes it from here.
      const shell = await findFile(root, 'index.html');
      if (shell !== null) return sendFile(c, shell, '/index.html');
    }
    return c.text('not found', 404);
  });

  app.notFound((c) => c.text('not found', 404));

  app.onError((err, c) => {
    console.error(err);
    return c.text('internal server error', 500);
  });

  return app;
}

function apiNotFound(c: Context): Response {
  return c.json({ error: 'not found' }, 404);
}

/**
 * The request path, percent-decoded, or null when it cannot be a file name of ours.
 * Decoding happens here, once, so encoded tricks (%2e%2e, %2f, %5c, %00) are judged on
 * what they spell rather than how they are written.
 */
function decodePathname(url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.split('/').some((segment) => segment === '..')) return null;
  return pathname;
}

interface FoundFile {
  absolutePath: string;
}

/** Resolves a request path to a regular file inside root, following symlinks only if they stay inside. */
async function findFile(root: string, relative: string): Promise<FoundFile | null> {
  const candidate = path.resolve(root, relative);
  if (!isInside(root, candidate)) return null;
  try {
    const [realRoot, realCandidate] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!isInside(realRoot, realCandidate)) return null;
    const info = await stat(realCandidate);
    return info.isFile() ? { absolutePath: realCandidate } : null;
  } catch {
    return null;
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

async function sendFile(c: Context, file: FoundFile, pathname: string): Promise<Response> {
  // Read on every request: a deploy copies a new dist/ over the old one while we run,
  // and the files are small enough that caching them would buy nothing worth the risk.
  let body: Buffer;
  try {
    body = await readFile(file.absolutePath);
  } catch {
    // The file vanished between stat and read, which happens mid-deploy.
    return c.text('not found', 404);
  }
  // A content hash rather than mtime: a copied-over file with new content always gets a new tag.
  const hash = createHash('sha1').update(body).digest('base64url');
  const type = MIME_TYPES[path.extname(file.absolutePath).toLowerCase()] ?? 'application/octet-stream';
  const encoding = body.length >= MIN_COMPRESSED_BYTES && COMPRESSIBLE.test(type) ? chooseEncoding(c.req.header('Accept-Encoding')) : undefined;
  // Each encoding is its own representation, with its own tag.
  const etag = `"${hash}${encoding ? `-${encoding}` : ''}"`;
  const headers: Record<string, string> = {
    'Content-Type': type,
    'Cache-Control': pathname.startsWith('/assets/') ? IMMUTABLE : REVALIDATE,
    ETag: etag,
    ...(COMPRESSIBLE.test(type) ? { Vary: 'Accept-Encoding' } : {}),
  };
  if (etagMatches(c.req.header('If-None-Match'), etag)) {
    return c.body(null, 304, headers);
  }
  if (!encoding) return c.body(new Uint8Array(body), 200, headers);
  headers['Content-Encoding'] = encoding;
  return c.body(new Uint8Array(compressed(body, hash, encoding)), 200, headers);
}

// Text compresses to a quarter or less: the first visit over a shop's slow line downloads the
// app shell that much sooner. (After that the service worker serves it from the device.)
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json|javascript)|image\/svg\+xml)/;
const MIN_COMPRESSED_BYTES = 1024;
type Encoding = 'br' | 'gzip';

function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Map(
    (acceptEncoding ?? '').split(',').map((part) => {
      const [name = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return [name.trim(), q === undefined ? 1 : Number(q)] as const;
    }),
  );
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}

/** Compressed once per file content and encoding: a release's files are asked for by every device. */
const compressedCache = new Map<string, Buffer>();
const COMPRESSED_CACHE_ENTRIES = 400;

function compressed(body: Buffer, hash: string, encoding: Encoding): Buffer {
  const key = `${hash}:${encoding}`;
  let out = compressedCache.get(key);
  if (!out) {
    out =
      encoding === 'br'
        ? brotliCompressSync(body, {
            params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
          })
        : gzipSync(body, { level: 9 });
    if (compressedCache.size >= COMPRESSED_CACHE_ENTRIES) {
      compressedCache.delete(compressedCache.keys().next().value as string);
    }
    compressedCache.set(key, out);
  }
  return out;
}

function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/**
 * The version from package.json. Walks up from this file because it runs both as
 * server/app.ts (tests) and as build/server/app.js (production), at different depths.
 */
function readPackageVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (
        typeof parsed === 'object' &&
        parsed !== null &&
        'version' in parsed &&
        typeof parsed.version === 'string'
      ) {
        return parsed.version;
      }
    } catch {
      // No package.json at this level; keep climbing.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return '0.0.0';
    dir = parent;
  }
}
