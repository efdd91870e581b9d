// @vitest-environment node
/**
 * 探しもの帳: Hanako asks the shop to look out for an Arita vase; when someone sells the shop one,
 * "It came in" is suggested for her that day, naming the item, once, and only for what matches.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { consentGrant, customerInput } from '../../../test/support/factories';
import type { AppraisalItemInput } from '../../lib/ledger-input';
import { createCustomer } from '../customers/customers';
import { db } from '../db';
import { InputError } from '../errors';
import { openFollowUpsDueBefore, suggestFollowUps } from '../follow-ups/follow-ups';
import { recordAppraisal } from '../ledger/ledger';
import { setCaution } from '../relationships/relationships';
import { addStaff, ensureFirstStaff } from '../staff/staff';
import { addWantedItem, closeWantedItem, openWantedItemsOf, reopenWantedItem } from './wanted';

const now = Date.UTC(2026, 5, 16, 3, 0);

let owner: { staffId: string };
let staff: { staffId: string };

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
  await ensureFirstStaff('店主');
  owner = { staffId: (await db.staff.toArray())[0]!.id };
  staff = { staffId: await addStaff('佐藤', 'staff', owner) };
});

afterEach(() => {
  vi.useRealTimers();
});

const wanted = (text: string, more: Partial<Parameters<typeof addWantedItem>[1]> = {}) => ({
  text,
  category: 'tools' as const,
  minPrice: '',
  maxPrice: '',
  until: '',
  ...more,
});

function vase(overrides: Partial<AppraisalItemInput> = {}): AppraisalItemInput {
  return {
    category: 'tools',
    description: '有田焼の花瓶',
    features: '染付、高さ30cm',
    quantity: 1,
    price: 12_000,
    accepted: true,
    ...overrides,
  };
}

async function buyIn(sellerId: string, items: AppraisalItemInput[]) {
  return recordAppraisal(
    {
      customerId: sellerId,
      items,
      record: {
        counterparty: {
          name: '売主 一郎',
          address: '京都市中京区三条通 1-2-3',
          occupation: '会社員',
          age: 50,
        },
        idCheck: {
          method: 'id-document',
          document: 'drivers-licence',
          detail: '',
          checkedBy: staff.staffId,
        },
      },
    },
    staff,
  );
}

async function cameIn() {
  return (await openFollowUpsDueBefore(Number.MAX_SAFE_INTEGER)).filter(
    (f) => f.kind === 'came-in',
  );
}

let hanako: string;
let seller: string;
beforeEach(async () => {
  hanako = await createCustomer(
    customerInput({ name: '田中 花子' }),
    consentGrant({ channels: ['line'] }),
    staff,
  );
  seller = await createCustomer(
    customerInput({ name: '売主 一郎', phones: ['090-9999-0000'] }),
    undefined,
    staff,
  );
});

describe('a wanted item on the card', () => {
  it('is noted, closed and reopened, newest first among the open ones', async () => {
    const first = await addWantedItem(hanako, wanted('有田焼 花瓶'), staff);
    vi.setSystemTime(now + 60_000);
    const second = await addWantedItem(
      hanako,
      wanted('Seiko 5', { category: 'any', maxPrice: '20,000' }),
      staff,
    );
    expect((await openWantedItemsOf(hanako)).map((w) => [w.id, w.maxPrice])).toEqual([
      [second, 20_000],
      [first, undefined],
    ]);
    await closeWantedItem(first, 'withdrawn', staff);
    expect((await openWantedItemsOf(hanako)).map((w) => w.id)).toEqual([second]);
    await reopenWantedItem(first, staff);
    expect(await openWantedItemsOf(hanako)).toHaveLength(2);
  });

  it('refuses an empty "Looking for", a price range upside down and a date that is not one, writing nothing', async () => {
    await expect(addWantedItem(hanako, wanted('  '), staff)).rejects.toBeInstanceOf(InputError);
    await expect(
      addWantedItem(hanako, wanted('花瓶', { minPrice: '5000', maxPrice: '1000' }), staff),
    ).rejects.toBeInstanceOf(InputError);
    await expect(
      addWantedItem(hanako, wanted('花瓶', { until: '2026-02-31' }), staff),
    ).rejects.toBeInstanceOf(InputError);
    expect(await db.wantedItems.count()).toBe(0);
  });
});

describe('"It came in"', () => {
  it('is suggested for the customer the moment a matching item is bought in, naming it, once', async () => {
    const wantedId = await addWantedItem(
      hanako,
      wanted('有田焼 花瓶', { maxPrice: '30000' }),
      staff,
    );
    const { ledgerEntryId } = await buyIn(seller, [vase()]);
    const [news] = await cameIn();
    expect(news).toMatchObject({
      customerId: hanako,
      subject: '有田焼の花瓶',
      wantedItemId: wantedId,
      record: { type: 'ledger-entry', id: ledgerEntryId },
      dueAt: new Date(now).setHours(0, 0, 0, 0),
    });
    // The regular look at the week's buy-ins finds the same occasion and adds nothing.
    await suggestFollowUps(now);
    expect(await cameIn()).toHaveLength(1);
  });

  it('is not suggested for another category, a price above their top, a closed or expired item, or the seller', async () => {
    await addWantedItem(hanako, wanted('花瓶', { category: 'clothing' }), staff);
    await addWantedItem(hanako, wanted('花瓶', { maxPrice: '5000' }), staff);
    const closed = await addWantedItem(hanako, wanted('花瓶'), staff);
    await closeWantedItem(closed, 'found', staff);
    await addWantedItem(hanako, wanted('花瓶', { until: '2026-06-01' }), staff);
    await addWantedItem(seller, wanted('花瓶'), staff);
    await buyIn(seller, [vase()]);
    expect(await cameIn()).toEqual([]);
  });

  it('matches words typed together (有田焼の花瓶) and in either script, but not a different item', async () => {
    await addWantedItem(hanako, wanted('有田焼の花瓶'), staff);
    await buyIn(seller, [vase({ description: '九谷焼の花瓶' })]);
    expect(await cameIn()).toEqual([]);
    await buyIn(seller, [vase({ description: '花瓶', features: '有田焼 染付' })]);
    expect(await cameIn()).toHaveLength(1);
  });

  it('is found by the next suggestions when the wanted item was noted after the buy-in', async () => {
    await buyIn(seller, [vase()]);
    await addWantedItem(hanako, wanted('花瓶'), staff);
    await suggestFollowUps(now);
    expect((await cameIn()).map((f) => f.customerId)).toEqual([hanako]);
  });

  it('is not suggested for someone whose caution level stops follow-ups', async () => {
    await addWantedItem(hanako, wanted('花瓶'), staff);
    await setCaution(hanako, '盗品の疑い', owner, 'refused');
    await buyIn(seller, [vase()]);
    expect(await cameIn()).toEqual([]);
  });
});
