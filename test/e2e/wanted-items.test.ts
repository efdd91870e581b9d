/**
 * 探しもの帳 end to end, in real chromium: Hanako asks the shop to look out for an Arita vase;
 * later someone sells the shop one; the Follow-ups screen offers Hanako "It came in" on LINE
 * (the channel she agreed to) naming the vase, Today lists the match, and Done logs the contact.
 */
import { expect, test } from 'vitest';
import { launchBrowser, see, TABLET } from './browser';
import {
  button,
  cardHeading,
  fillCustomerForm,
  openNewCustomerForm,
  textbox,
  timeline,
} from './ledger';

test('a wanted item is matched by a buy-in, and "It came in" goes out on LINE and is logged', async () => {
  const { page } = await launchBrowser({ locale: 'en-US', viewport: TABLET });
  await page.goto('/');

  await openNewCustomerForm(page);
  await fillCustomerForm(page, {
    name: '田中 花子',
    reading: 'たなか はなこ',
    phone: '090-1234-5678',
    mayContact: true,
  });
  await page.getByRole('checkbox', { name: 'LINE', exact: true }).check();
  await button(page, 'Save').click();
  await see(cardHeading(page, '田中 花子'));
  const hanako = page.url();

  await textbox(page, 'Looking for').fill('Arita vase');
  await page
    .getByRole('combobox', { name: 'Category', exact: true })
    .selectOption({ label: 'Tableware, furniture, instruments' });
  await textbox(page, 'Up to (yen)').fill('30000');
  await button(page, 'Add wanted item').click();
  const wanted = page.getByRole('list', { name: 'Looking for (探しもの帳)', exact: true });
  await see(wanted.getByText('Arita vase', { exact: true }));

  // Someone else sells the shop a vase.
  await openNewCustomerForm(page);
  await fillCustomerForm(page, {
    name: '山田 一郎',
    reading: 'やまだ いちろう',
    phone: '080-2345-6789',
  });
  await button(page, 'Save').click();
  await see(cardHeading(page, '山田 一郎'));
  await button(page, 'New appraisal').click();
  await see(page.getByRole('heading', { level: 1, name: 'Appraisal', exact: true }));
  const item = page.getByRole('group', { name: 'Item 1', exact: true });
  await item
    .getByRole('combobox', { name: 'Category', exact: true })
    .selectOption({ label: 'Tableware, furniture, instruments' });
  await textbox(item, 'Description').fill('Arita vase, blue and white');
  await textbox(item, 'Features').fill('Height 30 cm, no chips');
  await item.getByLabel('Price', { exact: true }).fill('8000');
  await item.getByRole('checkbox', { name: 'Accept', exact: true }).check();
  await page
    .getByRole('combobox', { name: 'ID document', exact: true })
    .selectOption({ label: "Driver's licence" });
  await textbox(page, 'Address').fill('京都市中京区三条通 1-2-3');
  await textbox(page, 'Occupation').fill('会社員');
  await textbox(page, 'Age').fill('50');
  await button(page, 'Record buy-in').click();
  await see(
    timeline(page)
      .getByRole('listitem')
      .filter({ hasText: 'Buy-in' })
      .filter({ hasText: 'Arita vase' }),
  );

  // The evening review lists the match.
  await page.getByRole('navigation').getByRole('link', { name: 'Today', exact: true }).click();
  const matches = page.getByRole('region', { name: 'It came in: matches' });
  await see(matches.getByRole('link', { name: '田中 花子' }));
  expect(await matches.innerText()).toContain('they were looking for “Arita vase”');

  await page.getByRole('navigation').getByRole('link', { name: 'Follow-ups', exact: true }).click();
  await see(page.getByRole('heading', { level: 1, name: 'Follow-ups' }));
  const news = page
    .locator('li.follow-up')
    .filter({ hasText: '田中 花子' })
    .filter({ hasText: 'It came in' });
  await see(news);
  const line = news.getByRole('link', { name: 'Send by LINE', exact: true });
  const message = decodeURIComponent(
    ((await line.getAttribute('href')) ?? '').slice('https://line.me/R/share?text='.length),
  );
  expect(message).toContain('Dear 田中 花子');
  expect(message).toContain('Arita vase, blue and white');
  // Only channels she agreed to: no mail without an address and consent.
  expect(await news.getByRole('link', { name: 'Send by mail', exact: true }).count()).toBe(0);

  await news.getByRole('button', { name: 'Done', exact: true }).click();
  await news.waitFor({ state: 'detached' });
  await page.goto(hanako);
  const contact = timeline(page).getByRole('listitem').filter({ hasText: 'Contact' });
  await see(contact);
  expect(await contact.innerText()).toContain('It came in');
});
