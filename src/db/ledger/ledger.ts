/**
 * Writing the buy-in ledger (古物台帳). An appraisal, its purchase record, their timeline rows and
 * the link to the item photos are one transaction: the shop never has a purchase without its
 * record, nor a record that is not on the customer's timeline.
 *
 * Records are append-only (guard.ts refuses edits and early deletions below this module):
 * a correction is a new entry that points at the one it corrects, and both stay in the ledger.
 */
import {
  validateAppraisal,
  validateCorrection,
  validateSale,
  type AppraisalItemInput,
  type CorrectionInput,
  type ItemInput,
  type LedgerFieldError,
  type ParsedRecord,
  type RecordInput,
} from '../../lib/ledger-input';
import { charCount } from '../../lib/char-count';
import { ledgerSearchText } from '../../lib/ledger-search';
import { blocksBuyIns, cautionLevelOf } from '../../lib/refusal';
import { addFreshSuggestions } from '../follow-ups/suggestions';
import { cameInSuggestions } from '../wanted/arrivals';
import { db } from '../db';
import { toStorageError } from '../errors';
import { newId } from '../ids';
import { LedgerInputError, LedgerRuleError } from './errors';
import { keptChains, ledgerSettings } from './queries';
import type { Appraisal, AppraisalOutcome, LedgerEntry, LedgerItem, LedgerSettings, Photo } from '../../model/ledger-types';
import type { CautionEvent, Id, SettingRow, Visit } from '../../model/types';
import { addRecordVisits, followCorrectedRecord } from '../visits/visits';
import { stampFor, type Stamp, type WriteContext } from '../write-context';

/** Like guardWrite, but the ledger's own refusals reach the form as they are. */
async function guardLedgerWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof LedgerRuleError || error instanceof LedgerInputError) throw error;
    throw toStorageError(error);
  }
}

function orThrow<T>(parsed: { ok: true; value: T } | { ok: false; errors: LedgerFieldError[] }): T {
  if (!parsed.ok) throw new LedgerInputError(parsed.errors);
  return parsed.value;
}

/** Must run inside a transaction that includes `staff`. */
async function requireOwner(ctx: WriteContext): Promise<void> {
  const writer = ctx.staffId ? await db.staff.get(ctx.staffId) : undefined;
  if (!writer || writer.deletedAt || writer.role !== 'owner') throw new LedgerRuleError('ownerOnly');
}

/** The staff member who checked the ID must be one of the shop's. Inside a transaction with `staff`. */
async function requireChecker(record: ParsedRecord): Promise<void> {
  if (!record.idCheck) return;
  const checker = await db.staff.get(record.idCheck.checkedBy);
  if (!checker || checker.deletedAt) {
    throw new LedgerInputError([{ field: 'idCheck.checkedBy', code: 'invalid' }]);
  }
}

