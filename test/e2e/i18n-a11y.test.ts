import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { launchBrowser, PHONE, see, TABLET } from './browser';
import { cardHeading, createCustomer, textbox } from './ledger';

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** The role and accessible name as assistive technology gets them, e.g. `searchbox "顧客を検索"`. */
async function accessibleName(locator: Locator): Promise<string> {
  const snapshot = await locator.ariaSnapshot();
  return /"(.*)"/.exec(snapshot)?.[1] ?? '';
}

async function htmlLang(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.lang);
}

test('a Japanese shop sees Japanese, and can switch to English for a new hire', async () => {
  const { page } = await launchBrowser({ locale: 'ja-JP' });
  await page.goto('/');

  await expect.poll(() => htmlLang(page)).toBe('ja');
  const search = page.getByRole('searchbox').first();
  await see(search);
  const japaneseName = await accessibleName(search);
  expect(japaneseName).not.toBe('Search customers');
  expect(japaneseName).toMatch(JAPANESE);
  expect(await page.getByRole('navigation').first().innerText()).toMatch(JAPANESE);

  await page.getByRole('navigation').getByRole('link', { name: '設定', exact: true }).click();
  const language = page.getByRole('combobox', { name: '言語', exact: true });
  const english = await language
    .locator('option')
    .filter({ hasText: /English/ })
    .getAttribute('value');
  expect(english, 'the Language select offers English').not.toBeNull();
  await page.evaluate(() => {
    (window as Window & { __marker?: number }).__marker = 1;
  });
  await language.selectOption(english ?? '');

  // Live: no reload needed for the labels to change.
  await see(page.getByRole('combobox', { name: 'Language', exact: true }));
  await see(page.getByRole('link', { name: 'Customers', exact: true }));
  await expect.poll(() => htmlLang(page)).toBe('en');
  expect(
    await page.evaluate(() => (window as Window & { __marker?: number }).__marker),
    'switched without reloading the page',
  ).toBe(1);

  await page.reload();
  await see(page.getByRole('combobox', { name: 'Language', exact: true }));
  expect(await htmlLang(page)).toBe('en');
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await see(page.getByRole('searchbox', { name: 'Search customers', exact: true }));
});

function describeViolations(where: string, violations: Violation[]): string {
  return violations
    .map((violation) =>
      [
        `[${violation.impact}] ${violation.id} on ${where}: ${violation.help} (${violation.helpUrl})`,
        ...violation.nodes.map(
          (node) =>
            `    ${node.target.join(' ')}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`,
        ),
      ].join('\n'),
    )
    .join('\n');
}

test('every screen staff use can be used with a screen reader, on a phone and on a tablet', async () => {
  const { page } = await launchBrowser({ locale: 'en-US', viewport: TABLET });
  await page.goto('/');
  const card = await createCustomer(page, {
    name: '田中 花子',
    reading: 'たなか はなこ',
    phone: '090-1234-5678',
  });

  const screens: { name: string; path: string; ready: (page: Page) => Locator }[] = [
    {
      name: 'Customers',
      path: '/',
      ready: (p) => p.getByRole('searchbox', { name: 'Search customers', exact: true }),
    },
    { name: 'New customer', path: '/customers/new', ready: (p) => textbox(p, 'Name') },
    { name: 'customer card', path: card, ready: (p) => cardHeading(p, '田中 花子') },
    {
      name: 'Follow-ups',
      path: '/follow-ups',
      ready: (p) => p.getByRole('heading', { level: 1, name: 'Follow-ups', exact: true }),
    },
    {
      name: 'Today',
      path: '/today',
      ready: (p) => p.getByRole('heading', { level: 1, name: 'Today’s review', exact: true }),
    },
    {
      name: 'Lists and birthdays',
      path: '/lists',
      ready: (p) => p.getByRole('heading', { level: 1, name: 'Lists and birthdays', exact: true }),
    },
    {
      name: 'Settings',
      path: '/settings',
      ready: (p) => p.getByRole('button', { name: 'Start sync', exact: true }),
    },
    ...['staff', 'shop', 'stages', 'follow-ups', 'messages', 'audit'].map((section) => ({
      name: `Settings → ${section}`,
      path: `/settings/${section}`,
      ready: (p: Page) => p.getByRole('link', { name: '‹ All settings', exact: true }).or(p.getByRole('navigation', { name: 'Settings sections' })).first(),
    })),
  ];
  const problems: string[] = [];
  for (const [sizeName, size] of [
    ['phone 390×844', PHONE],
    ['tablet 1024×768', TABLET],
  ] as const) {
    await page.setViewportSize(size);
    for (const screen of screens) {
      await page.goto(screen.path);
      await see(screen.ready(page));
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations.filter(
        (violation) => violation.impact === 'serious' || violation.impact === 'critical',
      );
      if (serious.length > 0)
        problems.push(describeViolations(`${screen.name} (${sizeName})`, serious));
    }
  }
  expect(problems, `accessibility problems:\n${problems.join('\n')}`).toEqual([]);
  // Two dozen screens, each checked by axe at two sizes: over 100 s on a loaded two-core machine.
}, 240_000);
