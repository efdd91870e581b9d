/**
 * Importing customers from CSV (another POS's export, a spreadsheet, Excel's Shift_JIS CSV) or
 * from vCard (a phone's contacts).
 *
 * `importCustomers(source, options, onProgress)` is a plain async function so the import screen,
 * tests and the bench page all run the same code. Records are read, checked and built into cards
 * in a worker (batches.ts), then matched and written here a batch at a time (a few
 * thousand rows per transaction: very large transactions crash tabs, Dexie #869), and the screen
 * gets a turn between batches, so 50,000 rows import with a moving progress bar.
 *
 * Re-importing creates no duplicates: a record with the phone, email, or name and reading of a
 * card already in the ledger (or earlier in the same file) fills that card's empty fields instead.
 * A record whose reading matches and whose name is only similar is imported but pointed out.
 * Bad records are reported with their line and reasons; the good ones are imported.
 */
import { csvChunks, detectDelimiter, parseCsvChunk } from '../../lib/import/csv';
import { guessMapping, looksLikeHeaders, visitSourceOf, type ColumnMapping } from '../../lib/import/columns';
import type { ImportSource, TextEncodingName } from '../../lib/import/decode';
import { recordFromCells, type ImportRecord } from '../../lib/import/rows';
import { parseVCards } from '../../lib/import/vcard';
import {
  duplicateReason,
  fillMissing,
  identityKeys,
  isSamePerson,
  lookupKeys,
  type DuplicateReason,
  type IdentityKeys,
} from '../../lib/duplicates';
import { recordAudit } from '../audit';
import { customerFieldsOf, withDerivedFields } from '../customers/customer-row';
import { db } from '../db';
import { guardWrite } from '../errors';
import { prepareFile } from './batches';
import { loadFile, type BadRecord, type ImportFormat, type PreparedRecord, type ReadOptions } from './prepare';
import { searchIndex } from '../search/live-index';
import type { StageRules } from '../../lib/stages';
import { summarizeVisitTimes, withVisitSummary } from '../../lib/visit-summary';
import type { Customer, Id, VisitsBefore } from '../../model/types';
import { storedStageRules } from '../visits/visit-summary';
import { stampFor, type Stamp, type WriteContext } from '../write-context';
import { nextTask } from '../../lib/next-task';
import { sameValue } from '../../lib/sync/merge';
import { withoutRowClock } from '../sync/tables';
import { INPUT_QUIET_MS, usedWithin, watchInput } from '../../lib/recent-input';

export type { BadRecord, ImportFormat } from './prepare';

export const IMPORT_BATCH = 2000;
/**
 * Into a ledger that already has cards, each record is matched against them on the page's thread
 * (its keys worked out again, a filled-in card's search keys too), inside its batch's one task:
 * smaller batches keep those tasks short, so the counter goes on searching during the import.
 */
export const IMPORT_BATCH_INTO_CARDS = 200;
/** Records written per transaction while someone is at the screen (see partsOfFile). */
export const IMPORT_PART_IN_USE = 25;
/**
 * Rows of the import's own cards kept in memory while a file is imported into an empty ledger,
 * so that a later record filling one is planned without reading it first (about 1 KB each: 50 MB
 * at most). Beyond this the oldest are let go and read again when a record fills them.
 */
const HELD_ROWS_AT_MOST = 50_000;
const PREVIEW_ROWS = 5;
const NONE: readonly Known[] = [];

export interface ImportOptions extends ReadOptions {
  ctx: WriteContext;
  batchSize?: number;
  /** Rows of its own cards an import into an empty ledger holds (HELD_ROWS_AT_MOST): fewer in tests. */
  holdAtMost?: number;
}

export interface ImportProgress {
  /** Records read so far. */
  done: number;
  /** Records in the file (known once the file is read). */
  total: number;
}

export interface LikelyDuplicate {
  line: number;
  name: string;
  existingId: Id;
  existingName: string;
  reason: DuplicateReason;
}

export interface ImportResult {
  format: ImportFormat;
  encoding: TextEncodingName;
  /** New cards created. */
  imported: number;
  /** Records matching a card already there, whose empty fields they filled. */
  updated: number;
  /** Records matching a card already there that added nothing. */
  unchanged: number;
  bad: BadRecord[];
  likelyDuplicates: LikelyDuplicate[];
}

