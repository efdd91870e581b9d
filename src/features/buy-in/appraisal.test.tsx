import { configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { customerInput } from '../../../test/support/factories';
import { renderApp } from '../../../test/support/render';
import { bootstrap } from '../../app/bootstrap';
import { createCustomer } from '../../db/customers/customers';
import { db } from '../../db/db';
import { recordAppraisal } from '../../db/ledger/ledger';
import { timelineOf } from '../../db/queries';

// Screens load lazily; on a busy two-core machine the first load can take more than a second.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no canvas: the resize runs in chromium in the end-to-end test; here it hands back a
// small JPEG as the browser would.
vi.mock('../../lib/photo-resize', () => ({
  resizePhoto: vi.fn(async () => ({ blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }), width: 1280, height: 960 })),
}));

beforeEach(() => {
  URL.createObjectURL = vi.fn(() => 'blob:thumbnail');
  URL.revokeObjectURL = vi.fn();
});

afterEach(() => {
  vi.clearAllMocks();
});

async function hanako() {
  return createCustomer(
    customerInput({ name: '田中 花子', reading: 'たなか はなこ', address: '京都市中京区三条通 1-2-3' }),
    undefined,
    {},
  );
}

type User = Awaited<ReturnType<typeof renderApp>>['user'];

async function fillItem(
  user: User,
  n: number,
  item: { category: string; description: string; features?: string; price: string },
) {
  const group = await screen.findByRole('group', { name: `Item ${n}` });
  await user.selectOptions(within(group).getByRole('combobox', { name: 'Category' }), item.category);
  await user.type(within(group).getByRole('textbox', { name: 'Description' }), item.description);
  if (item.features) await user.type(within(group).getByRole('textbox', { name: 'Features' }), item.features);
  await user.type(within(group).getByRole('textbox', { name: 'Price' }), item.price);
  return group;
}

async function startAppraisal(customerId: string) {
  const view = await renderApp(`/customers/${customerId}`);
  await view.user.click(await screen.findByRole('button', { name: 'New appraisal' }));
  await screen.findByRole('heading', { level: 1, name: 'Appraisal' });
  return view;
}

