// Starts the Daifuku server. Configuration comes only from the environment so the
// same build runs on a shop's back-office PC, in CI and in end-to-end tests:
//   PORT        listening port (default 8787; 0 picks a free one)
//   HOST        interface to bind (default 0.0.0.0 so tablets on the shop's LAN can reach it)
//   STATIC_DIR  the built app to serve (default: dist/ next to build/)
//   DATA_DIR    where the sync API keeps its SQLite file (default ./data, created on first start)
//   DATABASE_URL  postgres://… to keep sync data in PostgreSQL instead of SQLite
import { existsSync } from 'node:fs';
import { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { openStorage } from './sync/open-storage.js';
import { SyncService } from './sync/service.js';

const DEFAULT_PORT = 8787;
// In-flight requests get this long to finish before connections are cut on shutdown.
const SHUTDOWN_GRACE_MS = 5_000;

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`PORT must be a whole number from 0 to 65535, got "${raw}"`);
    process.exit(1);
  }
  return port;
}

const port = readPort(process.env.PORT);
const host = process.env.HOST?.trim() || '0.0.0.0';
// Resolved from this file, not the working directory: compiled to build/server/main.js,
// so the Vite output sits at ../../dist.
const staticDir = process.env.STATIC_DIR
  ? path.resolve(process.env.STATIC_DIR)
  : fileURLToPath(new URL('../../dist/', import.meta.url));

if (!existsSync(path.join(staticDir, 'index.html'))) {
  console.error(`warning: no index.html in ${staticDir}; run "npm run build" first`);
}

let storage: Awaited<ReturnType<typeof openStorage>>;
try {
  storage = await openStorage();
} catch (err) {
  console.error(`Daifuku could not open its sync storage: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const sync = new SyncService(storage.storage);

const server = serve({ fetch: createApp({ staticDir, sync }).fetch, port, hostname: host }, (info) => {
  // A wildcard bind is reachable on localhost too, and that address is the one people can click.
  const shownHost =
    host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  console.log(`Daifuku is running on http://${shownHost}:${info.port} (sync data: ${storage.description})`);
});

server.on('error', (err) => {
  console.error(`Daifuku could not start: ${err.message}`);
  process.exit(1);
});

let shuttingDown = false;
function shutdown(): void {
  if (shuttingDown) return;
  shuttingDown = true;
  server.close(() => void storage.storage.close().finally(() => process.exit(0)));
  if (server instanceof Server) {
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