export interface ImportPreview {
  format: ImportFormat;
  encoding: TextEncodingName;
  /** The file's header row (CSV with headers), else column numbers to show. */
  headers: string[];
  hasHeaders: boolean;
  mapping: ColumnMapping;
  /** The first records as they would be read with `mapping`. */
  records: ImportRecord[];
  /** Raw first rows, for the mapping screen. */
  sample: string[][];
}

/** What the import screen shows before anything is written. */
export async function previewImport(source: ImportSource, mapping?: ColumnMapping): Promise<ImportPreview> {
  const { text, encoding, format } = await loadFile(source);
  if (format === 'vcard') {
    return { format, encoding, headers: [], hasHeaders: false, mapping: [], records: parseVCards(text).slice(0, PREVIEW_ROWS), sample: [] };
  }
  const first = csvChunks(text, PREVIEW_ROWS + 1).next();
  const rows = first.done ? [] : parseCsvChunk(first.value, detectDelimiter(text));
  const hasHeaders = rows.length > 0 && looksLikeHeaders(rows[0]!.cells);
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  const headers = hasHeaders ? rows[0]!.cells : Array.from({ length: width }, (_, i) => String(i + 1));
  const chosen = mapping ?? (hasHeaders ? guessMapping(headers) : []);
  const body = hasHeaders ? rows.slice(1) : rows;
  return {
    format,
    encoding,
    headers,
    hasHeaders,
    mapping: chosen,
    records: body.map((r) => recordFromCells(r.cells, chosen, r.line, hasHeaders ? visitSourceOf(headers) : 'file')),
    sample: body.map((r) => r.cells),
  };
}

/** How long work before a batch's transaction may hold the screen before it takes a turn. */
const PREPARE_SLICE_MS = 8;

/**
 * A card the import may match: one it wrote, filled or read to fill, whose keys and name it keeps
 * for the whole import, or one of the ledger's it finds through the search index, made afresh for
 * each record from the card's brief (see `ledgerCardsFor`). Its row (`row`) is kept while it is
 * held, and otherwise read again, in the transaction that fills it. Into an empty ledger the
 * import holds the rows of its own cards (up to HELD_ROWS_AT_MOST), so each batch is planned
 * before its transaction; into a ledger with cards it holds them only while a batch may still
 * change them: holding every ledger card met (with common names, most of the ledger) kept a
 * second ledger in the page's memory for its garbage collector to walk. A held row is what the
 * import last wrote; a batch that fills one checks, in its transaction, that it still stands so
 * (see `stillAsPlanned`), so an edit made at the counter meanwhile is never written over.
 */
interface Known {
  id: Id;
  keys: IdentityKeys;
  name: string;
  /** The row as it will be stored once the batch that last changed it is written. */
  row?: Customer;
  /** That batch (the import's count of batches). */
  rowFrom?: number;
  /** Deleted, or gone, when read again: matched by nothing from then on. */
  gone?: boolean;
}

/**
 * `keys` with each string that the card's search keys hold as well (its name, reading, phones and
 * email, normalised as they are) made that very string: the import keeps the keys of every card
 * it writes to its end, and the search index the card's keys, so each is held once, not twice.
 */
function sharingStrings(keys: IdentityKeys, searchKeys: readonly string[] | undefined): IdentityKeys {
  if (!searchKeys?.length) return keys;
  const shared = (text: string) => (text && searchKeys.find((key) => key === text)) || text;
  keys.name = shared(keys.name);
  keys.reading = shared(keys.reading);
  keys.email = shared(keys.email);
  for (let i = 0; i < keys.phones.length; i++) keys.phones[i] = shared(keys.phones[i]!);
  return keys;
}

/** A card with the visits another system counted, and the last visit and lapse day they give. */
function withVisitsBefore(row: Customer, visitsBefore: VisitsBefore, rules: StageRules): Customer {
  const summary = summarizeVisitTimes(row.visitTimes ?? [], rules, visitsBefore);
  return { ...withVisitSummary({ ...row, visitsBefore }, summary), activityAt: Math.max(row.createdAt, summary.lastVisitAt ?? 0) };
}

