// Starts the Daifuku server. Configuration comes only from the environment so the
// same build runs on a shop's back-office PC, in CI and in end-to-end tests:
//   PORT        listening port (default 8787; 0 picks a free one)
//   HOST        interface to bind (default 0.0.0.0 so tablets on the shop's LAN can reach it)
//   STATIC_DIR  the built app to serve (default: dist/ next to build/)
//   DATA_DIR    where the sync API keeps its SQLite file (default ./data, created on first start)
//   DATABASE_URL  postgres://… to keep sync data in PostgreSQL instead of SQLite
//   TLS_CERT, TLS_KEY  PEM certificate and key: serve HTTPS (docs/shop-network.md)
//   TRUST_PROXY  set to 1 behind a reverse proxy, so rate limits count the proxy's X-Forwarded-For
//   SYNC_*      the sync API's limits (server/sync/limits.ts, docs/sync-protocol.md)
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { listen, readTlsFiles, type Listening, type TlsFiles } from './serve.js';
import { limitsFromEnv, type SyncLimits } from './sync/limits.js';
import { openStorage } from './sync/open-storage.js';
import { SyncService } from './sync/service.js';

const DEFAULT_PORT = 8787;
// In-flight requests get this long to finish before connections are cut on shutdown.
const SHUTDOWN_GRACE_MS = 5_000;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`PORT must be a whole number from 0 to 65535, got "${raw}"`);
  return port;
}

const port = readPort(process.env.PORT);
const host = process.env.HOST?.trim() || '0.0.0.0';
const trustProxy = ['1', 'true', 'yes'].includes(process.env.TRUST_PROXY?.trim().toLowerCase() ?? '');
// Resolved from this file, not the working directory: compiled to build/server/main.js,
// so the Vite output sits at ../../dist.
const staticDir = process.env.STATIC_DIR
  ? path.resolve(process.env.STATIC_DIR)
  : fileURLToPath(new URL('../../dist/', import.meta.url));

if (!existsSync(path.join(staticDir, 'index.html'))) {
  console.error(`warning: no index.html in ${staticDir}; run "npm run build" first`);
}

let tls: TlsFiles | undefined;
let limits: SyncLimits;
try {
  tls = readTlsFiles(process.env);
  limits = limitsFromEnv(process.env);
} catch (err) {
  fail(`Daifuku cannot start: ${err instanceof Error ? err.message : String(err)}`);
}

let storage: Awaited<ReturnType<typeof openStorage>>;
try {
  storage = await openStorage();
} catch (err) {
  fail(`Daifuku could not open its sync storage: ${err instanceof Error ? err.message : String(err)}`);
}
const sync = new SyncService(storage.storage, { limits });

let listening: Listening;
try {
  listening = await listen({ app: createApp({ staticDir, sync, trustProxy }), port, host, tls });
} catch (err) {
  fail(`Daifuku could not start: ${err instanceof Error ? err.message : String(err)}`);
}
const { server } = listening;
console.log(`Daifuku is running on ${listening.url} (sync data: ${storage.description})`);
if (tls) {
  console.log(`HTTPS with the certificate in ${tls.certPath}`);
} else {
  console.log('Plain HTTP: tablets on the shop network need HTTPS for offline use, PINs and encryption (docs/shop-network.md)');
}

server.on('error', (err) => {
  console.error(`Daifuku server error: ${err.message}`);
});

let shuttingDown = false;
function shutdown(): void {
  if (shuttingDown) return;
  shuttingDown = true;
  server.close(() => void storage.storage.close().finally(() => process.exit(0)));
  if ('closeAllConnections' in server) {
    // Browsers keep idle keep-alive sockets open for minutes; they would hold close() hostage.
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
  }
}

process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
