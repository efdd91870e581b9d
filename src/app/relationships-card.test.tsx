import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { customerInput } from '../../test/support/factories';
import { renderApp } from '../../test/support/render';
import { createCustomer } from '../db/customers/customers';
import { db } from '../db/db';
import { getCustomer } from '../db/queries';
import { cautionHistoryOf } from '../db/relationships/queries';
import { addTalkAbout, setCaution } from '../db/relationships/relationships';
import { addStaff } from '../db/staff/staff';
import { recordVisit } from '../db/visits/visits';
import { writePref } from '../lib/device-prefs';
import { bootstrap } from './bootstrap';

const DAY = 86_400_000;
const daysAgo = (n: number) => Date.now() - n * DAY;

async function customerWithVisits(name: string, reading: string, visitDaysAgo: number[]) {
  const id = await createCustomer(customerInput({ name, reading, phones: [] }), undefined, {});
  for (const n of visitDaysAgo)
    await recordVisit(id, { at: daysAgo(n), kind: 'purchase', note: `visit ${n}` }, {});
  return id;
}

async function ownerId(): Promise<string> {
  return (await db.staff.toArray()).find((s) => s.role === 'owner')!.id;
}

function resultFor(name: string) {
  return screen.findByRole('link', { name: new RegExp(`^${name}`) });
}

describe('how each relationship stands', () => {
  it('shows each customer’s stage on their card and in search results, from their own visits', async () => {
    const regular = await customerWithVisits('常連 さん', 'じょうれん', [100, 50, 10]);
    await customerWithVisits('初めて さん', 'はじめて', [3]);
    await customerWithVisits('たまに さん', 'たまに', [300, 20]);
    await customerWithVisits('ご無沙汰 さん', 'ごぶさた', [300, 290, 280]);
    await createCustomer(
      customerInput({ name: 'まだ さん', reading: 'まだ', phones: [] }),
      undefined,
      {},
    );
    const { user } = await renderApp(`/customers/${regular}`);

    expect(await screen.findByText('Regular')).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Customers' }));
    const search = await screen.findByRole('searchbox', { name: 'Search customers' });
    for (const [typed, name, stage] of [
      ['joure', '常連 さん', 'Regular'],
      ['hajime', '初めて さん', 'First-time'],
      ['tamani', 'たまに さん', 'Occasional'],
      ['gobusa', 'ご無沙汰 さん', 'Lapsed'],
      ['mada', 'まだ さん', 'No visits yet'],
    ] as const) {
      await user.clear(search);
      await user.type(search, typed);
      expect(await resultFor(name)).toHaveTextContent(stage);
    }
  });
});

describe('referrals', () => {
  it('staff picks the referrer by typing in "Referred by"; both cards link to each other', async () => {
    const hanako = await createCustomer(
      customerInput({ name: '田中 花子', reading: 'たなか はなこ' }),
      undefined,
      {},
    );
    const { user } = await renderApp('/customers/new');
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), '渡辺 美咲');
    const referredBy = screen.getByRole('combobox', { name: 'Referred by' });
    await user.type(referredBy, 'tanaka');
    await user.click(await screen.findByRole('option', { name: /^田中 花子/ }));
    expect(referredBy).toHaveValue('田中 花子');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('heading', { level: 1, name: '渡辺 美咲' })).toBeInTheDocument();
    await user.click(await screen.findByRole('link', { name: '田中 花子' }));
    expect(await screen.findByRole('heading', { level: 1, name: '田中 花子' })).toBeInTheDocument();
    expect(await screen.findByText('Referred 1')).toBeInTheDocument();
    expect(screen.getByText('Referrer')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '渡辺 美咲' })).toBeInTheDocument();
    expect((await getCustomer(hanako))?.referredCount).toBe(1);
  });

  it('chooses with the keyboard: arrows and Enter, without submitting the form', async () => {
    await createCustomer(
      customerInput({ name: '田中 花子', reading: 'たなか はなこ' }),
      undefined,
      {},
    );
    await createCustomer(
      customerInput({ name: '田中 一郎', reading: 'たなか いちろう', phones: [] }),
      undefined,
      {},
    );
    const { user } = await renderApp('/customers/new');
    const referredBy = await screen.findByRole('combobox', { name: 'Referred by' });
    await user.type(referredBy, 'たなか');
    const options = await within(
      await screen.findByRole('listbox', { name: 'Customers' }),
    ).findAllByRole('option');
    expect(options).toHaveLength(2);
    const second = options[1]!.textContent ?? '';
    await user.keyboard('{ArrowDown}');
    expect(options[1]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    expect(second.startsWith((referredBy as HTMLInputElement).value)).toBe(true);
    expect((referredBy as HTMLInputElement).value).toMatch(/^田中 (花子|一郎)$/);
    expect(screen.getByRole('heading', { level: 1, name: 'New customer' })).toBeInTheDocument();
    expect(referredBy).toHaveAttribute('aria-expanded', 'false');
  });

  it('refuses a referral circle with a message next to "Referred by", keeping what was typed', async () => {
    const a = await createCustomer(
      customerInput({ name: '青木 A', reading: 'あおき', phones: [] }),
      undefined,
      {},
    );
    await createCustomer(
      customerInput({ name: '馬場 B', reading: 'ばば', phones: [], referredBy: a }),
      undefined,
      {},
    );
    const { user } = await renderApp(`/customers/${a}/edit`);
    const referredBy = await screen.findByRole('combobox', { name: 'Referred by' });
    await user.type(referredBy, 'baba');
    await user.click(await screen.findByRole('option', { name: /^馬場 B/ }));
    await user.type(screen.getByRole('textbox', { name: 'About them' }), 'Comes with B');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText(/referral circle/)).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Referred by' })).toHaveAccessibleDescription(
      /referral circle/,
    );
    expect(screen.getByRole('textbox', { name: 'About them' })).toHaveValue('Comes with B');
    expect(await getCustomer(a)).not.toHaveProperty('referredBy');
  });
});

