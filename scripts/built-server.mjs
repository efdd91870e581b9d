// The one way to start the production server (build/server/main.js) outside `npm start`: for the
// end-to-end tests, the benches and the screenshot scripts. It serves a private copy of dist/ (a
// test may change files in it, as a deploy would) with its own DATA_DIR, on a free loopback port,
// and resolves once GET /api/health answers {ok:true}. kill() stops the process (SIGTERM), crash()
// kills it as a power cut would (address and data kept either way), restart() brings it back on both, stop() also removes the folders.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const distDir = path.join(repoRoot, 'dist');
export const serverEntry = path.join(repoRoot, 'build', 'server', 'main.js');

/** Phone and tablet viewports every screenshot script takes. */
export const SIZES = { phone: { width: 390, height: 844 }, tablet: { width: 1180, height: 820 } };

/** The benches, tests and scripts run against the build; they never build it themselves. */
export function assertBuildExists(staticSource = distDir) {
  const missing = [path.join(staticSource, 'index.html'), serverEntry].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `The production build is missing: ${missing.map((file) => path.relative(repoRoot, file)).join(' and ')}.\n` +
        'Run `npm run build` first (`npm test` does it before the e2e tests).',
    );
  }
}

export async function freePort() {
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

/** GET /api/health: whether it answered {ok:true}. Over HTTPS, trusting only the given certificate. */
async function healthy(baseURL, ca) {
  if (!ca) {
    const response = await fetch(`${baseURL}/api/health`);
    if (!response.ok) return false;
    return (await response.json()).ok === true;
  }
  return new Promise((resolve, reject) => {
    get(`${baseURL}/api/health`, { ca }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk.toString()));
      response.on('end', () => resolve(response.statusCode === 200 && JSON.parse(body).ok === true));
    }).on('error', reject);
  });
}

async function spawnServer({ port, staticDir, dataDir, tls, env, output }) {
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
      ...env,
    },
    stdio: ['ignore', output === 'inherit' ? 'inherit' : 'pipe', output === 'inherit' ? 'inherit' : 'pipe'],
  });
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const kill = async () => {
    if (hasExited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  // A power cut: requests in flight get no answer and nothing is closed.
  const crash = async () => {
    if (hasExited) return;
    child.kill('SIGKILL');
    await exited;
  };

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (hasExited) {
      throw new Error(`The server (node ${path.relative(repoRoot, serverEntry)}) exited before it was healthy:\n${log}`);
    }
    try {
      if (await healthy(baseURL, tls?.cert)) return { kill, crash, child };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await kill();
      throw new Error(`The server did not answer GET /api/health with {ok:true} within 20 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts the built server. Options: `staticSource` (what to serve, default dist/; copied unless
 * `copyStatic: false`), `dataDir` (default a fresh temporary folder), `tls` ({certPath, keyPath,
 * cert}), `env` (more environment variables), `output: 'inherit'` to show its log.
 */
export async function startBuiltServer(options = {}) {
  const { staticSource = distDir, copyStatic = true, tls, env = {}, output } = options;
  assertBuildExists(staticSource);
  const made = [];
  let staticDir = staticSource;
  if (copyStatic) {
    staticDir = await mkdtemp(path.join(os.tmpdir(), 'daifuku-static-'));
    made.push(staticDir);
    await cp(staticSource, staticDir, { recursive: true });
  }
  let dataDir = options.dataDir;
  if (!dataDir) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'daifuku-data-'));
    made.push(dataDir);
  }
  const port = options.port ?? (await freePort());
  const baseURL = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const removeMade = () => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));

  const launch = () => spawnServer({ port, staticDir, dataDir, tls, env, output });
  let running;
  try {
    running = await launch();
  } catch (error) {
    await removeMade();
    throw error;
  }
  return {
    baseURL,
    port,
    staticDir,
    dataDir,
    async kill() {
      await running?.kill();
      running = undefined;
    },
    async crash() {
      await running?.crash();
      running = undefined;
    },
    async restart() {
      await running?.kill();
      running = await launch();
    },
    async stop() {
      await running?.kill();
      running = undefined;
      await removeMade();
    },
  };
}
