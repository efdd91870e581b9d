import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { launchBrowser, linkOrButton, PHONE, see } from './browser';
import { addNote, button, cardHeading, createCustomer, textbox, timeline } from './ledger';

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

async function customerWithVisits(
  page: Page,
  name: string,
  reading: string,
  visitDaysAgo: number[],
) {
  const path = await createCustomer(page, { name, reading });
  for (const days of visitDaysAgo) {
    await addNote(page, { note: `${name}: visit ${days} days ago`, at: await daysAgo(page, days) });
  }
  return path;
}

/** The stage label shown on the card, as visible text. */
function stageOnCard(page: Page, label: string) {
  return page.locator('.card').getByText(label, { exact: true });
}

test('visits copied from the paper ledger give each customer the right stage', async () => {
  const { page } = await launchBrowser({ locale: 'en-US' });
  await page.goto('/');

  await customerWithVisits(page, '田中 花子', 'たなか はなこ', [100, 50, 10]);
  await see(stageOnCard(page, 'Regular'));

  // Lapsed three weeks ago: the app also suggests a nudge, shown on the card without repeating
  // the stage's word, so "Lapsed" names one thing on the screen.
  await customerWithVisits(page, 'John Smith', 'じょん すみす', [100, 90, 80]);
  await page.reload();
  await see(stageOnCard(page, 'Lapsed'));
  await see(page.locator('li.follow-up'));
  expect(await page.locator('main').getByText('Lapsed').count()).toBe(1);

  await customerWithVisits(page, '佐藤 一郎', 'さとう いちろう', [300, 20]);
  await see(stageOnCard(page, 'Occasional'));

  await customerWithVisits(page, '鈴木 慎一', 'すずき しんいち', [5]);
  await see(stageOnCard(page, 'First-time'));

  await createCustomer(page, { name: '渡辺 美咲', reading: 'わたなべ みさき' });
  await see(stageOnCard(page, 'No visits yet'));

  // Search results carry the stage too.
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  const search = page.getByRole('searchbox', { name: 'Search customers', exact: true });
  await search.fill('smith');
  await see(page.getByRole('link', { name: /^John Smith/ }).filter({ hasText: 'Lapsed' }));
  await search.fill('watanabe');
  await see(page.getByRole('link', { name: /^渡辺 美咲/ }).filter({ hasText: 'No visits yet' }));
  await search.fill('tanaka');
  await see(page.getByRole('link', { name: /^田中 花子/ }).filter({ hasText: 'Regular' }));
});

test('a referral is linked both ways, and a caution flag warns every screen', async () => {
  const { page } = await launchBrowser({ locale: 'en-US' });
  await page.goto('/');
  const hanako = await createCustomer(page, { name: '田中 花子', reading: 'たなか はなこ' });

  // The friend she brought: "Referred by" finds her as you type.
  await page.goto('/customers/new');
  await textbox(page, 'Name').fill('渡辺 美咲');
  await textbox(page, 'Reading').fill('わたなべ みさき');
  const referredBy = page.getByRole('combobox', { name: 'Referred by', exact: true });
  await referredBy.fill('tanaka');
  await page.getByRole('option', { name: /^田中 花子/ }).click();
  expect(await referredBy.inputValue()).toBe('田中 花子');
  await button(page, 'Save').click();
  await see(cardHeading(page, '渡辺 美咲'));
  await page.getByRole('link', { name: '田中 花子', exact: true }).click();

  await see(cardHeading(page, '田中 花子'));
  expect(page.url()).toContain(hanako);
  await see(page.getByText('Referred 1', { exact: true }));
  await see(stageOnCard(page, 'Referrer'));
  await see(page.getByRole('link', { name: '渡辺 美咲', exact: true }));

  // The owner (at the counter on a fresh ledger) flags a customer.
  await page.getByRole('link', { name: '渡辺 美咲', exact: true }).click();
  await see(cardHeading(page, '渡辺 美咲'));
  await button(page, 'Set caution').click();
  await textbox(page, 'Reason').fill('Shouted at staff over a discount');
  await button(page, 'Save caution').click();
  const banner = page.locator('.card').getByRole('note', { name: 'Caution' });
  await see(banner);
  expect(await banner.innerText()).toContain('Shouted at staff over a discount');
  // The word stands alone on the card, so "Caution" finds the banner and nothing else.
  expect(await page.locator('main').getByText('Caution').count()).toBe(1);

  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search customers', exact: true }).fill('watanabe');
  const result = page.getByRole('link', { name: /^渡辺 美咲/ });
  await see(result);
  expect(await result.innerText()).toContain('Caution');
});

