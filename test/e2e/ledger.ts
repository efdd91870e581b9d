/** What staff do again and again in the e2e stories, written once against the UI contract. */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { linkOrButton, pathOf, see } from './browser';

export interface NewCustomer {
  name: string;
  reading?: string;
  phone?: string;
  email?: string;
  mayContact?: boolean;
}

export function textbox(scope: Page | Locator, name: string): Locator {
  return scope.getByRole('textbox', { name, exact: true });
}

export function button(scope: Page | Locator, name: string): Locator {
  return scope.getByRole('button', { name, exact: true });
}

export function cardHeading(page: Page, name: string): Locator {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

export function timeline(page: Page): Locator {
  return page.getByRole('list', { name: 'Timeline', exact: true });
}

/** Fills the New customer form (already open) without saving. */
export async function fillCustomerForm(page: Page, customer: NewCustomer): Promise<void> {
  await textbox(page, 'Name').fill(customer.name);
  if (customer.reading !== undefined) await textbox(page, 'Reading').fill(customer.reading);
  if (customer.phone !== undefined) await textbox(page, 'Phone').fill(customer.phone);
  if (customer.email !== undefined) await textbox(page, 'Email').fill(customer.email);
  if (customer.mayContact)
    await page.getByRole('checkbox', { name: 'May contact', exact: true }).check();
}

export async function openNewCustomerForm(page: Page): Promise<void> {
  if (pathOf(page) !== '/') await page.goto('/');
  await linkOrButton(page, 'New customer').click();
  await page.waitForURL('**/customers/new');
  await see(textbox(page, 'Name'));
}

/** From the Customers page: New customer → fill → Save → the card. Returns the card's path. */
export async function createCustomer(page: Page, customer: NewCustomer): Promise<string> {
  await openNewCustomerForm(page);
  await fillCustomerForm(page, customer);
  await button(page, 'Save').click();
  await page.waitForURL((url) => /^\/customers\/(?!new$)[^/]+$/.test(url.pathname));
  await see(cardHeading(page, customer.name));
  return pathOf(page);
}

export interface NewNote {
  note: string;
  kind?: 'Purchase' | 'Buy-in' | 'Appraisal' | 'Consultation' | 'Other' | 'Contact';
  amount?: string;
  /** A past date copied from the paper ledger, as an <input type="datetime-local"> value. */
  at?: string;
}

/** The counter's kinds in their order; Contact (a follow-up done) comes last. */
export const VISIT_KINDS = ['Purchase', 'Buy-in', 'Appraisal', 'Consultation', 'Other', 'Contact'];

/**
 * On a card: Add note → fill → Save note, then waits for the note in the timeline. On the way it
 * checks the form offers what the contract promises: a Date that defaults to now and the kinds.
 */
export async function addNote(page: Page, note: NewNote): Promise<Locator> {
  await button(page, 'Add note').click();
  const noteBox = textbox(page, 'Note');
  await see(noteBox);

  const date = page.getByLabel('Date', { exact: true });
  expect(await date.getAttribute('type')).toBe('datetime-local');
  const { shown, now } = await date.evaluate((input: HTMLInputElement) => ({
    shown: new Date(input.value).getTime(),
    now: Date.now(),
  }));
  expect(Math.abs(shown - now), 'the Date field defaults to now').toBeLessThan(3 * 60_000);
  const kind = page.getByRole('combobox', { name: 'Kind', exact: true });
  expect((await kind.locator('option').allInnerTexts()).map((text) => text.trim())).toEqual(
    VISIT_KINDS,
  );

  await noteBox.fill(note.note);
  if (note.kind) await kind.selectOption({ label: note.kind });
  if (note.amount !== undefined) await page.getByLabel('Amount', { exact: true }).fill(note.amount);
  if (note.at !== undefined) await date.fill(note.at);
  await button(page, 'Save note').click();
  const entry = timeline(page).getByRole('listitem').filter({ hasText: note.note });
  await see(entry);
  return entry;
}

/** The note texts in the timeline, top to bottom. */
export async function timelineTexts(page: Page): Promise<string[]> {
  await see(timeline(page));
  return timeline(page).getByRole('listitem').allInnerTexts();
}

/** A 3000×2000 photo as a tablet camera might hand it over (PNG, drawn in the page). */
export async function cameraPhoto(page: Page): Promise<Buffer> {
  const bytes = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(3000, 2000);
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#2e4a62';
    g.fillRect(0, 0, 3000, 2000);
    g.fillStyle = '#f6e3dc';
    g.fillRect(600, 400, 1800, 1200);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  return Buffer.from(bytes);
}

/**
 * On a card: a buy-in of one game with its photo and the seller's ID check, recorded. Returns on
 * the card once it is saved.
 */
export async function recordBuyInWithPhoto(page: Page, item: { description: string; features: string; price: string }): Promise<void> {
  await button(page, 'New appraisal').click();
  await see(page.getByRole('heading', { level: 1, name: 'Appraisal', exact: true }));
  const game = page.getByRole('group', { name: 'Item 1', exact: true });
  await game.getByRole('combobox', { name: 'Category', exact: true }).selectOption({ label: 'Game software' });
  await textbox(game, 'Description').fill(item.description);
  await textbox(game, 'Features').fill(item.features);
  await game.getByLabel('Price', { exact: true }).fill(item.price);
  await game
    .getByLabel('Photo', { exact: true })
    .setInputFiles({ name: 'IMG_0042.png', mimeType: 'image/png', buffer: await cameraPhoto(page) });
  await see(game.getByRole('img', { name: `Photo of ${item.description}` }));
  await game.getByRole('checkbox', { name: 'Accept', exact: true }).check();
  await page.getByRole('combobox', { name: 'ID document', exact: true }).selectOption({ label: "Driver's licence" });
  await textbox(page, 'Address').fill('京都市中京区三条通 1-2-3');
  await textbox(page, 'Occupation').fill('会社員');
  await textbox(page, 'Age').fill('42');
  await button(page, 'Record buy-in').click();
  await see(timeline(page).getByRole('listitem').filter({ hasText: 'Buy-in' }).filter({ hasText: item.description }));
}

/** Settings → Export backup; keeps the downloaded file and returns its path. */
export async function exportBackupFile(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Export backup').click()]);
  const saved = path.join(await mkdtemp(path.join(os.tmpdir(), 'daifuku-backup-')), download.suggestedFilename());
  await download.saveAs(saved);
  return saved;
}
