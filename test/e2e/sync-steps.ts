/** What the sync stories do again and again: start sync, join a shop, open a card, read the server. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { see } from './browser';
import { button, cardHeading, textbox } from './ledger';

/** The machine is loaded and a round runs every 5 s: generous, never a timed assertion. */
export const SYNC_WAIT = 20_000;

export function status(page: Page, text: string | RegExp) {
  return page.getByRole('status').filter({ hasText: text }).first();
}

export async function openSettings(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.waitForURL('**/settings');
}

/** Settings → Sync → Start sync; returns the pairing code the owner device shows. */
export async function startSync(page: Page, passphrase?: string): Promise<string> {
  await openSettings(page);
  if (passphrase) {
    await page.getByRole('checkbox', { name: 'Encrypt the shop’s data end to end' }).check();
    await page.getByLabel('Shop passphrase', { exact: true }).fill(passphrase);
  }
  await button(page, 'Start sync').click();
  const code = page.getByLabel('Pairing code', { exact: true });
  await see(code, SYNC_WAIT);
  const text = (await code.textContent())?.trim() ?? '';
  expect(text).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await see(status(page, 'Synced'), SYNC_WAIT);
  return text;
}

export async function joinShop(page: Page, code: string, passphrase?: string): Promise<void> {
  await page.goto('/');
  await openSettings(page);
  await textbox(page, 'Enter pairing code').fill(code);
  if (passphrase)
    await page
      .getByLabel('Shop passphrase, if the shop encrypts', { exact: true })
      .fill(passphrase);
  await button(page, 'Join shop').click();
  await see(status(page, 'Synced'), SYNC_WAIT);
}

/** Whether any file in the server's data directory holds `text` as plain UTF-8. */
export async function serverHolds(dataDir: string, text: string): Promise<boolean> {
  const files = await readdir(dataDir, { recursive: true });
  for (const file of files) {
    const bytes = await readFile(path.join(dataDir, file)).catch(() => Buffer.alloc(0));
    if (bytes.includes(Buffer.from(text))) return true;
  }
  return false;
}

/** Customers → search (the name's first word, or `query`: a phone when many share that word) → the card. */
export async function openCard(
  page: Page,
  name: string,
  timeout?: number,
  query = name.split(' ')[0]!,
): Promise<void> {
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  const search = page.getByRole('searchbox', { name: 'Search customers', exact: true });
  await search.fill(query);
  const link = page.getByRole('link', { name: new RegExp(`^${name}`) }).first();
  await see(link, timeout);
  await link.click();
  await see(cardHeading(page, name));
}
