import { expect, test } from 'vitest';
import {
  expectNoNetwork,
  goOfflineAndReload,
  launchBrowser,
  notSee,
  pathOf,
  reloadUnderServiceWorker,
  see,
} from './browser';
import { addNote, cardHeading, createCustomer, timeline, timelineTexts } from './ledger';

const HANAKO = {
  name: '田中 花子',
  reading: 'たなか はなこ',
  phone: '090-1234-5678',
  email: 'hana@example.jp',
  mayContact: true,
};

test('staff records a customer online, then keeps working with the network off', async () => {
  const { context, page } = await launchBrowser({ locale: 'en-US' });
  await page.goto('/');

  const card = await createCustomer(page, HANAKO);
  const firstNote = await addNote(page, {
    note: 'Looking for an Arita vase',
    kind: 'Purchase',
    amount: '3800',
  });
  expect(await firstNote.innerText(), 'the purchase shows its amount').toMatch(/3,?800/);

  await reloadUnderServiceWorker(page);
  await goOfflineAndReload(context, page);
  // The app shell came from the precache, and the card from IndexedDB.
  expect(pathOf(page)).toBe(card);
  await see(cardHeading(page, HANAKO.name));

  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  const search = page.getByRole('searchbox', { name: 'Search customers', exact: true });
  const hanakoResult = page.getByRole('link', { name: /^田中 花子/ });
  for (const typed of ['tanaka', '0901234', '090-1234']) {
    // A query that matches nobody first, so a result seen below belongs to this query.
    await search.fill('qqzx');
    await notSee(hanakoResult.first());
    await search.fill('');
    await search.fill(typed);
    await see(hanakoResult.first()).catch((error: unknown) => {
      throw new Error(`searching "${typed}" offline did not find 田中 花子`, { cause: error });
    });
  }
  await hanakoResult.first().click();
  await see(cardHeading(page, HANAKO.name));
  expect(pathOf(page)).toBe(card);

  await addNote(page, { note: 'Came back for the vase, offline' });
  await page.reload();
  await expectNoNetwork(page);
  await see(cardHeading(page, HANAKO.name));
  await see(
    timeline(page).getByRole('listitem').filter({ hasText: 'Came back for the vase, offline' }),
  );
  const notes = await timelineTexts(page);
  const newer = notes.findIndex((text) => text.includes('Came back for the vase, offline'));
  const older = notes.findIndex((text) => text.includes('Looking for an Arita vase'));
  expect(older, 'the first note survives the offline reloads').toBeGreaterThanOrEqual(0);
  expect(newer, 'newest first').toBeLessThan(older);
});
