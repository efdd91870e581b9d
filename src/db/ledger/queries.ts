/**
 * Reads of the buy-in ledger for the screens (through useLiveQuery), for the owner's daily review,
 * and for the personal-data duties (export, deletion).
 */
import { DEFAULT_SALE_RECORD_RULES, retentionEndsAt } from '../../lib/kobutsu-rules';
import { matchesLedgerQuery } from '../../lib/ledger-search';
import { db } from '../db';
import type { Appraisal, LedgerEntry, LedgerSettings, Photo } from '../../model/ledger-types';
import type { Id } from '../../model/types';

export const DEFAULT_LEDGER_SETTINGS: LedgerSettings = { permitNumber: '', saleRules: DEFAULT_SALE_RECORD_RULES };

export async function ledgerSettings(): Promise<LedgerSettings> {
  const row = await db.settings.get('ledger');
  const value = row?.value as LedgerSettings | undefined;
  return value ? { ...DEFAULT_LEDGER_SETTINGS, ...value } : DEFAULT_LEDGER_SETTINGS;
}

/** An entry as the ledger lists it: with the entry that corrected it, if any. */
export interface LedgerRow {
  entry: LedgerEntry;
  correctedBy?: Id;
}

function byTransaction(a: LedgerEntry, b: LedgerEntry): number {
  return a.transactedAt - b.transactedAt || a.createdAt - b.createdAt;
}

async function withCorrections(entries: LedgerEntry[]): Promise<LedgerRow[]> {
  const ids = entries.map((e) => e.id);
  const corrections = ids.length ? await db.ledgerEntries.where('corrects').anyOf(ids).toArray() : [];
  const correctedBy = new Map(corrections.map((c) => [c.corrects!, c.id]));
  return entries.sort(byTransaction).map((entry) => {
    const by = correctedBy.get(entry.id);
    return by ? { entry, correctedBy: by } : { entry };
  });
}

/**
 * The ledger between two moments (from inclusive, to exclusive), oldest first as a ledger reads,
 * narrowed to entries whose items or counterparty match `query` (a serial number, say).
 * Corrected entries stay, marked with the entry that corrected them.
 */
export async function ledgerBetween(from: number, to: number, query = ''): Promise<LedgerRow[]> {
  const entries = await db.ledgerEntries
    .where('transactedAt')
    .between(from, to, true, false)
    .filter((entry) => matchesLedgerQuery(entry.searchText, query))
    .toArray();
  return withCorrections(entries);
}

/** Every date: for an enquiry about an object whose date nobody knows. */
export async function searchWholeLedger(query: string): Promise<LedgerRow[]> {
  const entries = await db.ledgerEntries.filter((entry) => matchesLedgerQuery(entry.searchText, query)).toArray();
  return withCorrections(entries);
}

export interface LedgerEntryView {
  entry: LedgerEntry;
  /** The entry this one corrects. */
  corrects?: LedgerEntry;
  /** The entry that corrects this one. */
  correctedBy?: LedgerEntry;
}

export async function ledgerEntryView(id: Id): Promise<LedgerEntryView | undefined> {
  const entry = await db.ledgerEntries.get(id);
  if (!entry) return undefined;
  const [corrects, correctedBy] = await Promise.all([
    entry.corrects ? db.ledgerEntries.get(entry.corrects) : undefined,
    db.ledgerEntries.where('corrects').equals(id).first(),
  ]);
  return { entry, ...(corrects ? { corrects } : {}), ...(correctedBy ? { correctedBy } : {}) };
}

export function appraisalById(id: Id): Promise<Appraisal | undefined> {
  return db.appraisals.get(id);
}

export function photoById(id: Id): Promise<Photo | undefined> {
  return db.photos.get(id);
}

/** Entries nothing has corrected: what the ledger currently says happened. */
function effective(entries: readonly LedgerEntry[]): LedgerEntry[] {
  const corrected = new Set(entries.flatMap((e) => (e.corrects ? [e.corrects] : [])));
  return entries.filter((e) => !corrected.has(e.id));
}

