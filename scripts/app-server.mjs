// The built app served by the real server on a random loopback port, for the screenshot scripts.
// Needs a build (`npm run build`). Stop it with `server.kill()`.
import { spawn } from 'node:child_process';

/** Phone and tablet viewports every screenshot script takes. */
export const SIZES = { phone: { width: 390, height: 844 }, tablet: { width: 1180, height: 820 } };

export async function startAppServer(env = {}) {
  const port = 8900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['build/server/main.js'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: 'inherit',
  });
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { base, server };
}
