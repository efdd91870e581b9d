/**
 * Tablets reach the server over the shop's Wi-Fi by a name or LAN address, not localhost. Over plain
 * http there the browser gives no service worker and no crypto.subtle, and the app must say so;
 * over HTTPS (the server's own TLS, with a certificate the tablet trusts) everything works, offline
 * included. Chromium maps daifuku.test to the loopback address, so it is "a LAN name", not localhost.
 */
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { makeTestCertificate, TEST_HOSTNAME, type TestCertificate } from '../support/tls';
import { launchBrowser, notSee, see, waitForServiceWorkerActivated } from './browser';
import { startServer, type RunningServer } from './server';

const MAP_NAME = `--host-resolver-rules=MAP ${TEST_HOSTNAME} 127.0.0.1`;

let certificate: TestCertificate;
let httpsServer: RunningServer;

beforeAll(async () => {
  certificate = await makeTestCertificate();
  httpsServer = await startServer({ tls: certificate });
});

afterAll(async () => {
  await httpsServer?.stop();
  await certificate?.remove();
});

function atName(baseURL: string): string {
  const url = new URL(baseURL);
  url.hostname = TEST_HOSTNAME;
  return url.origin;
}

test('a tablet that opens the app over plain http on the shop network is told why offline, PINs and encryption are off', async () => {
  const { page } = await launchBrowser({ args: [MAP_NAME], baseURL: atName(inject('baseURL')) });
  await page.goto('/');
  await see(page.getByRole('searchbox', { name: 'Search customers' }));
  expect(
    await page.evaluate(() => ({
      secure: window.isSecureContext,
      worker: 'serviceWorker' in navigator,
      subtle: Boolean(globalThis.crypto?.subtle),
    })),
  ).toEqual({
    secure: false,
    worker: false,
    subtle: false,
  });
  const alert = page.getByRole('alert').filter({ hasText: 'This connection is not secure' });
  await see(alert);
  expect(await alert.innerText()).toContain(
    `opened over plain http at ${atName(inject('baseURL'))}`,
  );
});

test('over HTTPS with a certificate the tablet trusts, the same name is a secure context and the app installs for offline use', async () => {
  const { page } = await launchBrowser({
    args: [MAP_NAME, `--ignore-certificate-errors-spki-list=${certificate.spkiHash}`],
    baseURL: atName(httpsServer.baseURL),
  });
  await page.goto('/');
  await see(page.getByRole('searchbox', { name: 'Search customers' }));
  expect(new URL(page.url()).protocol).toBe('https:');
  expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
  await waitForServiceWorkerActivated(page);
  await notSee(page.getByText('This connection is not secure'));
  const health = await page.evaluate(() =>
    fetch('/api/health').then((r) => r.json() as Promise<{ ok: boolean }>),
  );
  expect(health.ok).toBe(true);
});
