// `npm start` on a fresh clone: install, build, serve. Node built-ins only, because
// it runs before node_modules exists.
//
// HTTPS: `npm start -- --cert shop.pem --key shop-key.pem` (or TLS_CERT / TLS_KEY in the
// environment) serves the app over TLS; docs/shop-network.md says how to make a certificate the
// shop's tablets trust.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function say(message) {
  console.log(`[daifuku] ${message}`);
}

/** Runs a command to completion with the terminal attached; resolves with its exit code. */
function run(command, args) {
  return new Promise((resolve, reject) => {
    // shell only on Windows, where npm is a .cmd script that cannot be spawned directly.
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function step(label, command, args) {
  say(label);
  const code = await run(command, args);
  if (code !== 0) {
    console.error(`[daifuku] "${command} ${args.join(' ')}" failed with exit code ${code}`);
    process.exit(code);
  }
}

// npm writes node_modules/.package-lock.json on every install, so comparing it with
// package-lock.json tells whether the lock file changed since (e.g. after a git pull).
function needsInstall() {
  const installedLock = path.join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(path.join(root, 'node_modules')) || !existsSync(installedLock)) return true;
  return statSync(path.join(root, 'package-lock.json')).mtimeMs > statSync(installedLock).mtimeMs;
}

/** --cert/--key become TLS_CERT/TLS_KEY for the server; checked before the build, not after it. */
function serverEnv() {
  let values;
  try {
    ({ values } = parseArgs({ options: { cert: { type: 'string' }, key: { type: 'string' } } }));
  } catch (err) {
    console.error(`[daifuku] ${err.message}\n[daifuku] usage: npm start [-- --cert <certificate.pem> --key <key.pem>]`);
    process.exit(1);
  }
  const env = { ...process.env };
  if (values.cert) env.TLS_CERT = path.resolve(values.cert);
  if (values.key) env.TLS_KEY = path.resolve(values.key);
  if (Boolean(env.TLS_CERT) !== Boolean(env.TLS_KEY)) {
    console.error('[daifuku] HTTPS needs both a certificate and its key (--cert and --key, or TLS_CERT and TLS_KEY)');
    process.exit(1);
  }
  for (const file of [env.TLS_CERT, env.TLS_KEY].filter(Boolean)) {
    if (!existsSync(file)) {
      console.error(`[daifuku] ${file} does not exist`);
      process.exit(1);
    }
  }
  return env;
}

try {
  const env = serverEnv();
  if (needsInstall()) {
    await step('installing dependencies (npm ci)…', npm, ['ci']);
  } else {
    say('dependencies are up to date');
  }
  await step('building the app (npm run build)…', npm, ['run', 'build']);

  say('starting the server…');
  const server = spawn(process.execPath, [path.join(root, 'build', 'server', 'main.js')], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  // A terminal's Ctrl+C reaches the whole process group anyway, but a supervisor's
  // SIGTERM reaches only us, so pass both on and let the server shut down cleanly.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (server.exitCode === null) server.kill(signal);
    });
  }
  server.on('error', (err) => {
    console.error(`[daifuku] could not start the server: ${err.message}`);
    process.exit(1);
  });
  server.on('exit', (code, signal) => {
    // Stopped by a signal we forwarded counts as a clean stop; any other signal is a failure.
    if (code === null) process.exit(signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1);
    process.exit(code);
  });
} catch (err) {
  console.error(`[daifuku] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