async function requireLiveCustomer(customerId: Id): Promise<void> {
  const customer = await db.customers.get(customerId);
  if (!customer || customer.deletedAt) throw new LedgerRuleError('notFound', `customer ${customerId}`);
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** The timeline's line for a record: what changed hands, listed the way the descriptions are written. */
function describeItems(items: readonly LedgerItem[]): string {
  const names = items.map((item) => (item.quantity > 1 ? `${item.description} ×${item.quantity}` : item.description));
  return names.join(names.some((name) => JAPANESE.test(name)) ? '、' : ', ');
}

function searchTextOf(items: readonly LedgerItem[], record: ParsedRecord): string {
  return ledgerSearchText([
    ...items.flatMap((item) => [item.description, item.features]),
    record.counterparty?.name ?? '',
  ]);
}

function timelineRow(customerId: Id, stamp: Stamp, ctx: WriteContext, fields: Omit<Visit, keyof Stamp | 'id' | 'createdAt' | 'customerId' | 'staffId'>): Visit {
  return { id: newId(), createdAt: stamp.updatedAt, ...stamp, customerId, staffId: ctx.staffId, ...fields };
}

function ledgerEntryRow(
  fields: Pick<LedgerEntry, 'kind' | 'customerId' | 'transactedAt' | 'items' | 'visitId'> &
    Partial<Pick<LedgerEntry, 'appraisalId' | 'corrects' | 'correctionReason'>>,
  record: ParsedRecord & { rule: LedgerEntry['rule'] },
  stamp: Stamp,
  ctx: WriteContext,
): LedgerEntry {
  const { required, byTotal, categories } = record.rule;
  return {
    id: newId(),
    createdAt: stamp.updatedAt,
    ...stamp,
    ...fields,
    total: fields.items.reduce((sum, item) => sum + item.price, 0),
    ...(record.counterparty ? { counterparty: record.counterparty } : {}),
    ...(record.idCheck ? { idCheck: record.idCheck } : {}),
    ...(record.guardian ? { guardian: record.guardian } : {}),
    rule: { required, byTotal, categories },
    staffId: ctx.staffId,
    searchText: searchTextOf(fields.items, record),
  };
}

/** Photos taken for a draft belong to the appraisal once it is saved. Inside a transaction with `photos`. */
async function claimPhotos(items: LedgerItem[], appraisalId: Id, stamp: Stamp): Promise<void> {
  for (const item of items) {
    if (!item.photoId) continue;
    const photo = await db.photos.get(item.photoId);
    if (!photo || photo.deletedAt || (photo.appraisalId && photo.appraisalId !== appraisalId)) {
      delete item.photoId;
      continue;
    }
    await db.photos.update(photo.id, { ...stamp, appraisalId });
  }
}

function outcomeOf(items: readonly { accepted: boolean }[]): AppraisalOutcome {
  const accepted = items.filter((item) => item.accepted).length;
  return accepted === 0 ? 'declined' : accepted === items.length ? 'accepted' : 'partly';
}

export interface AppraisalSubmission {
  customerId: Id;
  items: readonly AppraisalItemInput[];
  /** With it, the accepted items are bought from the customer; without, they declined everything. */
  record?: RecordInput;
  /**
   * An owner's reason to buy from someone whose caution level refuses buy-ins (買取お断り,
   * 来店お断り). Logged in the caution history with the record it allowed.
   */
  override?: string;
}

export const OVERRIDE_REASON_MAX = 500;

/**
 * A buy-in from someone whose caution level refuses them needs an owner and a reason; the override
 * joins the flag's history. Inside a transaction with `customers`, `staff` and `cautionHistory`.
 */
async function checkBuyInAllowed(
  customerId: Id,
  entry: LedgerEntry,
  override: string | undefined,
  stamp: Stamp,
  ctx: WriteContext,
): Promise<void> {
  const customer = await db.customers.get(customerId);
  const level = cautionLevelOf(customer?.caution);
  if (!blocksBuyIns(level)) return;
  if (override === undefined) throw new LedgerRuleError('buyInRefused', customerId);
  await requireOwner(ctx);
  const reason = override.trim();
  if (!reason || charCount(reason) > OVERRIDE_REASON_MAX) throw new LedgerRuleError('overrideReason');
  const event: CautionEvent = {
    id: newId(),
    createdAt: stamp.updatedAt,
    ...stamp,
    customerId,
    action: 'override',
    reason,
    at: stamp.updatedAt,
    staffId: ctx.staffId,
    level,
    ledgerEntryId: entry.id,
  };
  await db.cautionHistory.add(event);
}

/** "It came in": what a buy-in brought in, for others' open wanted items. Inside the buy-in's transaction. */
async function suggestCameIn(entry: LedgerEntry, stamp: Stamp): Promise<void> {
  const found = await cameInSuggestions([entry], stamp.updatedAt);
  await addFreshSuggestions(
    found.map((c) => c.suggestion),
    stamp,
  );
}

export interface RecordedAppraisal {
  appraisalId: Id;
  ledgerEntryId?: Id;
}

/**
 * Saves an appraisal as the customer answered it. When they sold anything, the purchase record
 * (with the seller's identity as the law asks) and a "Buy-in" timeline row are written with it;
 * the appraisal always gets an "Appraisal" row, so what they own stays on their card.
 */
export async function recordAppraisal(submission: AppraisalSubmission, ctx: WriteContext): Promise<RecordedAppraisal> {
  const parsed = orThrow(validateAppraisal(submission.items, submission.record));
  const stamp = await stampFor(ctx);
  const { customerId } = submission;
  const items = parsed.items.map((item) => ({ ...item }));
  const accepted = items.filter((item) => item.accepted).map(({ accepted: _a, ...item }): LedgerItem => item);
  const buying = submission.record !== undefined;

  const appraisalVisit = timelineRow(customerId, stamp, ctx, {
    at: stamp.updatedAt,
    kind: 'appraisal',
    note: describeItems(items),
  });
  const appraisal: Appraisal = {
    id: newId(),
    createdAt: stamp.updatedAt,
    ...stamp,
    customerId,
    at: stamp.updatedAt,
    staffId: ctx.staffId,
    items,
    offeredTotal: items.reduce((sum, item) => sum + item.price, 0),
    outcome: outcomeOf(items),
    visitId: appraisalVisit.id,
  };
  appraisalVisit.record = { type: 'appraisal', id: appraisal.id };

  let entry: LedgerEntry | undefined;
  let buyInVisit: Visit | undefined;
  if (buying) {
    buyInVisit = timelineRow(customerId, stamp, ctx, {
      at: stamp.updatedAt,
      kind: 'buy-in',
      amount: parsed.rule.total,
      note: describeItems(accepted),
    });
    entry = ledgerEntryRow(
      {
        kind: 'buy-in',
        customerId,
        transactedAt: stamp.updatedAt,
        items: accepted,
        visitId: buyInVisit.id,
        appraisalId: appraisal.id,
      },
      parsed,
      stamp,
      ctx,
    );
    buyInVisit.record = { type: 'ledger-entry', id: entry.id };
    appraisal.ledgerEntryId = entry.id;
  }

  await guardLedgerWrite(() =>
    db.transaction('rw', [db.customers, db.visits, db.settings, db.staff, db.appraisals, db.ledgerEntries, db.photos, db.cautionHistory, db.wantedItems, db.followUps], async () => {
      await requireLiveCustomer(customerId);
      if (entry) await checkBuyInAllowed(customerId, entry, submission.override, stamp, ctx);
      await requireChecker(parsed);
      await claimPhotos(items, appraisal.id, stamp);
      // The record lists the same photos as the appraisal's accepted items.
      if (entry) entry.items = items.filter((item) => item.accepted).map(({ accepted: _a, ...item }) => item);
      await db.appraisals.add(appraisal);
      if (entry) await db.ledgerEntries.add(entry);
      await addRecordVisits(customerId, buyInVisit ? [appraisalVisit, buyInVisit] : [appraisalVisit]);
      if (entry) await suggestCameIn(entry, stamp);
    }),
  );
  return { appraisalId: appraisal.id, ledgerEntryId: entry?.id };
}

/** A sale of goods the shop's rules want recorded: the record and a "Purchase" timeline row. */
export async function recordSale(
  customerId: Id,
  items: readonly ItemInput[],
  record: RecordInput | undefined,
  ctx: WriteContext,
): Promise<Id> {
  const { saleRules } = await ledgerSettings();
  const parsed = orThrow(validateSale(items, record, saleRules));
  const stamp = await stampFor(ctx);
  const visit = timelineRow(customerId, stamp, ctx, {
    at: stamp.updatedAt,
    kind: 'purchase',
    amount: parsed.rule.total,
    note: describeItems(parsed.items),
  });
  const entry = ledgerEntryRow(
    { kind: 'sale', customerId, transactedAt: stamp.updatedAt, items: parsed.items, visitId: visit.id },
    parsed,
    stamp,
    ctx,
  );
  visit.record = { type: 'ledger-entry', id: entry.id };
  await guardLedgerWrite(() =>
    db.transaction('rw', [db.customers, db.visits, db.settings, db.ledgerEntries], async () => {
      await requireLiveCustomer(customerId);
      await db.ledgerEntries.add(entry);
      await addRecordVisits(customerId, [visit]);
    }),
  );
  return entry.id;
}

/**
 * Corrects a record by writing the whole entry again with the reason, pointing at the one it
 * corrects. Owner-only. Only the latest entry of a chain can be corrected, so a chain never forks.
 */
export async function correctLedgerEntry(id: Id, input: CorrectionInput, ctx: WriteContext): Promise<Id> {
  const original = await db.ledgerEntries.get(id);
  if (!original) throw new LedgerRuleError('notFound', `ledger entry ${id}`);
  const { saleRules } = await ledgerSettings();
  const parsed = orThrow(validateCorrection(original.kind, input, saleRules));
  const stamp = await stampFor(ctx);
  const entry = ledgerEntryRow(
    {
      kind: original.kind,
      customerId: original.customerId,
      transactedAt: parsed.transactedAt,
      items: parsed.items,
      visitId: original.visitId,
      ...(original.appraisalId ? { appraisalId: original.appraisalId } : {}),
      corrects: original.id,
      correctionReason: parsed.reason,
    },
    parsed,
    stamp,
    ctx,
  );
  await guardLedgerWrite(() =>
    db.transaction('rw', [db.customers, db.visits, db.settings, db.staff, db.ledgerEntries], async () => {
      await requireOwner(ctx);
      await requireChecker(parsed);
      if ((await db.ledgerEntries.where('corrects').equals(id).count()) > 0) {
        throw new LedgerRuleError('alreadyCorrected', id);
      }
      await db.ledgerEntries.add(entry);
      await followCorrectedRecord(
        original.visitId,
        {
          at: entry.transactedAt,
          amount: entry.total,
          note: describeItems(entry.items),
          record: { type: 'ledger-entry', id: entry.id },
        },
        stamp,
      );
    }),
  );
  return entry.id;
}

export interface PhotoInput {
  blob: Blob;
  width: number;
  height: number;
}

/**
 * Keeps a photo taken for an appraisal being written, at once, so a reload or a crash does not
 * lose it; the draft holds its id and the saved appraisal claims it.
 */
export async function savePhoto(input: PhotoInput, ctx: WriteContext): Promise<Id> {
  const stamp = await stampFor(ctx);
  const photo: Photo = {
    id: newId(),
    createdAt: stamp.updatedAt,
    ...stamp,
    blob: input.blob,
    type: input.blob.type || 'image/jpeg',
    width: input.width,
    height: input.height,
    bytes: input.blob.size,
  };
  await guardLedgerWrite(() => db.photos.add(photo));
  return photo.id;
}

/** Drops a photo a draft no longer wants. A photo an appraisal has claimed stays with it. */
export async function discardDraftPhoto(id: Id): Promise<void> {
  await guardLedgerWrite(() =>
    db.transaction('rw', db.photos, async () => {
      const photo = await db.photos.get(id);
      if (photo && !photo.appraisalId) await db.photos.delete(id);
    }),
  );
}

export async function saveLedgerSettings(settings: LedgerSettings, ctx: WriteContext): Promise<void> {
  const permitNumber = settings.permitNumber.trim();
  if ([...permitNumber].length > 60) {
    throw new LedgerInputError([{ field: 'permitNumber', code: 'tooLong', max: 60 }]);
  }
  const threshold = settings.saleRules.threshold;
  if (!Number.isInteger(threshold) || threshold < 0) {
    throw new LedgerInputError([{ field: 'threshold', code: 'invalidAmount' }]);
  }
  const row: SettingRow<'ledger'> = {
    key: 'ledger',
    value: { permitNumber, saleRules: { threshold, byCategory: { ...settings.saleRules.byCategory } } },
    updatedAt: Date.now(),
    updatedBy: ctx.staffId,
  };
  await guardLedgerWrite(() =>
    db.transaction('rw', db.settings, db.staff, async () => {
      await requireOwner(ctx);
      await db.settings.put(row as SettingRow);
    }),
  );
}

/**
 * For a personal-data deletion request: deletes what the ledger holds on a customer that the law
 * no longer requires (expired records, appraisals and photos no kept record needs) and returns the
 * records it must keep, with the day each may go. Owner-only.
 */
export async function eraseLedgerDataOf(
  customerId: Id,
  now: number,
  ctx: WriteContext,
): Promise<{ kept: { entry: LedgerEntry; keepUntil: number }[]; deleted: number }> {
  return guardLedgerWrite(() =>
    db.transaction('rw', [db.staff, db.ledgerEntries, db.appraisals, db.photos], async () => {
      await requireOwner(ctx);
      const entries = await db.ledgerEntries.where('customerId').equals(customerId).toArray();
      const kept = keptChains(entries, now);
      const keptIds = new Set(kept.map((k) => k.entry.id));
      const keptAppraisals = new Set(kept.flatMap((k) => (k.entry.appraisalId ? [k.entry.appraisalId] : [])));
      const keptPhotos = new Set(kept.flatMap((k) => k.entry.items.flatMap((item) => (item.photoId ? [item.photoId] : []))));

      const expired = entries.filter((entry) => !keptIds.has(entry.id)).map((entry) => entry.id);
      const appraisals = await db.appraisals.where('customerId').equals(customerId).toArray();
      const goingAppraisals = appraisals.filter((a) => !keptAppraisals.has(a.id));
      const goingPhotos = appraisals
        .flatMap((a) => a.items.flatMap((item) => (item.photoId ? [item.photoId] : [])))
        .filter((photoId) => !keptPhotos.has(photoId));
      await db.ledgerEntries.bulkDelete(expired);
      await db.appraisals.bulkDelete(goingAppraisals.map((a) => a.id));
      await db.photos.bulkDelete(goingPhotos);
      return { kept, deleted: expired.length + goingAppraisals.length + goingPhotos.length };
    }),
  );
}