export async function importCustomers(
  source: ImportSource,
  options: ImportOptions,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  const { updatedAt: _now, ...writer } = await stampFor(options.ctx);
  const read: ReadOptions = { mapping: options.mapping, hasHeaders: options.hasHeaders };
  const hasCards = (await db.customers.count()) > 0;
  const batchSize = options.batchSize ?? (hasCards ? IMPORT_BATCH_INTO_CARDS : IMPORT_BATCH);
  const prepared = await prepareFile(source, read, batchSize, writer);
  const total = prepared.total;
  const result: ImportResult = {
    format: prepared.format,
    encoding: prepared.encoding,
    imported: 0,
    updated: 0,
    unchanged: 0,
    bad: [],
    likelyDuplicates: [],
  };
  // Cards created or filled by this import, or read to be filled, by their lookup keys and ids, so
  // a record repeated later in the file finds them. Most keys are one card's: it is kept as itself,
  // not in an array of one (five arrays per card, held to the import's end, for the collector to
  // walk). The ledger's other cards are not kept here: the search index finds them (ledgerCardsFor).
  const seen = new Map<string, Known | Known[]>();
  /** The ids `seen` holds, and of cards found gone: the index's briefs of these are passed over. */
  const seenIds = new Set<Id>();
  /** `known` under its keys; `isNew`: a card just made, under none yet (a common name's list is long). */
  const remember = (known: Known, isNew = false) => {
    seenIds.add(known.id);
    for (const key of lookupKeys(known.keys)) {
      const under = seen.get(key);
      if (under === undefined) seen.set(key, known);
      else if (!Array.isArray(under)) {
        if (under !== known) seen.set(key, [under, known]);
      }
      // A new card's own keys may repeat (a name written in kana is its reading too).
      else if (isNew ? under[under.length - 1] !== known : !under.includes(known)) under.push(known);
    }
  };
  /**
   * The cards `seen` holds that share a lookup key with `record`, each once, in the order met
   * under its keys. Asked twice for every record of a batch, most of which share no key at all.
   */
  const seenFor = (record: PreparedRecord): readonly Known[] => {
    let found: Known[] | undefined;
    let copied = false;
    for (const key of lookupKeys(record.keys)) {
      const under = seen.get(key);
      if (under === undefined || under === found) continue;
      const list = Array.isArray(under) ? under : [under];
      if (!found) {
        found = list;
        copied = list !== under;
        continue;
      }
      if (!copied) {
        found = found.slice();
        copied = true;
      }
      // A few cards share a key, as a rule: a set for every record cost more than looking through them.
      if (found.length > 32) {
        const met = new Set(found);
        for (const known of list) {
          if (met.has(known)) continue;
          met.add(known);
          found.push(known);
        }
      } else {
        for (const known of list) if (!found.includes(known)) found.push(known);
      }
    }
    return found ?? NONE;
  };

  /**
   * The ledger's cards, besides those `seen` holds, that share a lookup key with `record`, each
   * once, as Known made afresh from the index's briefs: most are only looked at, for one record.
   * Kept, keys and all, they were most of the 324,000 objects the import held two thirds of the
   * way into 50,000 cards, for the garbage collector to mark while staff searched. A card a
   * record is the same person as is read in the batch's transaction and kept from then on
   * (readAgain).
   */
  const ledgerCardsFor = (record: PreparedRecord): readonly Known[] => {
    if (!ledger) return NONE;
    let found: Known[] | undefined;
    for (const key of lookupKeys(record.keys)) {
      for (const card of ledger.cardsWithKey(key)) {
        if (card.deletedAt || seenIds.has(card.id) || found?.some((known) => known.id === card.id)) continue;
        (found ??= []).push({ id: card.id, keys: identityKeys(card), name: card.name });
      }
    }
    return found ?? NONE;
  };

  /** Every card `record` may be: the import's own and those it read first, then the ledger's others. */
  const possibleFor = (record: PreparedRecord): readonly Known[] => {
    const own = seenFor(record);
    const others = ledgerCardsFor(record);
    return others.length === 0 ? own : own.length === 0 ? others : [...own, ...others];
  };

  // Rows held in memory by the batch that changed them last (see Known).
  const holding = new Map<number, Known[]>();
  let heldRows = 0;
  const hold = (known: Known, row: Customer, batch: number) => {
    known.row = row;
    known.rowFrom = batch;
    heldRows++;
    const held = holding.get(batch);
    if (held) held.push(known);
    else holding.set(batch, [known]);
  };
  /**
   * As batch `batch` starts to be planned, the rows of the batches two before it and earlier are
   * let go, oldest first, until no more than `keep` are held: those batches are committed (a batch
   * is planned while the one before it is written, and each write starts once the one before it
   * committed), and a card of theirs matched again is read again in the transaction that fills it,
   * as it stands then (an edit at the counter meanwhile is kept, a card deleted meanwhile stays
   * deleted). Never while another batch is being planned: that batch counts on the rows it found held.
   */
  const letGoBefore = (batch: number, keep = 0) => {
    for (const [from, held] of holding) {
      if (from > batch - 2) continue;
      if (heldRows <= keep) return;
      for (const known of held) {
        if (known.rowFrom === from) known.row = known.rowFrom = undefined;
      }
      heldRows -= held.length;
      holding.delete(from);
    }
  };
  /**
   * Bumped when what the import knows is thrown away (a card it planned to fill had changed): a
   * plan made before belongs to what was thrown away, and is made again.
   */
  let knowing = 0;
  /**
   * From a batch whose plan a change made meanwhile outdated, the import forgets the cards it
   * met and holds, and goes on as into a ledger with cards: its own cards written so far are in
   * the search index, and each batch reads, in its transaction, the cards it fills.
   */
  const startOver = async () => {
    const index = await searchIndex();
    // All at once, with no wait in between: the loop plans the next batch ahead while this one is
    // written, and from here it must not, nor make a plan from half-forgotten cards.
    knowing++;
    seen.clear();
    seenIds.clear();
    holding.clear();
    heldRows = 0;
    ledger = index;
  };

  // Cards already in the ledger are found through the search index (by phone, email, reading).
  let ledger = hasCards ? await searchIndex() : undefined;
  // The lapse day of a card with visits a POS counted follows the shop's stage rules.
  const rules = await storedStageRules();
  let done = 0;
  onProgress?.({ done, total });

  // The next part is being checked and built (in the worker, or in the page) while this one
  // is written. Writes stay in order, one transaction per part, each started once the last
  // committed.
  watchInput();
  let writing: Promise<void> = Promise.resolve();
  let parts = 0;
  // Whether the part before is (partly) planned in its transaction: the next is planned after it.
  let plannedInTransaction = false;
  try {
    for await (const part of partsOfFile()) {
      const number = ++parts;
      if (plannedInTransaction) await writing;
      const planned = ledger ? undefined : await planAhead(part.good, part.stamp, number);
      plannedInTransaction = !planned || planned.rest.length > 0;
      await writing;
      writing = writeBatch(part.good, part.stamp, number, planned).then(() => {
        done += part.read;
        onProgress?.({ done, total: Math.max(total, done) });
      });
      // Its failure is met at the next `await writing`; until then it is not an unhandled one.
      writing.catch(() => undefined);
      await nextTask();
    }
    await writing;
  } finally {
    prepared.close();
  }

  /**
   * The file's records in the parts written one transaction each: a prepared batch whole while
   * nobody is at the screen, a few dozen records at a time while someone is. A part's matching
   * and writing are tasks of the page's thread that a keystroke waits behind, and at 200 records
   * they held it for 100 ms and more while staff searched.
   */
  async function* partsOfFile(): AsyncGenerator<{ good: PreparedRecord[]; stamp: Stamp; read: number }> {
    for (;;) {
      const batch = await prepared.next();
      if (!batch) return;
      result.bad.push(...batch.bad);
      let from = 0;
      do {
        const size = usedWithin(INPUT_QUIET_MS) ? IMPORT_PART_IN_USE : batch.good.length;
        const good = batch.good.slice(from, from + size);
        from += good.length;
        // The batch's bad records count as read with its last part.
        yield { good, stamp: batch.stamp, read: good.length + (from >= batch.good.length ? batch.bad.length : 0) };
      } while (from < batch.good.length);
    }
  }

  /** What a batch writes: its new cards, and cards written before that its records fill in. */
  interface Plan {
    added: Customer[];
    changed: Map<Id, Customer>;
    /** Records left to plan in the transaction: from the first that fills a card no longer held. */
    rest: PreparedRecord[];
    /** The rows held from before this batch that it fills, as they were when it was planned. */
    plannedFrom: Map<Id, Customer>;
    /** What the batch adds to the result once it is written. */
    updated: number;
    unchanged: number;
    likely: LikelyDuplicate[];
    /** `knowing` when it was planned. */
    knowing: number;
  }

  function newPlan(rest: PreparedRecord[] = []): Plan {
    return { added: [], changed: new Map(), rest, plannedFrom: new Map(), updated: 0, unchanged: 0, likely: [], knowing };
  }

  /** Whether `record` is the same person as `known`, a card no longer held: then it is read before planning. */
  function mustRead(record: PreparedRecord, known: Known): boolean {
    return !known.row && !known.gone && isSamePerson(duplicateReason(record.keys, known.keys));
  }

  /**
   * The cards, no longer held, that one of `records` is the same person as, each once (two
   * records may find the same ledger card, each as a Known of its own: one is read and kept).
   */
  function toReadFor(records: readonly PreparedRecord[]): Known[] {
    const read = new Map<Id, Known>();
    for (const record of records) {
      for (const known of possibleFor(record)) if (!read.has(known.id) && mustRead(record, known)) read.set(known.id, known);
    }
    return [...read.values()];
  }

  /** Reads `knowns` again, inside the batch's transaction, as they stand now. */
  async function readAgain(knowns: readonly Known[], batch: number): Promise<void> {
    if (knowns.length === 0) return;
    const rows = await db.customers.bulkGet(knowns.map((known) => known.id));
    knowns.forEach((known, i) => {
      const row = rows[i];
      if (!row || row.deletedAt) {
        known.gone = true;
        // The index may still file it until it hears of the deletion: it is passed over there too.
        seenIds.add(known.id);
        return;
      }
      // Edited since it was met, it is matched by what it says now.
      known.keys = identityKeys(row);
      known.name = row.name;
      remember(known);
      hold(known, row, batch);
    });
  }

  /**
   * Matches one record against the cards known so far and notes what it writes: a card it fills
   * in (or leaves as it is), or a new card. A card it is the same person as must be held.
   */
  function planRecord(record: PreparedRecord, stamp: Stamp, plan: Plan, batch: number, possible = possibleFor(record)): void {
    let match: Known | undefined;
    let likely: { known: Known; reason: DuplicateReason } | undefined;
    for (const known of possible) {
      if (known.gone) continue;
      const reason = duplicateReason(record.keys, known.keys);
      if (isSamePerson(reason)) {
        match = known;
        break;
      }
      if (reason && !likely) likely = { known, reason };
    }
    if (match) {
      const row = match.row;
      if (!row) throw new Error(`The import matched card ${match.id} without reading it first`);
      const next = fillMissing(customerFieldsOf(row), customerFieldsOf(record.row));
      // Visits a POS counted reach a card that has none yet, as any empty field would.
      const visitsBefore = row.visitsBefore ? undefined : record.row.visitsBefore;
      if (!next && !visitsBefore) {
        plan.unchanged++;
        return;
      }
      if (match.rowFrom !== batch && !plan.plannedFrom.has(match.id)) plan.plannedFrom.set(match.id, row);
      let changed = row;
      if (next) {
        changed = { ...changed, ...stamp, ...withDerivedFields(next) };
        match.keys = identityKeys(next);
      }
      if (visitsBefore) changed = withVisitsBefore({ ...changed, ...stamp }, visitsBefore, rules);
      hold(match, changed, batch);
      remember(match);
      plan.changed.set(match.id, changed);
      plan.updated++;
      return;
    }
    const row = record.row.visitsBefore ? withVisitsBefore(record.row, record.row.visitsBefore, rules) : record.row;
    plan.added.push(row);
    const known: Known = { id: row.id, keys: sharingStrings(record.keys, row.searchKeys), name: row.name };
    hold(known, row, batch);
    remember(known, true);
    if (likely) {
      plan.likely.push({
        line: record.line,
        name: row.name,
        existingId: likely.known.id,
        existingName: likely.known.name,
        reason: likely.reason,
      });
    }
  }

  /**
   * Into a ledger that had no cards, a batch matches only this import's own cards: it is planned
   * before its transaction, in slices with turns for the screen, while the batch before it is
   * still being committed (the page's thread would otherwise wait idle for that commit, then
   * match inside the transaction). The rows of its own cards are held for this (up to
   * HELD_ROWS_AT_MOST), and the transaction checks those it fills before writing (`stillAsPlanned`).
   * From a record that fills a card no longer held, the rest is planned in the transaction, which
   * reads that card as it stands.
   */
  async function planAhead(good: PreparedRecord[], stamp: Stamp, batch: number): Promise<Plan> {
    letGoBefore(batch, options.holdAtMost ?? HELD_ROWS_AT_MOST);
    const plan = newPlan();
    let slice = performance.now();
    for (let i = 0; i < good.length; i++) {
      const record = good[i]!;
      const possible = possibleFor(record);
      if (possible.some((known) => mustRead(record, known))) {
        plan.rest = good.slice(i);
        break;
      }
      planRecord(record, stamp, plan, batch, possible);
      if (performance.now() - slice >= PREPARE_SLICE_MS) {
        await nextTask();
        // What it was planned from was thrown away meanwhile: the plan is made again.
        if (plan.knowing !== knowing) return plan;
        slice = performance.now();
      }
    }
    return plan;
  }

  /** The plan's writes, in the batch's transaction. */
  async function writePlan({ added, changed, updated, unchanged, likely }: Plan): Promise<void> {
    // A card added in this batch and then filled by a later record is added in its final form.
    const newIds = new Set(added.map((a) => a.id));
    if (added.length) await db.customers.bulkAdd(added.map((a) => changed.get(a.id) ?? a));
    const updates = [...changed.values()].filter((row) => !newIds.has(row.id));
    if (updates.length) await db.customers.bulkPut(updates);
    result.imported += added.length;
    result.updated += updated;
    result.unchanged += unchanged;
    result.likelyDuplicates.push(...likely);
  }

  /**
   * Whether the held rows the plan fills still stand as they were when it was planned, read in
   * the transaction that writes it. An edit at the counter, a change pulled from another device
   * or a deletion since then outdates the plan: filling the row held would write over it.
   */
  async function stillAsPlanned({ plannedFrom }: Plan): Promise<boolean> {
    if (plannedFrom.size === 0) return true;
    const ids = [...plannedFrom.keys()];
    const rows = await db.customers.bulkGet(ids);
    // The clocks sync keeps in a row it holds them in are the only fields written beside the import's.
    return rows.every((row, i) => row !== undefined && sameValue(withoutRowClock(row), withoutRowClock(plannedFrom.get(ids[i]!)!)));
  }

  async function writeBatch(good: PreparedRecord[], stamp: Stamp, batch: number, planned?: Plan): Promise<void> {
    // Planned from what was thrown away since: it is planned again, as into a ledger with cards.
    if (planned && planned.knowing !== knowing) planned = undefined;
    if (!planned) letGoBefore(batch);
    const plan = planned ?? newPlan(good);
    const written = await guardWrite(() =>
      db.transaction('rw', db.customers, async () => {
        await readAgain(toReadFor(plan.rest), batch);
        for (const record of plan.rest) planRecord(record, stamp, plan, batch);
        // Nothing is written yet: the transaction ends having only read.
        if (!(await stillAsPlanned(plan))) return false;
        await writePlan(plan);
        return true;
      }),
    );
    if (written) return;
    await startOver();
    // Once started over, nothing is held, so the batch reads every card it fills in its transaction.
    return writeBatch(good, stamp, batch);
  }

  onProgress?.({ done: Math.max(total, done), total: Math.max(total, done) });
  const stamp = await stampFor(options.ctx);
  await guardWrite(() =>
    db.transaction('rw', db.audit, () =>
      recordAudit('import', stamp, undefined, {
        format: result.format,
        imported: result.imported,
        updated: result.updated,
        bad: result.bad.length,
      }),
    ),
  );
  return result;
}