// Typing whole ID checks through user-event is slow on a busy two-core machine.
describe('appraising and buying at the counter', { timeout: 30_000 }, () => {
  it('appraises two items, buys the one the customer accepts with the ID check, and keeps the other on the card', async () => {
    const id = await hanako();
    const { user } = await startAppraisal(id);

    const game = await fillItem(user, 1, {
      category: 'Game software',
      description: 'Mario Kart 8 Deluxe',
      features: 'Switch, serial XAW-10012345',
      price: '2,500',
    });
    await user.upload(within(game).getByLabelText('Photo'), new File([new Uint8Array(2048)], 'IMG_0001.jpg', { type: 'image/jpeg' }));
    expect(await within(game).findByRole('img', { name: 'Photo of Mario Kart 8 Deluxe' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add item' }));
    await fillItem(user, 2, { category: 'Clothing, kimono', description: '訪問着', price: '8000' });
    expect(screen.getByText('Offered in total: ¥10,500')).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'ID check' })).toHaveTextContent('Tick Accept on what the customer sells');

    await user.click(within(game).getByRole('checkbox', { name: 'Accept' }));
    expect(screen.getByRole('status', { name: 'ID check' })).toHaveTextContent(
      'Game software: always needs the ID check and a ledger record, whatever the price.',
    );
    expect(screen.getByRole('textbox', { name: 'Address' })).toHaveValue('京都市中京区三条通 1-2-3');
    expect(screen.getByRole('textbox', { name: 'Name on ID' })).toHaveValue('田中 花子');
    await user.selectOptions(screen.getByRole('combobox', { name: 'ID document' }), "Driver's licence");
    await user.type(screen.getByRole('textbox', { name: 'Occupation' }), '会社員');
    await user.type(screen.getByRole('textbox', { name: 'Age' }), '42');
    await user.click(screen.getByRole('button', { name: 'Record buy-in' }));

    await screen.findByRole('heading', { level: 1, name: '田中 花子' });
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    await within(timeline).findByText('Buy-in');
    expect(within(timeline).getByText('Appraisal')).toBeInTheDocument();
    expect(within(timeline).getByText('¥2,500')).toBeInTheDocument();
    expect(within(timeline).getAllByRole('link', { name: /Open (record|appraisal)/ })).toHaveLength(2);
    expect(within(timeline).queryByRole('button', { name: 'Delete entry' })).not.toBeInTheDocument();
    expect(await screen.findByText('Bought 1 time, ¥2,500 paid in total')).toBeInTheDocument();

    const [entry] = await db.ledgerEntries.toArray();
    expect(entry).toMatchObject({
      total: 2_500,
      items: [{ category: 'game-software', description: 'Mario Kart 8 Deluxe', features: 'Switch, serial XAW-10012345', quantity: 1 }],
      counterparty: { name: '田中 花子', address: '京都市中京区三条通 1-2-3', occupation: '会社員', age: 42 },
      idCheck: { method: 'id-document', document: 'drivers-licence' },
    });
    expect(entry?.items[0]?.photoId).toBeTruthy();
    const [appraisal] = await db.appraisals.toArray();
    expect(appraisal?.items.map((i) => [i.description, i.accepted])).toEqual([
      ['Mario Kart 8 Deluxe', true],
      ['訪問着', false],
    ]);
  });

  it('Cancel goes back to the card and lets the draft and the photo taken for it go', async () => {
    const id = await hanako();
    const { user } = await startAppraisal(id);
    const item = await fillItem(user, 1, { category: 'Game software', description: 'Mario Kart 8 Deluxe', price: '2500' });
    await user.upload(within(item).getByLabelText('Photo'), new File([new Uint8Array(2048)], 'IMG_0002.jpg', { type: 'image/jpeg' }));
    await within(item).findByRole('img', { name: 'Photo of Mario Kart 8 Deluxe' });
    expect(await db.photos.count()).toBe(1);

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByRole('heading', { level: 1, name: '田中 花子' });
    await waitFor(async () => expect(await db.photos.count()).toBe(0));
    await user.click(await screen.findByRole('button', { name: 'New appraisal' }));
    const fresh = await screen.findByRole('group', { name: 'Item 1' });
    expect(within(fresh).getByRole('textbox', { name: 'Description' })).toHaveValue('');
    expect(await db.appraisals.count()).toBe(0);
  });

  it('says what the law still needs and saves nothing until the ID check is complete', async () => {
    const id = await hanako();
    const { user } = await startAppraisal(id);
    const item = await fillItem(user, 1, { category: 'Watches, jewellery', description: 'Seiko 5', features: 'SNK809', price: '15000' });
    await user.click(within(item).getByRole('checkbox', { name: 'Accept' }));
    expect(screen.getByRole('status', { name: 'ID check' })).toHaveTextContent('The total is ¥10,000 or more');
    await user.click(screen.getByRole('button', { name: 'Record buy-in' }));

    expect(screen.getByRole('alert')).toHaveTextContent('Please fix 3 fields before saving.');
    expect(screen.getByRole('combobox', { name: 'ID document' })).toHaveAccessibleDescription('Required');
    expect(screen.getByRole('textbox', { name: 'Age' })).toHaveAccessibleDescription(/Required/);
    expect(await db.appraisals.count()).toBe(0);

    await user.type(screen.getByRole('textbox', { name: 'Occupation' }), '教員');
    await user.type(screen.getByRole('textbox', { name: 'Age' }), '16');
    await user.selectOptions(screen.getByRole('combobox', { name: 'ID document' }), 'My Number card (front only)');
    expect(screen.getByText('Look at the front only. Never write down the My Number (個人番号).')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Record buy-in' }));
    expect(await screen.findByText(/A seller under 18 needs a guardian’s consent/)).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Guardian consents' }));
    await user.type(screen.getByRole('textbox', { name: 'Guardian' }), '田中 一郎（父）');
    await user.selectOptions(screen.getByRole('combobox', { name: 'How the guardian consented' }), 'By phone');
    await user.click(screen.getByRole('button', { name: 'Record buy-in' }));

    await screen.findByRole('heading', { level: 1, name: '田中 花子' });
    const [entry] = await db.ledgerEntries.toArray();
    expect(entry).toMatchObject({
      idCheck: { document: 'my-number-card' },
      guardian: { name: '田中 一郎（父）', method: 'phone' },
      counterparty: { age: 16 },
    });
  });

  it('refuses a My Number typed into the record, pointing at the field', async () => {
    const id = await hanako();
    const { user } = await startAppraisal(id);
    const item = await fillItem(user, 1, { category: 'Books', description: '写真集', features: '初版', price: '500' });
    await user.click(within(item).getByRole('checkbox', { name: 'Accept' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'ID document' }), 'Other document');
    await user.type(screen.getByRole('textbox', { name: 'Which document' }), '個人番号 9832 0567 3214');
    await user.type(screen.getByRole('textbox', { name: 'Occupation' }), '学生');
    await user.type(screen.getByRole('textbox', { name: 'Age' }), '20');
    await user.click(screen.getByRole('button', { name: 'Record buy-in' }));
    expect(screen.getByRole('textbox', { name: 'Which document' })).toHaveAccessibleDescription(
      'This looks like a My Number (個人番号). Never record it: only that the card was shown.',
    );
    expect(await db.ledgerEntries.count()).toBe(0);
  });

  it('keeps a declined appraisal on the timeline as an Appraisal', async () => {
    const id = await hanako();
    const { user } = await startAppraisal(id);
    await fillItem(user, 1, { category: 'Art, antiques', description: '掛け軸', price: '30000' });
    await user.click(screen.getByRole('button', { name: 'Record appraisal only' }));

    await screen.findByRole('heading', { level: 1, name: '田中 花子' });
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    expect(await within(timeline).findByText('Appraisal')).toBeInTheDocument();
    expect(within(timeline).getByText('掛け軸')).toBeInTheDocument();
    expect(within(timeline).queryByText('Buy-in')).not.toBeInTheDocument();
    expect(await db.ledgerEntries.count()).toBe(0);
    expect((await db.appraisals.toArray())[0]?.outcome).toBe('declined');
  });

  it('lets a cheap kimono be bought without an ID, saying so before saving', async () => {
    const id = await hanako();
    const { user } = await startAppraisal(id);
    const item = await fillItem(user, 1, { category: 'Clothing, kimono', description: '浴衣', price: '1500' });
    await user.click(within(item).getByRole('checkbox', { name: 'Accept' }));
    expect(screen.getByRole('status', { name: 'ID check' })).toHaveTextContent('Under ¥10,000 and nothing that is always recorded: the ID check may be skipped.');
    await user.clear(screen.getByRole('textbox', { name: 'Name on ID' }));
    await user.clear(screen.getByRole('textbox', { name: 'Address' }));
    await user.click(screen.getByRole('button', { name: 'Record buy-in' }));
    await screen.findByRole('heading', { level: 1, name: '田中 花子' });
    const [entry] = await db.ledgerEntries.toArray();
    expect(entry?.rule.required).toBe(false);
    expect(entry?.counterparty).toBeUndefined();
  });

  it('keeps a half-written appraisal through a reload', async () => {
    const id = await hanako();
    const first = await startAppraisal(id);
    await fillItem(first.user, 1, { category: 'Cameras', description: 'Nikon F3', price: '40000' });
    first.unmount();
    await renderApp(`/customers/${id}/appraisal`);
    const group = await screen.findByRole('group', { name: 'Item 1' });
    expect(within(group).getByRole('textbox', { name: 'Description' })).toHaveValue('Nikon F3');
    expect(within(group).getByRole('combobox', { name: 'Category' })).toHaveDisplayValue('Cameras');
  });
});

describe('the ledger', { timeout: 30_000 }, () => {
  async function boughtSwitch() {
    await bootstrap();
    const owner = (await db.staff.toArray())[0]!;
    const customerId = await hanako();
    const { ledgerEntryId } = await recordAppraisal(
      {
        customerId,
        items: [
          {
            category: 'game-consoles',
            description: 'Nintendo Switch',
            features: 'Serial XAJ70012345, neon',
            quantity: 1,
            price: 18_000,
            accepted: true,
          },
        ],
        record: {
          counterparty: { name: '田中 花子', address: '京都市中京区', occupation: '会社員', age: 42 },
          idCheck: { method: 'id-document', document: 'passport', detail: '', checkedBy: owner.id },
        },
      },
      { staffId: owner.id },
    );
    return { customerId, id: ledgerEntryId! };
  }

  it("shows the day's buy-ins and what was paid out in the owner's review", async () => {
    const { id } = await boughtSwitch();
    await renderApp('/today');
    const section = await screen.findByRole('region', { name: 'Buy-ins: 1' });
    expect(within(section).getByText('Paid out: ¥18,000')).toBeInTheDocument();
    expect(within(section).getByRole('link', { name: /田中 花子/ })).toHaveAttribute('href', `/ledger/${id}`);
    expect(within(section).getByText('Nintendo Switch')).toBeInTheDocument();
  });

  it('finds a purchase by its serial number, as a police enquiry would ask', async () => {
    const { user } = await renderApp('/');
    await boughtSwitch();
    await user.click(screen.getByRole('link', { name: 'Ledger' }));
    const search = await screen.findByRole('searchbox', { name: 'Search ledger' });
    const table = await screen.findByRole('table', { name: 'Ledger entries' });
    expect(within(table).getByText('Serial XAJ70012345, neon')).toBeInTheDocument();

    await user.type(search, 'xaj-9999');
    expect(await screen.findByText('Nothing matches “xaj-9999” in this period.')).toBeInTheDocument();
    await user.clear(search);
    await user.type(search, 'xaj-7001');
    const found = await screen.findByRole('table', { name: 'Ledger entries' });
    expect(within(found).getByText('京都市中京区')).toBeInTheDocument();
    expect(within(found).getByText('Passport')).toBeInTheDocument();
    expect(within(found).getByRole('columnheader', { name: 'Date of transaction' })).toBeInTheDocument();
  });

  it('corrects a record by adding a new entry, keeping the original and saying which corrects which', async () => {
    const { id } = await boughtSwitch();
    const { user } = await renderApp(`/ledger/${id}`);
    await user.click(await screen.findByRole('link', { name: 'Correct this record' }));
    const group = await screen.findByRole('group', { name: 'Item 1' });
    const features = within(group).getByRole('textbox', { name: 'Features' });
    await user.clear(features);
    await user.type(features, 'Serial XAJ70012346, neon');
    await user.click(screen.getByRole('button', { name: 'Save correction' }));
    expect(screen.getByRole('textbox', { name: 'Reason for correction' })).toHaveAccessibleDescription('Required');
    await user.type(screen.getByRole('textbox', { name: 'Reason for correction' }), 'Last digit misread');
    await user.click(screen.getByRole('button', { name: 'Save correction' }));

    expect(await screen.findByRole('link', { name: /^Corrects No\./ })).toBeInTheDocument();
    expect(screen.getByText('Serial XAJ70012346, neon')).toBeInTheDocument();
    const entries = await db.ledgerEntries.toArray();
    expect(entries).toHaveLength(2);
    expect(entries.find((e) => e.id === id)?.items[0]?.features).toBe('Serial XAJ70012345, neon');

    await user.click(screen.getByRole('link', { name: 'All records' }));
    const table = await screen.findByRole('table', { name: 'Ledger entries' });
    expect(within(table).getByText(/^Corrected by No\./)).toBeInTheDocument();
    expect(within(table).getByText(/^Correction of No\..*Last digit misread/)).toBeInTheDocument();
  });

  it('tells the owner, when deleting the customer, that the law keeps their purchase records', async () => {
    const { customerId } = await boughtSwitch();
    const { user } = await renderApp(`/customers/${customerId}`);
    await user.click(await screen.findByRole('button', { name: 'Delete customer' }));
    const dialog = await screen.findByRole('dialog', { name: /^Delete /, hidden: true });
    await waitFor(() =>
      expect(dialog).toHaveTextContent(/1 purchase record stays in the 古物台帳 until .*2029.*three years/),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Delete', hidden: true }));
    await screen.findByRole('searchbox', { name: 'Search customers' });
    expect(await db.ledgerEntries.count()).toBe(1);
    expect((await timelineOf(customerId)).length).toBe(2);
  });
});
