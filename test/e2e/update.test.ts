import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, onTestFinished, test } from 'vitest';
import { launchBrowser, pathOf, reloadUnderServiceWorker, see } from './browser';
import { button, textbox } from './ledger';
import { startServer } from './server';

type MarkedWindow = Window & { __marker?: number };

const PROBE = 'e2e:which-build';

/** Asks the controlling service worker which build it is; the original build does not answer. */
function askControllerBuild(page: Page): Promise<string> {
  return page.evaluate(
    (probe) =>
      new Promise<string>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(String(event.data));
        const controller = navigator.serviceWorker.controller;
        if (!controller) return resolve('no controller');
        controller.postMessage(probe, [channel.port2]);
        setTimeout(() => resolve('no answer'), 2000);
      }),
    PROBE,
  );
}

test('a new version never reloads under someone mid-entry', async () => {
  // A private server and copy of the build: this test deploys a changed sw.js into it.
  const server = await startServer();
  onTestFinished(() => server.stop());
  const { page } = await launchBrowser({ locale: 'en-US', baseURL: server.baseURL });

  await page.goto('/capture');
  await reloadUnderServiceWorker(page);
  expect(await askControllerBuild(page)).toBe('no answer');

  const name = textbox(page, 'Name');
  await name.fill('入力中の名前');
  await page.evaluate(() => {
    (window as MarkedWindow).__marker = 1;
  });
  const urlBefore = page.url();

  // Deploy: any byte change in the service worker script makes the browser install it as new.
  const scriptURL = await page.evaluate(
    async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? '',
  );
  const build = `deploy-${Date.now()}`;
  await appendFile(
    path.join(server.staticDir, new URL(scriptURL).pathname),
    `\n// ${build}\nself.addEventListener('message', (event) => { if (event.data === '${PROBE}') event.ports[0]?.postMessage('${build}'); });\n`,
  );
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });

  const prompt = page
    .getByRole('alert')
    .or(page.getByRole('region'))
    .or(page.getByRole('status'))
    .filter({ hasText: 'Update available' });
  await see(prompt.first(), 20_000);
  const reload = button(prompt.first(), 'Reload');
  await see(reload);
  // Give a wrongly eager app the chance to reload by itself.
  await page.waitForTimeout(1500);
  expect(await name.inputValue(), 'what was being typed is untouched').toBe('入力中の名前');
  expect(page.url()).toBe(urlBefore);
  expect(
    await page.evaluate(() => (window as MarkedWindow).__marker),
    'the page has not reloaded',
  ).toBe(1);

  await Promise.all([page.waitForEvent('load', { timeout: 20_000 }), reload.click()]);
  await expect
    .poll(() => page.evaluate(() => (window as MarkedWindow).__marker ?? 'reloaded'), {
      timeout: 10_000,
    })
    .toBe('reloaded');
  expect(pathOf(page)).toBe('/capture');
  await expect.poll(() => askControllerBuild(page), { timeout: 10_000 }).toBe(build);
  expect(await prompt.count(), 'no update waiting any more').toBe(0);
});