test('quiet check-in on a phone: the last digits of a landline find her, and her card opens with the caution and what to talk about in view', async () => {
  const { page } = await launchBrowser({ locale: 'en-US', viewport: PHONE });
  await page.goto('/');
  await createCustomer(page, { name: '渡辺 美咲', reading: 'わたなべ みさき', phone: '03-1234-5678' });
  await textbox(page, 'Talk about').fill('Her dog Pochi');
  await button(page, 'Add talk-about').click();
  await see(page.getByText('Her dog Pochi', { exact: true }));
  await button(page, 'Set caution').click();
  await textbox(page, 'Reason').fill('Pays only in cash');
  await button(page, 'Save caution').click();
  await see(page.locator('.card').getByRole('note', { name: 'Caution' }));

  // She gives the number without the Tokyo area code.
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search customers', exact: true }).fill('1234-5678');
  await page.getByRole('link', { name: /^渡辺 美咲/ }).click();
  await see(cardHeading(page, '渡辺 美咲'));

  // One glance, no scrolling: the caution, then what to talk about, then who she is.
  const caution = page.locator('.card').getByRole('note', { name: 'Caution' });
  const talk = page.getByRole('region', { name: 'Talk about', exact: true });
  const inView = async (locator: typeof caution) => {
    const box = await locator.boundingBox();
    return box !== null && box.y >= 0 && box.y + box.height <= PHONE.height;
  };
  expect(await inView(caution)).toBe(true);
  expect(await inView(talk.getByText('Her dog Pochi', { exact: true }))).toBe(true);
  const top = async (locator: typeof caution) => (await locator.boundingBox())!.y;
  expect(await top(caution)).toBeLessThan(await top(talk));
  expect(await top(talk)).toBeLessThan(await top(cardHeading(page, '渡辺 美咲')));
});

test('a thank-you after a first purchase is sent through LINE and logged on the timeline', async () => {
  const { page } = await launchBrowser({ locale: 'en-US' });
  await page.goto('/');

  // A walk-in who agreed to hear from the shop on LINE buys something now.
  await linkOrButton(page, 'Quick capture').click();
  await page.waitForURL('**/capture');
  await textbox(page, 'Name').fill('佐藤 一郎');
  await textbox(page, 'Reading').fill('さとう いちろう');
  await textbox(page, 'Phone').fill('080-2345-6789');
  await page.getByRole('checkbox', { name: 'May contact', exact: true }).check();
  await page.getByRole('checkbox', { name: 'LINE', exact: true }).check();
  await page.getByLabel('Amount', { exact: true }).fill('12000');
  await textbox(page, 'Note').fill('Kutani plate');
  await button(page, 'Save').click();
  await see(cardHeading(page, '佐藤 一郎'));
  const card = page.url();

  await page.getByRole('navigation').getByRole('link', { name: 'Follow-ups', exact: true }).click();
  await see(page.getByRole('heading', { level: 1, name: 'Follow-ups' }));
  const followUp = page.locator('li.follow-up').filter({ hasText: '佐藤 一郎' });
  await see(followUp);
  expect(await followUp.innerText()).toContain('Thank-you');

  const line = followUp.getByRole('link', { name: 'Send by LINE', exact: true });
  const href = (await line.getAttribute('href')) ?? '';
  expect(href.startsWith('https://line.me/R/share?text=')).toBe(true);
  const message = decodeURIComponent(href.slice('https://line.me/R/share?text='.length));
  expect(message).toContain('佐藤 一郎');
  expect(message).toContain('My shop');
  expect(await line.getAttribute('target')).toBe('_blank');
  // No mail without an address and consent; no SMS link without SMS consent.
  expect(await followUp.getByRole('link', { name: 'Send by mail', exact: true }).count()).toBe(0);

  await followUp.getByRole('button', { name: 'Done', exact: true }).click();
  await followUp.waitFor({ state: 'detached' });

  await page.goto(card);
  const contact = timeline(page).getByRole('listitem').filter({ hasText: 'Contact' });
  await see(contact);
  expect(await contact.innerText()).toContain('Thank-you');

  // The evening review lists the new customer with the consent captured.
  await page.getByRole('navigation').getByRole('link', { name: 'Today', exact: true }).click();
  const fresh = page.getByRole('region', { name: 'New customers' });
  await see(fresh.getByRole('link', { name: '佐藤 一郎' }));
  expect(await fresh.innerText()).toMatch(/Consent: .*LINE/);
});
