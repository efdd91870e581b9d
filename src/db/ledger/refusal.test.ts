// @vitest-environment node
/**
 * Graded refusal at the counter: a customer marked 買取お断り (or 来店お断り) cannot sell to the
 * shop unless an owner allows it with a reason, which the flag's history keeps beside the record.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { customerInput } from '../../../test/support/factories';
import type { AppraisalItemInput } from '../../lib/ledger-input';
import { createCustomer } from '../customers/customers';
import { db } from '../db';
import { cautionHistoryOf } from '../relationships/queries';
import { setCaution } from '../relationships/relationships';
import { addStaff } from '../staff/staff';
import { LedgerRuleError } from './errors';
import { recordAppraisal, type AppraisalSubmission } from './ledger';

const may16 = new Date(2026, 4, 16, 11, 0).getTime();
let owner: { staffId: string };
let clerk: { staffId: string };
let customerId: string;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(may16);
  owner = { staffId: await addStaff('山本 和子', 'owner', {}) };
  clerk = { staffId: await addStaff('佐々木', 'staff', owner) };
  customerId = await createCustomer(customerInput({ name: '鈴木 慎一' }), undefined, clerk);
});

afterEach(() => {
  vi.useRealTimers();
});

const watch: AppraisalItemInput = {
  category: 'watch-jewellery',
  description: '腕時計',
  features: 'SEIKO、自動巻き',
  quantity: 1,
  price: 15_000,
  accepted: true,
};

function buying(override?: string): AppraisalSubmission {
  return {
    customerId,
    items: [watch],
    record: {
      counterparty: {
        name: '鈴木 慎一',
        address: '京都市左京区 1-1',
        occupation: '自営業',
        age: 55,
      },
      idCheck: {
        method: 'id-document',
        document: 'drivers-licence',
        detail: '',
        checkedBy: clerk.staffId,
      },
    },
    ...(override !== undefined ? { override } : {}),
  };
}

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof LedgerRuleError ? error.rule : String(error);
  }
}

describe('a buy-in from someone the shop refuses', () => {
  it('goes ahead for plain caution', async () => {
    await setCaution(customerId, '値引き交渉が長い', owner, 'caution');
    expect((await recordAppraisal(buying(), clerk)).ledgerEntryId).toBeDefined();
  });

  it.each(['no-buy-ins', 'refused'] as const)(
    'is refused at level %s, and nothing is written',
    async (level) => {
      await setCaution(customerId, '盗品の疑い', owner, level);
      expect(await refusal(recordAppraisal(buying(), clerk))).toBe('buyInRefused');
      expect(await db.ledgerEntries.count()).toBe(0);
      expect(await db.appraisals.count()).toBe(0);
    },
  );

  it('still records an appraisal they decline: the shop buys nothing', async () => {
    await setCaution(customerId, '盗品の疑い', owner, 'no-buy-ins');
    await recordAppraisal({ customerId, items: [{ ...watch, accepted: false }] }, clerk);
    expect(await db.appraisals.count()).toBe(1);
  });

  it('needs an owner to override, and a reason', async () => {
    await setCaution(customerId, '盗品の疑い', owner, 'no-buy-ins');
    expect(await refusal(recordAppraisal(buying('確認済み'), clerk))).toBe('ownerOnly');
    expect(await refusal(recordAppraisal(buying('   '), owner))).toBe('overrideReason');
    expect(await db.ledgerEntries.count()).toBe(0);
  });

  it('goes ahead when an owner overrides with a reason, logged in the history with the record', async () => {
    await setCaution(customerId, '盗品の疑い', owner, 'no-buy-ins');
    vi.setSystemTime(may16 + 60_000);
    const { ledgerEntryId } = await recordAppraisal(
      buying('身分証と購入時のレシートを確認'),
      owner,
    );
    const [latest] = await cautionHistoryOf(customerId);
    expect(latest).toMatchObject({
      action: 'override',
      reason: '身分証と購入時のレシートを確認',
      level: 'no-buy-ins',
      staffId: owner.staffId,
      ledgerEntryId,
    });
    // The flag itself stays as it was.
    expect((await db.customers.get(customerId))?.caution?.level).toBe('no-buy-ins');
  });
});
