/**
 * Starts the real production server (build/server/main.js) on a free local port, serving its own
 * copy of the built app. Each server gets a fresh copy of dist/, so a test may change files in it
 * (a simulated deploy) without touching the build or other tests.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const distDir = path.join(repoRoot, 'dist');
export const serverEntry = path.join(repoRoot, 'build', 'server', 'main.js');

export interface RunningServer {
  baseURL: string;
  /** The directory the server serves: a private copy of dist/. */
  staticDir: string;
  /** The server's own DATA_DIR (its sync database), a temporary folder removed on stop. */
  dataDir: string;
  /** Stops the process (SIGTERM: it stops taking requests and closes its storage); data and address kept. */
  kill(): Promise<void>;
  /**
   * Kills the process at once (SIGKILL), as a power cut would: requests in flight get no answer
   * and nothing is closed. Data and address kept.
   */
  crash(): Promise<void>;
  /** Starts the process again on the same address with the same data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The e2e tests run against the build; they never build it themselves (npm test does). */
export function assertBuildExists(): void {
  const missing = [path.join(distDir, 'index.html'), serverEntry].filter(
    (file) => !existsSync(file),
  );
  if (missing.length > 0) {
    throw new Error(
      `End-to-end tests need the production build, but ${missing
        .map((file) => path.relative(repoRoot, file))
        .join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing.\n` +
        'Run `npm run build` first (`npm test` does it before the e2e tests).',
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export interface ServerOptions {
  /** Serve HTTPS with this certificate (test/support/tls.ts); the health check trusts it. */
  tls?: { certPath: string; keyPath: string; cert: Buffer };
}

/** GET /api/health: whether it answered {ok:true}. Over HTTPS, trusting only the given certificate. */
async function healthy(baseURL: string, ca?: Buffer): Promise<boolean> {
  if (!ca) {
    const response = await fetch(`${baseURL}/api/health`);
    if (!response.ok) return false;
    return ((await response.json()) as { ok?: unknown }).ok === true;
  }
  return new Promise((resolve, reject) => {
    get(`${baseURL}/api/health`, { ca }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () =>
        resolve(response.statusCode === 200 && (JSON.parse(body) as { ok?: unknown }).ok === true),
      );
    }).on('error', reject);
  });
}

interface ServerProcess {
  kill(): Promise<void>;
  crash(): Promise<void>;
}

/** The server process on a given port, data and static folders; resolves once it is healthy. */
async function spawnServer(port: number, staticDir: string, dataDir: string, tls: ServerOptions['tls']): Promise<ServerProcess> {
  const baseURL = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      STATIC_DIR: staticDir,
      DATA_DIR: dataDir,
      // Sync data goes to this server's own SQLite file, whatever the environment says.
      DATABASE_URL: '',
      TLS_CERT: tls?.certPath ?? '',
      TLS_KEY: tls?.keyPath ?? '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const kill = async () => {
    if (hasExited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const crash = async () => {
    if (hasExited) return;
    child.kill('SIGKILL');
    await exited;
  };

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (hasExited) {
      throw new Error(`The server (node ${path.relative(repoRoot, serverEntry)}) exited before it was healthy:\n${output}`);
    }
    try {
      if (await healthy(baseURL, tls?.cert)) return { kill, crash };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await kill();
      throw new Error(`The server did not answer GET /api/health with {ok:true} within 20 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startServer({ tls }: ServerOptions = {}): Promise<RunningServer> {
  assertBuildExists();
  const staticDir = await mkdtemp(path.join(os.tmpdir(), 'daifuku-e2e-static-'));
  await cp(distDir, staticDir, { recursive: true });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'daifuku-e2e-data-'));
  const port = await freePort();
  const baseURL = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const removeDirs = async () => {
    await rm(staticDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  };

  let process_: ServerProcess | undefined;
  try {
    process_ = await spawnServer(port, staticDir, dataDir, tls);
  } catch (error) {
    await removeDirs();
    throw error;
  }
  return {
    baseURL,
    staticDir,
    dataDir,
    async kill() {
      await process_?.kill();
      process_ = undefined;
    },
    async crash() {
      await process_?.crash();
      process_ = undefined;
    },
    async restart() {
      await process_?.kill();
      process_ = await spawnServer(port, staticDir, dataDir, tls);
    },
    async stop() {
      await process_?.kill();
      process_ = undefined;
      await removeDirs();
    },
  };
}
