// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { customerInput } from '../../../test/support/factories';
import type { AppraisalItemInput, RecordInput } from '../../lib/ledger-input';
import { createCustomer, deleteCustomer } from '../customers/customers';
import { db } from '../db';
import {
  correctLedgerEntry,
  discardDraftPhoto,
  eraseLedgerDataOf,
  recordAppraisal,
  recordSale,
  saveLedgerSettings,
  savePhoto,
} from './ledger';
import { LedgerInputError, LedgerRuleError } from './errors';
import {
  buyInHistoryOf,
  buyInsOn,
  ledgerBetween,
  ledgerEntryView,
  ledgerRecordsOf,
  ledgerSettings,
  retainedBuyInRecords,
  searchWholeLedger,
} from './queries';
import { getCustomer, timelineOf } from '../queries';
import { addStaff } from '../staff/staff';
import { deleteVisit, updateVisit } from '../visits/visits';

const may16 = new Date(2026, 4, 16, 11, 0).getTime();
const may17 = new Date(2026, 4, 17, 15, 0).getTime();
const dayStart = (ms: number) => new Date(new Date(ms).setHours(0, 0, 0, 0)).getTime();
const dayAfter = (ms: number) => dayStart(ms) + 24 * 3600_000;

let owner: { staffId: string };
let clerk: { staffId: string };

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(may16);
  owner = { staffId: await addStaff('山本 和子', 'owner', {}) };
  clerk = { staffId: await addStaff('佐々木', 'staff', owner) };
});

afterEach(() => {
  vi.useRealTimers();
});

function game(overrides: Partial<AppraisalItemInput> = {}): AppraisalItemInput {
  return {
    category: 'game-software',
    description: 'Mario Kart 8 Deluxe',
    features: 'Switch cartridge, serial HAC-P-AABPA-JPN, case cracked',
    quantity: 1,
    price: 2_500,
    accepted: true,
    ...overrides,
  };
}

function kimono(overrides: Partial<AppraisalItemInput> = {}): AppraisalItemInput {
  return {
    category: 'clothing',
    description: '訪問着',
    features: '正絹、藤色、裾にしみ',
    quantity: 1,
    price: 8_000,
    accepted: false,
    ...overrides,
  };
}

function seller(overrides: Partial<RecordInput['counterparty']> = {}, checkedBy = clerk.staffId): RecordInput {
  return {
    counterparty: { name: '田中 花子', address: '京都市中京区三条通 1-2-3', occupation: '会社員', age: 42, ...overrides },
    idCheck: { method: 'id-document', document: 'drivers-licence', detail: '', checkedBy },
  };
}

async function hanako(): Promise<string> {
  return createCustomer(customerInput(), undefined, clerk);
}

describe('an appraisal the customer declines', () => {
  it('stays on the timeline as an Appraisal, with what they own, and writes no record', async () => {
    const customerId = await hanako();
    const { appraisalId, ledgerEntryId } = await recordAppraisal(
      { customerId, items: [kimono({ accepted: true }), game()] },
      clerk,
    );
    expect(ledgerEntryId).toBeUndefined();
    expect(await db.ledgerEntries.count()).toBe(0);
    const appraisal = await db.appraisals.get(appraisalId);
    expect(appraisal).toMatchObject({ outcome: 'declined', offeredTotal: 10_500, staffId: clerk.staffId });
    expect(appraisal?.items.map((i) => i.accepted)).toEqual([false, false]);
    const [row] = await timelineOf(customerId);
    expect(row).toMatchObject({ kind: 'appraisal', note: '訪問着、Mario Kart 8 Deluxe', record: { type: 'appraisal', id: appraisalId } });
    expect(row?.amount).toBeUndefined();
    expect((await getCustomer(customerId))?.lastVisitAt).toBe(may16);
  });
});

