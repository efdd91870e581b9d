/**
 * Debian's chromium driven by playwright-core, one fresh profile per launch (so every test starts
 * with no service worker, no caches and an empty IndexedDB). Uncaught errors in the page fail the
 * test; a failing test leaves a screenshot in test-results/e2e/.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { inject, onTestFinished, type TestContext } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { repoRoot } from './server';

export const PHONE = { width: 390, height: 844 } as const;
export const TABLET = { width: 1024, height: 768 } as const;

export interface LaunchOptions {
  locale?: string;
  viewport?: { width: number; height: number };
  /** Defaults to the shared server from the global setup. */
  baseURL?: string;
  /** More chromium switches (e.g. mapping a host name to the loopback address). */
  args?: readonly string[];
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  baseURL: string;
  /** Uncaught exceptions and unhandled rejections in any page of this context. */
  pageErrors: string[];
  consoleErrors: string[];
}

/**
 * Must be called inside a test: the browser is closed when the test finishes, after a screenshot
 * if it failed, and the test fails if a page threw an uncaught error.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserSession> {
  const baseURL = options.baseURL ?? inject('baseURL');
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'daifuku-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? TABLET,
    baseURL,
    serviceWorkers: 'allow',
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);

  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (error) =>
      pageErrors.push(`${page.url()}: ${error.stack ?? error.message}`),
    );
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());

  onTestFinished(async ({ task }: TestContext) => {
    try {
      if (task.result?.state === 'fail' || pageErrors.length > 0) {
        const dir = path.join(repoRoot, 'test-results', 'e2e');
        await mkdir(dir, { recursive: true });
        const file = `${path.basename(task.file.name, '.test.ts')}--${task.name}`
          .replace(/[^\w.-]+/g, '-')
          .slice(0, 150);
        const shot = path.join(dir, `${file}.png`);
        await page.screenshot({ path: shot, fullPage: true, timeout: 5000 }).catch(() => undefined);
        console.error(
          [
            `Screenshot: ${path.relative(repoRoot, shot)} (at ${page.url()})`,
            consoleErrors.length ? `Console errors:\n  ${consoleErrors.join('\n  ')}` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        );
      }
    } finally {
      await context.close().catch(() => undefined);
      await rm(profileDir, { recursive: true, force: true });
    }
    if (pageErrors.length > 0) {
      throw new Error(
        `The page threw ${pageErrors.length} uncaught error(s):\n${pageErrors.join('\n\n')}`,
      );
    }
  });

  return { context, page, baseURL, pageErrors, consoleErrors };
}

async function poll<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeout: number,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (done(last)) return last;
    if (Date.now() > deadline)
      throw new Error(
        `Timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)})`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Waits until `(await navigator.serviceWorker.ready).active.state === 'activated'`. Polls the
 * registration rather than awaiting `ready`, so a timeout can say how far the worker got.
 */
export async function waitForServiceWorkerActivated(page: Page, timeout = 30_000): Promise<void> {
  await poll(
    'an activated service worker',
    () =>
      page.evaluate(async () => {
        if (!('serviceWorker' in navigator)) return 'service workers unsupported';
        const registration = await navigator.serviceWorker.getRegistration();
        if (!registration) return 'no registration';
        if (registration.active) return registration.active.state;
        const pending = registration.installing ?? registration.waiting;
        return `no active worker yet (${pending ? pending.state : 'none pending'})`;
      }),
    (state) => state === 'activated',
    timeout,
  );
}

/** Whether a service worker controls this page (with registerType 'prompt' only after a reload). */
export async function isControlled(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      navigator.serviceWorker?.controller !== null &&
      navigator.serviceWorker?.controller !== undefined,
  );
}

/** Activated worker, then one reload so it controls the page (the precache serves it from now on). */
export async function reloadUnderServiceWorker(page: Page): Promise<void> {
  await waitForServiceWorkerActivated(page);
  await page.reload();
  await poll('the service worker to control the page', () => isControlled(page), Boolean, 10_000);
}

/**
 * Proves the page cannot reach the server by a request that must fail, not by navigator.onLine:
 * some chromium versions keep it true under emulated offline, as a tablet on a Wi-Fi with no route
 * to the server does. /api/ is never served from the service worker's precache.
 */
export async function expectNoNetwork(page: Page): Promise<void> {
  const outcome = await page.evaluate(() =>
    fetch(`/api/health?probe=${Date.now()}`, { cache: 'no-store' }).then(
      (response) => `answered ${response.status}`,
      () => 'failed',
    ),
  );
  if (outcome !== 'failed') throw new Error(`The page still reaches the server (${outcome})`);
}

export async function goOfflineAndReload(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true);
  await page.reload();
  await expectNoNetwork(page);
}

/** A control the contract allows to be either a link or a button ("New customer", "Quick capture"). */
export function linkOrButton(scope: Page | Locator, name: string): Locator {
  return scope
    .getByRole('link', { name, exact: true })
    .or(scope.getByRole('button', { name, exact: true }))
    .first();
}

/** Polls until the locator is visible, with a message that names what was expected. */
export async function see(locator: Locator, timeout = 10_000): Promise<void> {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch (error) {
    throw new Error(`Expected to see ${locator.toString()} within ${timeout} ms`, { cause: error });
  }
}

export async function notSee(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.waitFor({ state: 'hidden', timeout });
}

/** Path of the current URL ("/customers/…"). */
export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}