export interface BuyInHistory {
  /** Newest first. */
  buyIns: LedgerEntry[];
  paidTotal: number;
  sales: LedgerEntry[];
  appraisals: number;
  declinedAppraisals: number;
}

/** What the shop bought from a customer (and sold with a record), for their card. */
export async function buyInHistoryOf(customerId: Id): Promise<BuyInHistory> {
  const [entries, appraisals] = await Promise.all([
    db.ledgerEntries.where('customerId').equals(customerId).toArray(),
    db.appraisals.where('customerId').equals(customerId).toArray(),
  ]);
  const current = effective(entries).sort((a, b) => b.transactedAt - a.transactedAt);
  const buyIns = current.filter((e) => e.kind === 'buy-in');
  return {
    buyIns,
    paidTotal: buyIns.reduce((sum, e) => sum + e.total, 0),
    sales: current.filter((e) => e.kind === 'sale'),
    appraisals: appraisals.length,
    declinedAppraisals: appraisals.filter((a) => a.outcome === 'declined').length,
  };
}

export interface DayBuyIns {
  entries: LedgerEntry[];
  count: number;
  totalPaid: number;
}

/**
 * The buy-ins of a day (from inclusive, to exclusive) and what was paid out, for the owner's
 * review. Corrected entries count as their correction says.
 */
export async function buyInsOn(dayStart: number, dayEnd: number): Promise<DayBuyIns> {
  const inDay = await db.ledgerEntries.where('transactedAt').between(dayStart, dayEnd, true, false).toArray();
  // A correction may have moved an entry out of the day: only the latest of each chain counts.
  const ids = inDay.map((e) => e.id);
  const correctedLater = ids.length
    ? new Set((await db.ledgerEntries.where('corrects').anyOf(ids).toArray()).map((c) => c.corrects))
    : new Set<string | undefined>();
  const entries = inDay
    .filter((e) => e.kind === 'buy-in' && !correctedLater.has(e.id))
    .sort(byTransaction);
  return { entries, count: entries.length, totalPaid: entries.reduce((sum, e) => sum + e.total, 0) };
}

/**
 * The records on a customer the law still keeps on `now` (three years, whole correction chains).
 * Personal-data deletion keeps these, with their legally required fields, and tells the owner why.
 */
export async function retainedBuyInRecords(customerId: Id, now: number) {
  return keptChains(await db.ledgerEntries.where('customerId').equals(customerId).toArray(), now);
}

/** Everything the ledger holds on one person, for the personal-data export. */
export async function ledgerRecordsOf(customerId: Id): Promise<{ ledgerEntries: LedgerEntry[]; appraisals: Appraisal[] }> {
  const [ledgerEntries, appraisals] = await Promise.all([
    db.ledgerEntries.where('customerId').equals(customerId).toArray(),
    db.appraisals.where('customerId').equals(customerId).toArray(),
  ]);
  return { ledgerEntries: ledgerEntries.sort(byTransaction), appraisals: appraisals.sort((a, b) => a.at - b.at) };
}

/**
 * The entries still under the law's retention on `now`. A correction chain is kept whole until its
 * last entry's time is over, so an original never leaves before its correction.
 */
export function keptChains(entries: readonly LedgerEntry[], now: number): { entry: LedgerEntry; keepUntil: number }[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const rootOf = (entry: LedgerEntry): Id => {
    let current = entry;
    for (let depth = 0; current.corrects && byId.has(current.corrects) && depth < 1000; depth++) {
      current = byId.get(current.corrects)!;
    }
    return current.id;
  };
  const chainEnd = new Map<Id, number>();
  for (const entry of entries) {
    const root = rootOf(entry);
    chainEnd.set(root, Math.max(chainEnd.get(root) ?? 0, retentionEndsAt(entry)));
  }
  return entries
    .map((entry) => ({ entry, keepUntil: chainEnd.get(rootOf(entry))! }))
    .filter(({ keepUntil }) => now < keepUntil)
    .sort((a, b) => a.entry.transactedAt - b.entry.transactedAt);
}