describe('a partly accepted appraisal', () => {
  it('records the purchase of the accepted item with the seller’s identity, in one go', async () => {
    const customerId = await hanako();
    const photoId = await savePhoto({ blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }), width: 4, height: 3 }, clerk);
    const { appraisalId, ledgerEntryId } = await recordAppraisal(
      { customerId, items: [game({ photoId }), kimono()], record: seller() },
      clerk,
    );
    const entry = await db.ledgerEntries.get(ledgerEntryId!);
    expect(entry).toMatchObject({
      kind: 'buy-in',
      customerId,
      transactedAt: may16,
      total: 2_500,
      items: [{ category: 'game-software', description: 'Mario Kart 8 Deluxe', quantity: 1, price: 2_500, photoId }],
      counterparty: { name: '田中 花子', address: '京都市中京区三条通 1-2-3', occupation: '会社員', age: 42 },
      idCheck: { method: 'id-document', document: 'drivers-licence', checkedBy: clerk.staffId },
      rule: { required: true, byTotal: false, categories: ['game-software'] },
      appraisalId,
      staffId: clerk.staffId,
    });
    expect(await db.appraisals.get(appraisalId)).toMatchObject({ outcome: 'partly', ledgerEntryId });
    expect((await db.photos.get(photoId))?.appraisalId).toBe(appraisalId);

    const rows = await timelineOf(customerId);
    expect(rows.map((r) => [r.kind, r.amount, r.record?.type]).sort()).toEqual([
      ['appraisal', undefined, 'appraisal'],
      ['buy-in', 2_500, 'ledger-entry'],
    ]);
  });

  it('refuses game software without the ID check and writes nothing at all', async () => {
    const customerId = await hanako();
    const attempt = recordAppraisal(
      { customerId, items: [game()], record: seller({ address: '', occupation: '' }) },
      clerk,
    );
    await expect(attempt).rejects.toBeInstanceOf(LedgerInputError);
    await expect(attempt).rejects.toMatchObject({
      errors: [
        { field: 'counterparty.address', code: 'required' },
        { field: 'counterparty.occupation', code: 'required' },
      ],
    });
    expect(await db.appraisals.count()).toBe(0);
    expect(await db.visits.count()).toBe(0);
  });

  it('lets a ¥2,000 kimono be bought without the ID check, and says no record was required', async () => {
    const customerId = await hanako();
    const { ledgerEntryId } = await recordAppraisal(
      {
        customerId,
        items: [kimono({ accepted: true, price: 2_000, features: '' })],
        record: { counterparty: { name: '', address: '', occupation: '', age: undefined } },
      },
      clerk,
    );
    const entry = await db.ledgerEntries.get(ledgerEntryId!);
    expect(entry?.rule).toEqual({ required: false, byTotal: false, categories: [] });
    expect(entry?.counterparty).toBeUndefined();
    expect(entry?.idCheck).toBeUndefined();
  });

  it('never stores a My Number typed into the record', async () => {
    const customerId = await hanako();
    await expect(
      recordAppraisal({ customerId, items: [game()], record: seller({ address: '京都市 983205673214' }) }, clerk),
    ).rejects.toMatchObject({ errors: [{ field: 'counterparty.address', code: 'myNumber' }] });
    const card = { ...seller(), idCheck: { method: 'id-document' as const, document: 'my-number-card' as const, detail: '', checkedBy: clerk.staffId } };
    const { ledgerEntryId } = await recordAppraisal({ customerId, items: [game()], record: card }, clerk);
    expect((await db.ledgerEntries.get(ledgerEntryId!))?.idCheck).toEqual({
      method: 'id-document',
      document: 'my-number-card',
      checkedBy: clerk.staffId,
    });
  });

  it('needs a guardian’s consent from a 17-year-old seller', async () => {
    const customerId = await hanako();
    await expect(
      recordAppraisal({ customerId, items: [game()], record: seller({ age: 17 }) }, clerk),
    ).rejects.toMatchObject({ errors: [{ field: 'guardian', code: 'guardianConsent' }] });
    const { ledgerEntryId } = await recordAppraisal(
      { customerId, items: [game()], record: { ...seller({ age: 17 }), guardian: { name: '田中 一郎（父）', method: 'present' } } },
      clerk,
    );
    expect((await db.ledgerEntries.get(ledgerEntryId!))?.guardian).toEqual({ name: '田中 一郎（父）', method: 'present' });
  });

  it('refuses an ID check by someone who is not on the staff', async () => {
    const customerId = await hanako();
    await expect(
      recordAppraisal({ customerId, items: [game()], record: seller({}, 'nobody') }, clerk),
    ).rejects.toMatchObject({ errors: [{ field: 'idCheck.checkedBy', code: 'invalid' }] });
    expect(await db.appraisals.count()).toBe(0);
  });
});

