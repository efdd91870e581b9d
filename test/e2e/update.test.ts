import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, onTestFinished, test } from 'vitest';
import { launchBrowser, pathOf, reloadUnderServiceWorker, see } from './browser';
import { button, createCustomer, textbox } from './ledger';
import { startServer, type RunningServer } from './server';

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

/**
 * Deploys a new build: any byte change in the service worker script makes the browser install it
 * as new (it then waits, with registerType 'prompt'). Returns the build's name, which the new
 * worker answers to askControllerBuild.
 */
async function deployNewVersion(server: RunningServer, page: Page): Promise<string> {
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
  return build;
}

function updatePrompt(page: Page) {
  return page
    .getByRole('alert')
    .or(page.getByRole('region'))
    .or(page.getByRole('status'))
    .filter({ hasText: 'Update available' })
    .first();
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

  const build = await deployNewVersion(server, page);

  const prompt = updatePrompt(page);
  await see(prompt, 20_000);
  const reload = button(prompt, 'Reload');
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

test('accepting an update in one tab leaves another tab mid-edit alone: it asks again, and keeps what was typed', async () => {
  const server = await startServer();
  onTestFinished(() => server.stop());
  const { context, page: first } = await launchBrowser({
    locale: 'en-US',
    baseURL: server.baseURL,
  });

  // The owner has a card open in one tab and is editing it in another.
  const cardPath = await createCustomer(first, { name: '山本 直子' });
  await reloadUnderServiceWorker(first);
  const second = await context.newPage();
  let secondLoads = 0;
  second.on('load', () => secondLoads++);
  await second.goto(`${cardPath}/edit`);
  await expect.poll(() => askControllerBuild(second), { timeout: 10_000 }).toBe('no answer');
  const secondName = textbox(second, 'Name');
  await see(secondName);
  await secondName.fill('山本 直子（旧姓 佐藤）');
  await textbox(second, 'About them').fill('娘さんの結婚式の着物を探している');
  await second.evaluate(() => {
    (window as MarkedWindow).__marker = 1;
  });
  const loadsBefore = secondLoads;

  const build = await deployNewVersion(server, first);
  // Both tabs learn of the new version; the second puts it off.
  await see(updatePrompt(first), 20_000);
  await see(updatePrompt(second), 20_000);
  await button(updatePrompt(second), 'Later').click();
  await expect.poll(() => updatePrompt(second).count()).toBe(0);

  // The first tab accepts, and only the first tab reloads.
  await Promise.all([
    first.waitForEvent('load', { timeout: 20_000 }),
    button(updatePrompt(first), 'Reload').click(),
  ]);
  await expect.poll(() => askControllerBuild(first), { timeout: 10_000 }).toBe(build);

  // The new version now controls the second tab too, which offers to reload instead of doing it.
  await see(updatePrompt(second), 20_000);
  expect(await askControllerBuild(second)).toBe(build);
  expect(
    await second.evaluate(() => (window as MarkedWindow).__marker),
    'the second tab has not reloaded',
  ).toBe(1);
  expect(secondLoads - loadsBefore, 'no load event in the second tab').toBe(0);
  expect(await secondName.inputValue()).toBe('山本 直子（旧姓 佐藤）');
  expect(await textbox(second, 'About them').inputValue()).toBe('娘さんの結婚式の着物を探している');

  // When the person there is ready, the second tab reloads itself, and the edit is still there.
  await Promise.all([
    second.waitForEvent('load', { timeout: 20_000 }),
    button(updatePrompt(second), 'Reload').click(),
  ]);
  await expect
    .poll(() => second.evaluate(() => (window as MarkedWindow).__marker ?? 'reloaded'), {
      timeout: 10_000,
    })
    .toBe('reloaded');
  expect(pathOf(second)).toBe(`${cardPath}/edit`);
  await see(secondName);
  await expect.poll(() => secondName.inputValue()).toBe('山本 直子（旧姓 佐藤）');
  expect(await textbox(second, 'About them').inputValue()).toBe('娘さんの結婚式の着物を探している');
  expect(await updatePrompt(second).count(), 'no update waiting any more').toBe(0);

  // Saving the edit stores it and lets the draft go.
  await button(second, 'Save').click();
  await see(second.getByRole('heading', { level: 1, name: '山本 直子（旧姓 佐藤）', exact: true }));
  expect(
    await second.evaluate(() =>
      Object.keys(localStorage).filter((key) => key.startsWith('daifuku.draft:')),
    ),
    'no draft left behind once saved',
  ).toEqual([]);
});
