/**
 * The owner, on a phone after closing, opens Insights from the main navigation: the figures of
 * the year are there as text and tables, each chart drawn beside its table, and the page prints
 * without the app's frame.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { launchBrowser, notSee, PHONE, see } from './browser';
import { addNote, createCustomer } from './ledger';

/** The datetime-local value for 14:00, `days` days ago, in the browser's time zone. */
async function daysAgo(page: Page, days: number): Promise<string> {
  return page.evaluate(
    ({ days }) => {
      const d = new Date();
      d.setDate(d.getDate() - days);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T14:00`;
    },
    { days },
  );
}

test('the owner opens Insights on a phone after closing and reads the figures beside their charts', async () => {
  const { page } = await launchBrowser({ viewport: PHONE });
  await page.goto('/');

  await createCustomer(page, { name: '田中 花子', reading: 'たなか はなこ' });
  await addNote(page, {
    note: 'Arita plate',
    kind: 'Purchase',
    amount: '4000',
    at: await daysAgo(page, 20),
  });
  await addNote(page, {
    note: 'Came back for the matching bowl',
    kind: 'Purchase',
    amount: '2500',
  });
  await createCustomer(page, { name: '佐藤 一郎', reading: 'さとう いちろう' });
  await addNote(page, { note: 'Asked about kimono', kind: 'Consultation' });

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Insights', exact: true }).click();
  await see(page.getByRole('heading', { level: 1, name: 'Insights' }));

  const relationships = page.getByRole('region', { name: 'Two-way relationships' });
  await see(relationships, 20_000);
  // Two-way relationships, customers who came, repeat rate, thanked, back after thanks.
  expect(await relationships.getByRole('definition').allInnerTexts()).toEqual([
    '1',
    '2',
    '50%',
    '0',
    '0',
  ]);

  const sales = page.getByRole('table', { name: 'Sales by month and category', exact: true });
  await see(sales);
  expect(await sales.locator('tfoot').innerText()).toContain('¥6,500');
  await see(
    page.getByRole('table', { name: 'First visit → second visit within 90 days', exact: true }),
  );
  await see(page.getByRole('table', { name: 'Who came each month, by stage', exact: true }));
  await see(page.getByRole('table', { name: 'Follow-ups done and held back', exact: true }));

  // Every chart's code arrives after the tables, and each chart is drawn.
  const charts = page.getByRole('img', {
    name: /: chart\. The table beside it gives the same figures\.$/,
  });
  await expect.poll(() => charts.count(), { timeout: 20_000 }).toBe(5);
  const salesChart = page.getByRole('img', { name: /^Sales by month and category: chart/ });
  await expect
    .poll(() =>
      salesChart.evaluate((canvas: HTMLCanvasElement) => {
        const pixels = canvas
          .getContext('2d')!
          .getImageData(0, 0, canvas.width, canvas.height).data;
        return pixels.some((value, i) => i % 4 === 3 && value > 0);
      }),
    )
    .toBe(true);

  // On paper: the figures without the app's frame or the Print button.
  await page.emulateMedia({ media: 'print' });
  await notSee(nav);
  await notSee(page.getByRole('button', { name: 'Print' }));
  await see(sales);
  await see(salesChart);
});