describe('records are append-only', () => {
  async function boughtGame() {
    const customerId = await hanako();
    const { ledgerEntryId } = await recordAppraisal({ customerId, items: [game()], record: seller() }, clerk);
    return { customerId, id: ledgerEntryId! };
  }

  it('keeps the original when the owner corrects it, and both stay in the ledger', async () => {
    const { customerId, id } = await boughtGame();
    const original = await db.ledgerEntries.get(id);
    vi.setSystemTime(may17);
    const correctionId = await correctLedgerEntry(
      id,
      {
        transactedAt: may16,
        items: [game({ features: 'Switch cartridge, serial HAC-P-AABPB-JPN, case cracked', price: 3_000 })],
        record: seller(),
        reason: 'Serial number mistyped; price agreed was ¥3,000',
      },
      owner,
    );

    expect(await db.ledgerEntries.get(id)).toEqual(original);
    const view = await ledgerEntryView(correctionId);
    expect(view?.entry).toMatchObject({ corrects: id, total: 3_000, correctionReason: 'Serial number mistyped; price agreed was ¥3,000' });
    expect(view?.corrects?.id).toBe(id);
    expect((await ledgerEntryView(id))?.correctedBy?.id).toBe(correctionId);

    const listed = await ledgerBetween(dayStart(may16), dayAfter(may16));
    expect(listed.map((r) => [r.entry.id, r.correctedBy])).toEqual([
      [id, correctionId],
      [correctionId, undefined],
    ]);
    const buyIn = (await timelineOf(customerId)).find((r) => r.kind === 'buy-in');
    expect(buyIn).toMatchObject({ amount: 3_000, record: { type: 'ledger-entry', id: correctionId } });
  });

  it('corrects only the latest entry of a chain, and only an owner may', async () => {
    const { id } = await boughtGame();
    const correction = { transactedAt: may16, items: [game()], record: seller(), reason: 'Age was 43' };
    await expect(correctLedgerEntry(id, correction, clerk)).rejects.toMatchObject({ rule: 'ownerOnly' });
    await correctLedgerEntry(id, correction, owner);
    await expect(correctLedgerEntry(id, correction, owner)).rejects.toMatchObject({ rule: 'alreadyCorrected' });
    expect(await db.ledgerEntries.count()).toBe(2);
  });

  it('refuses any edit or deletion of a record, whoever tries, for three years', async () => {
    const { id } = await boughtGame();
    await expect(db.ledgerEntries.update(id, { total: 1 })).rejects.toBeInstanceOf(LedgerRuleError);
    await expect(db.ledgerEntries.update(id, { deletedAt: Date.now() })).rejects.toMatchObject({ rule: 'appendOnly' });
    await expect(db.ledgerEntries.delete(id)).rejects.toMatchObject({ rule: 'retained' });
    await expect(db.ledgerEntries.clear()).rejects.toMatchObject({ rule: 'retained' });
    expect((await db.ledgerEntries.get(id))?.total).toBe(2_500);

    vi.setSystemTime(new Date(2029, 4, 16, 11, 0).getTime());
    await db.ledgerEntries.delete(id);
    expect(await db.ledgerEntries.count()).toBe(0);
  });

  it('lets sync add a field the row did not have, and a restore put back the same row', async () => {
    const { id } = await boughtGame();
    await db.ledgerEntries.update(id, { updatedAt: Date.now() + 1, erasedAt: undefined });
    const row = (await db.ledgerEntries.get(id))!;
    await db.ledgerEntries.put({ ...row });
    expect(await db.ledgerEntries.get(id)).toEqual(row);
  });

  it('keeps the timeline rows of records from being edited or deleted on their own', async () => {
    const { customerId } = await boughtGame();
    const buyIn = (await timelineOf(customerId)).find((r) => r.kind === 'buy-in')!;
    await expect(updateVisit(buyIn.id, { at: may16, kind: 'purchase', note: 'x' }, owner)).rejects.toThrow();
    await expect(deleteVisit(buyIn.id, owner)).rejects.toThrow();
    expect(await db.visits.get(buyIn.id)).toEqual(buyIn);
  });
});

