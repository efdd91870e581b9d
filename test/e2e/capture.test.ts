import { expect, test } from 'vitest';
import { launchBrowser, linkOrButton, pathOf, see } from './browser';
import { button, cardHeading, textbox, timeline } from './ledger';

test('staff at the counter capture a walk-in and their purchase in one form', async () => {
  const { page } = await launchBrowser({ locale: 'en-US' });
  await page.goto('/');

  const navigation = page.getByRole('navigation');
  await see(navigation.getByRole('link', { name: 'Customers', exact: true }));
  await see(navigation.getByRole('link', { name: 'Settings', exact: true }));
  const atTheCounter = page.getByRole('combobox', { name: 'At the counter', exact: true });
  await see(atTheCounter);
  expect(
    await atTheCounter.locator('option').count(),
    'staff names to choose from',
  ).toBeGreaterThan(0);

  await linkOrButton(page, 'Quick capture').click();
  await page.waitForURL('**/capture');
  await textbox(page, 'Name').fill('佐藤 一郎');
  await textbox(page, 'Reading').fill('さとう いちろう');
  await textbox(page, 'Phone').fill('080-2345-6789');
  await textbox(page, 'Email').fill('ichiro@example.jp');
  await page.getByRole('checkbox', { name: 'May contact', exact: true }).check();
  await page.getByLabel('Amount', { exact: true }).fill('12000');
  await textbox(page, 'Note').fill('Kutani plate, gift wrapped');
  await button(page, 'Save').click();

  await see(cardHeading(page, '佐藤 一郎'));
  expect(pathOf(page)).toMatch(/^\/customers\/[^/]+$/);
  const purchase = timeline(page)
    .getByRole('listitem')
    .filter({ hasText: 'Kutani plate, gift wrapped' });
  await see(purchase);
  expect(await purchase.innerText(), 'the purchase shows its amount').toMatch(/12,?000/);

  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  const search = page.getByRole('searchbox', { name: 'Search customers', exact: true });
  await search.fill('sato');
  // Opened straight away, before the query has reached the address by itself; Back returns to
  // the same results.
  await page.getByRole('link', { name: /^佐藤 一郎/ }).first().click();
  await see(cardHeading(page, '佐藤 一郎'));
  await page.goBack();
  await expect.poll(() => search.inputValue()).toBe('sato');
  await see(page.getByRole('link', { name: /^佐藤 一郎/ }).first());
});
