import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { launchBrowser, pathOf, see } from './browser';
import {
  button,
  cardHeading,
  createCustomer,
  fillCustomerForm,
  openNewCustomerForm,
  textbox,
} from './ledger';

/** The famous over-long name from the rakugo story; 104 characters. */
const JUGEMU =
  '寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末食う寝る処に住む処やぶら小路の藪柑子パイポパイポパイポのシューリンガンシューリンガンのグーリンダイグーリンダイのポンポコピーのポンポコナーの長久命の長助';
/** Characters as a person counts them: the dog is one character (two UTF-16 code units). */
const nameOf = (characters: number) => [...JUGEMU].slice(0, characters - 1).join('') + '🐶';

/** Waits for a message and checks it sits next to its field (within 100 px above or below). */
async function seeMessageNear(page: Page, message: string | RegExp, field: Locator): Promise<void> {
  const messages = page.getByText(message);
  await see(messages.first());
  const fieldBox = await field.boundingBox();
  if (!fieldBox) throw new Error(`${field.toString()} is not visible`);
  const gaps: number[] = [];
  for (const candidate of await messages.all()) {
    const box = await candidate.boundingBox();
    if (box)
      gaps.push(
        Math.max(0, box.y - (fieldBox.y + fieldBox.height), fieldBox.y - (box.y + box.height)),
      );
  }
  expect(
    Math.min(...gaps),
    `"${String(message)}" is shown next to ${field.toString()}`,
  ).toBeLessThanOrEqual(100);
}

test('staff who mistype an email or forget the name are told how to fix it and lose nothing', async () => {
  const { page } = await launchBrowser({ locale: 'en-US' });
  await openNewCustomerForm(page);

  await fillCustomerForm(page, {
    name: '田中 花子',
    reading: 'たなか はなこ',
    phone: '090-1234-5678',
    email: 'hana@',
  });
  await button(page, 'Save').click();
  await seeMessageNear(page, 'Enter a valid email address', textbox(page, 'Email'));
  expect(pathOf(page)).toBe('/customers/new');
  expect(await textbox(page, 'Name').inputValue()).toBe('田中 花子');
  expect(await textbox(page, 'Reading').inputValue()).toBe('たなか はなこ');
  expect(await textbox(page, 'Phone').inputValue()).toBe('090-1234-5678');
  expect(await textbox(page, 'Email').inputValue()).toBe('hana@');

  await textbox(page, 'Email').fill('hana@example.jp');
  await textbox(page, 'Name').fill('');
  await button(page, 'Save').click();
  await seeMessageNear(page, 'Enter a name', textbox(page, 'Name'));
  expect(pathOf(page)).toBe('/customers/new');
  expect(await textbox(page, 'Reading').inputValue()).toBe('たなか はなこ');
  expect(await textbox(page, 'Email').inputValue()).toBe('hana@example.jp');

  await textbox(page, 'Name').fill('田中 花子');
  await button(page, 'Save').click();
  await see(cardHeading(page, '田中 花子'));
});

test('names with emoji and names of up to 100 characters are kept exactly as typed', async () => {
  const { page } = await launchBrowser({ locale: 'en-US' });
  await page.goto('/');

  for (const name of ['🐶 ポチの飼い主さん', nameOf(100)]) {
    await createCustomer(page, { name });
    await page.reload();
    await see(cardHeading(page, name));
    await page.goto('/');
  }

  await openNewCustomerForm(page);
  const tooLong = nameOf(101);
  await textbox(page, 'Name').fill(tooLong);
  await button(page, 'Save').click();
  await seeMessageNear(
    page,
    /too long|at most 100|up to 100|100 characters/i,
    textbox(page, 'Name'),
  );
  expect(pathOf(page)).toBe('/customers/new');
  expect(
    await textbox(page, 'Name').inputValue(),
    'the long name is not cut short behind the scenes',
  ).toBe(tooLong);
  // Still a working screen, not a blank one.
  await see(page.getByRole('link', { name: 'Customers', exact: true }));
});