describe('a customer’s personal data and the law’s three years', () => {
  it('keeps the ledger entries when the customer is deleted within three years', async () => {
    const customerId = await hanako();
    const { ledgerEntryId } = await recordAppraisal({ customerId, items: [game()], record: seller() }, clerk);
    await recordAppraisal({ customerId, items: [kimono()] }, clerk);
    await deleteCustomer(customerId, owner);

    const listed = await searchWholeLedger('HAC-P-AABPA');
    expect(listed.map((r) => r.entry.id)).toEqual([ledgerEntryId]);
    expect(listed[0]?.entry.counterparty?.name).toBe('田中 花子');

    vi.setSystemTime(new Date(2027, 0, 5).getTime());
    const retained = await retainedBuyInRecords(customerId, Date.now());
    expect(retained).toEqual([{ entry: expect.objectContaining({ id: ledgerEntryId }), keepUntil: new Date(2029, 4, 16, 11, 0).getTime() }]);

    const { kept, deleted } = await eraseLedgerDataOf(customerId, Date.now(), owner);
    expect(kept.map((k) => k.entry.id)).toEqual([ledgerEntryId]);
    expect(deleted).toBe(1);
    const left = await ledgerRecordsOf(customerId);
    expect(left.ledgerEntries.map((e) => e.id)).toEqual([ledgerEntryId]);
    expect(left.appraisals.map((a) => a.outcome)).toEqual(['accepted']);
  });

  it('lets the records go once three years have passed, the whole correction chain together', async () => {
    const customerId = await hanako();
    const { ledgerEntryId } = await recordAppraisal({ customerId, items: [game()], record: seller() }, clerk);
    vi.setSystemTime(new Date(2027, 0, 10).getTime());
    await correctLedgerEntry(ledgerEntryId!, { transactedAt: may16, items: [game()], record: seller(), reason: 'typo' }, owner);

    vi.setSystemTime(new Date(2029, 6, 1).getTime());
    expect((await retainedBuyInRecords(customerId, Date.now())).length).toBe(2);
    vi.setSystemTime(new Date(2030, 0, 10).getTime());
    await expect(eraseLedgerDataOf(customerId, Date.now(), clerk)).rejects.toMatchObject({ rule: 'ownerOnly' });
    expect(await eraseLedgerDataOf(customerId, Date.now(), owner)).toMatchObject({ kept: [], deleted: 3 });
    expect(await db.ledgerEntries.count()).toBe(0);
  });
});

