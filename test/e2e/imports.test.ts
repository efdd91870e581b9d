/**
 * Customers brought in from the systems a shop already has, with no column mapped by hand: a
 * phone's Google Contacts export and a POS's customer list (test/fixtures, made by
 * scripts/make-import-fixtures.mjs).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { launchBrowser, see } from './browser';
import { button, cardHeading } from './ledger';
import { repoRoot } from './server';

const fixture = (name: string) => path.join(repoRoot, 'test', 'fixtures', name);

async function importFile(page: Page, name: string): Promise<void> {
  await page.goto('/settings/import');
  await page.getByLabel('Import customers', { exact: true }).setInputFiles(fixture(name));
  await see(page.getByText(/^CSV file, /));
}

async function openFromSearch(page: Page, query: string, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search customers', exact: true }).fill(query);
  await page.getByRole('link', { name: new RegExp(`^${name}`) }).click();
  await see(cardHeading(page, name));
}

test('an owner imports the shop phone’s Google Contacts export as Google writes it, and the numbers and emails arrive', async () => {
  const { page } = await launchBrowser({ locale: 'en-US' });
  await importFile(page, 'google-contacts.csv');

  // Each numbered column is read by its value; its label ("Mobile") is left alone.
  const column = (header: string) => page.getByRole('combobox', { name: new RegExp(`^Column \\d+: ${header}$`) });
  expect(await column('Phone 1 - Value').inputValue()).toBe('phone');
  expect(await column('Phone 1 - Label').inputValue()).toBe('');
  expect(await column('E-mail 1 - Value').inputValue()).toBe('email');
  expect(await column('Phonetic Last Name').inputValue()).toBe('familyReading');

  await button(page, 'Import').click();
  await see(page.getByRole('status').filter({ hasText: 'Imported 3 customers.' }));
  // The one row Google accepted but the card cannot is named by its line.
  await see(page.getByText(/^line 7: 佐藤 一郎 — Email:/));

  // Hanako gives her home number without the Kyoto area code.
  await openFromSearch(page, '123-4567', '田中 花子');
  const card = page.locator('.card');
  await see(card.getByText('hana@example.jp'));
  await see(card.getByText(/090-1234-5678/));
  await see(card.getByText(/075-123-4567/));
  await see(card.getByText(/柴犬のポチ/));

  // Two numbers in one cell, " ::: " between them, are two phones.
  await openFromSearch(page, 'john', 'John Smith');
  await see(card.getByText('john@example.com'));
  await see(card.getByText(/080-2345-6789/));
}, 90_000);

test('a Square export keeps the member number, and a regular of 24 visits is not shown as new', async () => {
  const { page } = await launchBrowser({ locale: 'en-US' });
  await importFile(page, 'square-customers.csv');
  await button(page, 'Import').click();
  await see(page.getByRole('status').filter({ hasText: 'Imported 3 customers.' }));
  await see(page.getByText(/^line 5: 佐藤 一郎 — Visit count:/));

  // Staff type the number on her member card.
  await openFromSearch(page, 'M-00123', '田中 花子');
  const card = page.locator('.card');
  await see(card.getByText('M-00123', { exact: true }));
  await see(card.getByText('24 visits counted by Square'));
  // Her last visit was in November 2025: a regular who has not come for a year, never "First-time".
  await see(card.getByText('Lapsed', { exact: true }));
  expect(await card.getByText('First-time', { exact: true }).count()).toBe(0);

  // One visit counted: first-time, as a single visit should be.
  await openFromSearch(page, 'yamada', 'Taro Yamada');
  await see(card.getByText('1 visit counted by Square'));
  await see(card.getByText('First-time', { exact: true }));
}, 90_000);