describe('things to talk about', () => {
  it('staff adds a prompt in one tap, sees it first in search results, and retires it with Undo', async () => {
    const id = await createCustomer(
      customerInput({ name: '田中 花子', reading: 'たなか はなこ' }),
      undefined,
      {},
    );
    const { user } = await renderApp(`/customers/${id}`);
    await user.type(
      await screen.findByRole('textbox', { name: 'Talk about' }),
      'Shiba dog called Pochi',
    );
    await user.click(screen.getByRole('button', { name: 'Add talk-about' }));
    expect(await screen.findByText('Shiba dog called Pochi')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Talk about' })).toHaveValue('');

    await user.click(screen.getByRole('link', { name: 'Customers' }));
    await user.type(await screen.findByRole('searchbox', { name: 'Search customers' }), 'tanaka');
    expect(await resultFor('田中 花子')).toHaveTextContent('Shiba dog called Pochi');

    await user.click(await resultFor('田中 花子'));
    await user.click(
      await screen.findByRole('button', { name: 'Retire “Shiba dog called Pochi”' }),
    );
    await waitFor(() =>
      expect(screen.queryByText('Shiba dog called Pochi')).not.toBeInTheDocument(),
    );
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Shiba dog called Pochi')).toBeInTheDocument();
  });

  it('shows only the newest prompt in search results', async () => {
    const id = await createCustomer(
      customerInput({ name: '田中 花子', reading: 'たなか はなこ' }),
      undefined,
      {},
    );
    await addTalkAbout(id, 'Size M', {});
    await addTalkAbout(id, 'Looking for an Arita vase', {});
    const { user } = await renderApp('/');
    await user.type(await screen.findByRole('searchbox', { name: 'Search customers' }), 'tanaka');
    const result = await resultFor('田中 花子');
    expect(result).toHaveTextContent('Looking for an Arita vase');
    expect(result).not.toHaveTextContent('Size M');
  });
});

describe('the caution flag', () => {
  it('an owner sets it with a reason; every screen shows “Caution”, and the history keeps each change', async () => {
    const id = await createCustomer(
      customerInput({ name: '鈴木 慎一', reading: 'すずき しんいち' }),
      undefined,
      {},
    );
    const { user } = await renderApp(`/customers/${id}`);
    await user.click(await screen.findByRole('button', { name: 'Set caution' }));
    await user.type(
      screen.getByRole('textbox', { name: 'Reason' }),
      'Shouted at staff over a discount',
    );
    await user.click(screen.getByRole('button', { name: 'Save caution' }));

    const banner = await screen.findByRole('note', { name: 'Caution' });
    expect(banner).toHaveTextContent('Shouted at staff over a discount');
    expect(banner).toHaveTextContent('Set by Owner');

    await user.click(screen.getByRole('button', { name: 'Change reason' }));
    const reason = screen.getByRole('textbox', { name: 'Reason' });
    await user.clear(reason);
    await user.type(reason, 'Shouted at staff; ask the owner to serve');
    await user.click(screen.getByRole('button', { name: 'Save caution' }));
    await within(screen.getByRole('note', { name: 'Caution' })).findByText(
      'Shouted at staff; ask the owner to serve',
    );

    await user.click(screen.getByRole('link', { name: 'Customers' }));
    await user.type(await screen.findByRole('searchbox', { name: 'Search customers' }), 'suzuki');
    expect(await resultFor('鈴木 慎一')).toHaveTextContent('Caution');

    await user.click(await resultFor('鈴木 慎一'));
    await user.click(await screen.findByRole('button', { name: 'Remove flag' }));
    await waitFor(() =>
      expect(screen.queryByRole('note', { name: 'Caution' })).not.toBeInTheDocument(),
    );
    await user.click(screen.getByText('Flag history'));
    expect(screen.getByText(/Cleared by Owner/)).toBeInTheDocument();
    expect(screen.getByText(/Changed by Owner/)).toBeInTheDocument();
    expect(screen.getByText(/Set by Owner/)).toBeInTheDocument();
    expect((await cautionHistoryOf(id)).map((e) => e.action)).toEqual(['clear', 'edit', 'set']);
  });

  it('staff who are not owners see the banner but no way to change it', async () => {
    const id = await createCustomer(
      customerInput({ name: '鈴木 慎一', reading: 'すずき しんいち' }),
      undefined,
      {},
    );
    await renderApp('/');
    const owner = await ownerId();
    await setCaution(id, 'Abusive on the phone', { staffId: owner });
    const sato = await addStaff('Sato', 'staff', { staffId: owner });
    writePref('counterStaffId', sato);
    await renderApp(`/customers/${id}`);
    expect(await screen.findByRole('note', { name: 'Caution' })).toHaveTextContent(
      'Abusive on the phone',
    );
    // The flag's section is there (it mounts just after the card's first paint), without its buttons.
    await screen.findByRole('region', { name: 'Flag history' });
    expect(screen.queryByRole('button', { name: 'Set caution' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Change reason' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove flag' })).not.toBeInTheDocument();
  });

  it('needs a reason before it is saved', async () => {
    const id = await createCustomer(customerInput({ name: '鈴木 慎一' }), undefined, {});
    const { user } = await renderApp(`/customers/${id}`);
    await user.click(await screen.findByRole('button', { name: 'Set caution' }));
    await user.click(screen.getByRole('button', { name: 'Save caution' }));
    expect(await screen.findByText(/Say why/)).toBeInTheDocument();
    expect(await getCustomer(id)).not.toHaveProperty('caution');
  });
});

describe('the quiet check-in', () => {
  /** Whether `a` comes before `b` in the page, as they are read from the top. */
  const before = (a: Element, b: Element) =>
    Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

  async function regularWithCaution() {
    const id = await createCustomer(
      customerInput({ name: '渡辺 美咲', reading: 'わたなべ みさき', phones: ['03-1234-5678'] }),
      undefined,
      {},
    );
    await addTalkAbout(id, 'Her dog Pochi', {});
    // Start-up names the owner, who alone may set a caution.
    await bootstrap();
    await setCaution(id, 'Pays only in cash', { staffId: await ownerId() });
    return id;
  }

  it('a returning customer gives the last digits of her landline, and her card opens with the caution and what to talk about first', async () => {
    await regularWithCaution();
    const { user } = await renderApp('/');
    // The Tokyo number without its area code: trailing digits, not the last four alone.
    await user.type(await screen.findByRole('searchbox', { name: 'Search customers' }), '1234-5678');
    await user.click(await resultFor('渡辺 美咲'));

    const name = await screen.findByRole('heading', { level: 1, name: '渡辺 美咲' });
    const caution = screen.getByRole('note', { name: 'Caution' });
    const talk = screen.getByRole('region', { name: 'Talk about' });
    expect(within(talk).getByText('Her dog Pochi')).toBeInTheDocument();
    expect(before(caution, talk)).toBe(true);
    expect(before(talk, name)).toBe(true);
  });

  it('opened by name, the card keeps its usual order: the name, then what to talk about', async () => {
    await regularWithCaution();
    const { user } = await renderApp('/');
    await user.type(await screen.findByRole('searchbox', { name: 'Search customers' }), 'misaki');
    await user.click(await resultFor('渡辺 美咲'));

    const name = await screen.findByRole('heading', { level: 1, name: '渡辺 美咲' });
    const caution = screen.getByRole('note', { name: 'Caution' });
    const talk = screen.getByRole('region', { name: 'Talk about' });
    expect(before(caution, name)).toBe(true);
    expect(before(name, talk)).toBe(true);
  });
});