describe('the owner’s review and the card', () => {
  it('gives the day’s buy-ins and the total paid out, as corrected, without sales or other days', async () => {
    const customerId = await hanako();
    const first = await recordAppraisal({ customerId, items: [game()], record: seller() }, clerk);
    await recordAppraisal(
      { customerId, items: [kimono({ accepted: true, price: 12_000 })], record: seller() },
      clerk,
    );
    await recordSale(
      customerId,
      [{ category: 'watch-jewellery', description: 'Seiko 5', features: 'SNK809, serial 123456', quantity: 1, price: 15_000 }],
      { counterparty: { name: '田中 花子', address: '京都市', occupation: '', age: undefined } },
      clerk,
    );
    await correctLedgerEntry(first.ledgerEntryId!, { transactedAt: may16, items: [game({ price: 3_000 })], record: seller(), reason: 'price' }, owner);
    vi.setSystemTime(may17);
    await recordAppraisal({ customerId, items: [game()], record: seller() }, clerk);

    const day = await buyInsOn(dayStart(may16), dayAfter(may16));
    expect(day.count).toBe(2);
    expect(day.totalPaid).toBe(15_000);
    expect(day.entries.every((e) => e.kind === 'buy-in')).toBe(true);

    const history = await buyInHistoryOf(customerId);
    expect(history.buyIns[0]?.transactedAt).toBe(may17);
    expect(history.buyIns.map((e) => e.total).sort((a, b) => a - b)).toEqual([2_500, 3_000, 12_000]);
    expect(history.paidTotal).toBe(17_500);
    expect(history.sales).toHaveLength(1);
    expect(history.appraisals).toBe(3);
  });
});

describe('sales that need a record', () => {
  it('follows the owner’s rules, which only an owner may change', async () => {
    const customerId = await hanako();
    const camera = { category: 'camera' as const, description: 'Nikon F3', features: 'body no. 1234567', quantity: 1, price: 60_000 };
    const buyer = { counterparty: { name: '', address: '', occupation: '', age: undefined } };
    const unrequired = await recordSale(customerId, [camera], buyer, clerk);
    expect((await db.ledgerEntries.get(unrequired))?.rule.required).toBe(false);

    const rules = { permitNumber: '京都府公安委員会 第611234567890号', saleRules: { threshold: 50_000, byCategory: { camera: 'threshold' as const } } };
    await expect(saveLedgerSettings(rules, clerk)).rejects.toMatchObject({ rule: 'ownerOnly' });
    await saveLedgerSettings(rules, owner);
    expect(await ledgerSettings()).toEqual(rules);
    await expect(recordSale(customerId, [camera], buyer, clerk)).rejects.toMatchObject({
      errors: [
        { field: 'counterparty.name', code: 'required' },
        { field: 'counterparty.address', code: 'required' },
      ],
    });
    const id = await recordSale(customerId, [camera], { counterparty: { ...buyer.counterparty, name: 'John Smith', address: 'Kyoto' } }, clerk);
    expect((await db.ledgerEntries.get(id))?.rule).toEqual({ required: true, byTotal: true, categories: ['camera'] });
    const row = (await timelineOf(customerId))[0];
    expect(row).toMatchObject({ kind: 'purchase', amount: 60_000, record: { type: 'ledger-entry', id } });
  });
});

describe('photos of appraised items', () => {
  it('keeps a draft’s photo until the draft lets it go, and a claimed one for good', async () => {
    const blob = () => new Blob([new Uint8Array(10)], { type: 'image/jpeg' });
    const dropped = await savePhoto({ blob: blob(), width: 1280, height: 960 }, clerk);
    expect(await db.photos.get(dropped)).toMatchObject({ width: 1280, height: 960, bytes: 10, type: 'image/jpeg' });
    await discardDraftPhoto(dropped);
    expect(await db.photos.get(dropped)).toBeUndefined();

    const customerId = await hanako();
    const kept = await savePhoto({ blob: blob(), width: 10, height: 10 }, clerk);
    await recordAppraisal({ customerId, items: [kimono({ photoId: kept })] }, clerk);
    await discardDraftPhoto(kept);
    expect(await db.photos.get(kept)).toBeDefined();
  });
});
