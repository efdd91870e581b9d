/** What a shop does to set up sync, written once against the UI contract (see sync.test.ts). */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { see } from './browser';
import { button, cardHeading, textbox } from './ledger';

export const SYNC_WAIT = 20_000;

export function syncStatus(page: Page, text: string | RegExp) {
  return page.getByRole('status').filter({ hasText: text }).first();
}

export async function openSettings(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.waitForURL('**/settings');
}

/** Starts sync on the first device; returns the pairing code it shows. */
export async function startSync(page: Page): Promise<string> {
  await openSettings(page);
  await button(page, 'Start sync').click();
  const code = page.getByLabel('Pairing code', { exact: true });
  await see(code, SYNC_WAIT);
  const text = (await code.textContent())?.trim() ?? '';
  expect(text).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await see(syncStatus(page, 'Synced'), SYNC_WAIT);
  return text;
}

export async function joinShop(page: Page, code: string): Promise<void> {
  await page.goto('/');
  await openSettings(page);
  await textbox(page, 'Enter pairing code').fill(code);
  await button(page, 'Join shop').click();
  await see(syncStatus(page, 'Synced'), SYNC_WAIT);
}

/** Searches for a customer by the first word of their name and opens the card. */
export async function openCard(page: Page, name: string, timeout?: number): Promise<void> {
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search customers', exact: true }).fill(name.split(' ')[0]!);
  const link = page.getByRole('link', { name: new RegExp(`^${name}`) }).first();
  await see(link, timeout);
  await link.click();
  await see(cardHeading(page, name));
}
