/**
 * The customer search index, held in memory. Each card's search keys (see lib/search-keys) are
 * kept in lists sorted the way IndexedDB sorts an index (by key, then by id), one list per first
 * character, so a prefix lookup is a binary search and a short walk: answered in the keystroke's
 * own task, fast enough to paint the results in the next frame, and no slower at 200,000 cards
 * than at 10,000. Keeping it in memory rather than as an IndexedDB multi-entry index also spares
 * every write of a card about ten index entries.
 */
import { matchRank, queryForms } from '../../lib/search-keys';
import type { Customer, Id } from '../../model/types';
import { briefOf, type CustomerBrief } from './customer-brief';

/**
 * Per typed form, how many index entries to consider before ranking. A little more than a screen
 * of results: enough for the best matches to surface, and a fixed amount of work per keystroke
 * however large the ledger.
 */
export const CANDIDATES_PER_FORM = 60;

export interface CustomerMatch {
  customer: CustomerBrief;
  rank: number;
}

/** One entry of a list, as lookups and sorting hand it around (a list holds no such objects). */
interface Entry {
  key: string;
  customer: CustomerBrief;
}

/**
 * The entries of one list as two arrays in step, keys and cards, rather than an object per entry:
 * such an object cost 20 bytes, for the eleven or so keys of each card, 34 MB at 200,000 cards.
 */
interface KeyList {
  keys: string[];
  cards: CustomerBrief[];
}

function entryAt(list: KeyList, at: number): Entry {
  return { key: list.keys[at]!, customer: list.cards[at]! };
}

/** Entry `from` of `list` copied into slot `to`. */
function moveEntry(list: KeyList, from: number, to: number): void {
  list.keys[to] = list.keys[from]!;
  list.cards[to] = list.cards[from]!;
}

function setLength(list: KeyList, length: number): void {
  list.keys.length = length;
  list.cards.length = length;
}

/**
 * `keys[at]`, a key of `card` equal to `shared`, becomes that very string, in the list and in the
 * card's brief, so the card's own copy of the text can be let go of.
 */
function shareKey(card: CustomerBrief, shared: string, keys: string[], at: number): void {
  keys[at] = shared;
  const inCard = card.searchKeys.indexOf(shared);
  if (inCard >= 0) card.searchKeys[inCard] = shared;
  const tag = card.tags.indexOf(shared);
  if (tag >= 0) card.tags[tag] = shared;
  if (card.sortKey === shared) card.sortKey = shared;
  if (card.name === shared) card.name = shared;
  if (card.reading === shared) card.reading = shared;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareMatches(a: CustomerMatch, b: CustomerMatch): number {
  return (
    a.rank - b.rank ||
    (b.customer.lastVisitAt ?? 0) - (a.customer.lastVisitAt ?? 0) ||
    (b.customer.activityAt ?? 0) - (a.customer.activityAt ?? 0) ||
    // Code-point order of hiragana sort keys is 50音 order (and cheaper than Intl.Collator).
    compareStrings(a.customer.sortKey ?? '', b.customer.sortKey ?? '')
  );
}

function compareEntries(a: Entry, b: Entry): number {
  return compareStrings(a.key, b.key) || compareStrings(a.customer.id, b.customer.id);
}

/** `compareEntries` of entry `at` of `list` with `entry`, without making an object of the first. */
function compareEntryAt(list: KeyList, at: number, entry: Entry): number {
  return compareStrings(list.keys[at]!, entry.key) || compareStrings(list.cards[at]!.id, entry.customer.id);
}

/** The first position in `list` (its first `length` entries) whose entry sorts at or after (key, id). */
function lowerBound(list: KeyList, key: string, id: string, length = list.keys.length): number {
  const { keys, cards } = list;
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const at = keys[mid]!;
    if (at < key || (at === key && cards[mid]!.id < id)) low = mid + 1;
    else high = mid;
  }
  return low;
}

function keysOf(customer: CustomerBrief): string[] {
  if (customer.deletedAt || !customer.searchKeys?.length) return [];
  // IndexedDB's multi-entry index files a repeated key once; so does this one.
  return [...new Set(customer.searchKeys)].filter((key) => typeof key === 'string' && key !== '');
}

/** Separators of the search snapshot's text: no search key holds them (normalised text). */
export const SNAPSHOT_KEY_END = '\u0000';
export const SNAPSHOT_ENTRY_END = '\u0001';

/** Above this many cards a change is applied in bulk: one pass over the lists, sorted later. */
const BULK = 32;

/**
 * Entries of a list's unsorted tail put in order per step of sorting: a step sorts these few and
 * merges them into the part in order, a few milliseconds even for a list of 200,000 entries, so
 * sorting in the background keeps to its time budget and a keystroke never waits long behind it.
 */
export const SORT_CHUNK = 4_096;

/**
 * A key's first two code units as one number (the second 0 for a key of one): a key is filed by
 * them in its tail's runs for prefix lookups, so a query of two letters or more looks through the
 * tail's entries starting as it does, not the whole tail. As numbers they make no string per entry,
 * and they sort as the keys do.
 */
function prefixOf(key: string): number {
  return key.charCodeAt(0) * 0x10000 + (key.length > 1 ? key.charCodeAt(1) : 0);
}

/**
 * A list's unsorted tail, from `from` (where the tail began), looked up without looking through it
 * all: its cards by key up to `keyedTo` (exact lookups: an import's duplicate checks), and its
 * entries in runs by their first letters up to `filedTo` (prefix lookups: what is typed). Each is
 * kept up as the tail grows, once it is first asked for.
 */
interface Tail {
  from: number;
  keyedTo: number;
  byKey: Map<string, CustomerBrief[]>;
  filedTo: number;
  byPrefix: Map<number, KeyList>;
}

export class CustomerSearchIndex {
  /** Each live card's brief (what search, the list and the figures read), not its whole row. */
  private readonly cards = new Map<Id, CustomerBrief>();
  private readonly lists = new Map<string, KeyList>();
  /**
   * Lists changed since they were last sorted, each with how many of its first entries are in
   * order. The entries after those (appended since) are looked through by every lookup, and put in
   * order a chunk at a time by `sortSome`: lookups never sort, so a keystroke during an import
   * costs a binary search and a walk over the entries appended since, never a sort of the list.
   */
  private readonly unsorted = new Map<KeyList, number>();
  /**
   * Lists holding entries of cards replaced or removed in bulk: lookups pass over them (an entry
   * counts while its card is the one the index holds), and the list drops them once its tail is
   * in order.
   */
  private readonly withStale = new Set<KeyList>();
  /**
   * Told of every change with the cards as they were (the customer list's orders, list-orders.ts,
   * which keep themselves in step with it): set by the one listener.
   */
  private changeListener?: (ids: readonly Id[], before: readonly (CustomerBrief | undefined)[], bulk: boolean) => void;
  private readonly sortChunk: number;
  /**
   * Per list, the entries of its unsorted tail by key, from `from` (where the tail began) to `to`:
   * an import looks up every record's phone, email and reading while its batches pile up unsorted,
   * and looking through the tail for each would cost the import's size squared.
   */
  private readonly tailKeys = new Map<KeyList, Tail>();

  /** First characters of the lists changed since `takeChangedLists` (for the search snapshot). */
  private changedLists = new Set<string>();

  /** `sortChunk`: entries put in order per step of sorting (small in tests, to meet every step). */
  constructor({ sortChunk = SORT_CHUNK }: { sortChunk?: number } = {}) {
    this.sortChunk = Math.max(1, sortChunk);
  }

  /** Cards with search keys (deleted cards have none). */
  get size(): number {
    return this.cards.size;
  }

  get(id: Id): CustomerBrief | undefined {
    return this.cards.get(id);
  }

  /** Whether some lists wait to be sorted (done at the next lookup, or by sortSome). */
  get needsSorting(): boolean {
    return this.unsorted.size > 0;
  }

  /**
   * Cards as now stored: each added or replaced, or left out when deleted or without keys; and
   * cards removed. A large change appends and sorts each list once rather than inserting key by
   * key, which for an import batch of 2,000 cards would move millions of entries.
   */
  apply(rows: readonly Customer[], deleted: readonly Id[] = [], { inBulk = false }: { inBulk?: boolean } = {}): void {
    const ids = [...rows.map((row) => row.id), ...deleted];
    // A large change's last few cards are part of it (`inBulk`), and while lists wait to be
    // sorted (an import running) a small change joins them: put one by one, a card replaced is
    // looked for entry by entry in lists of thousands out of order (400 ms for 30 cards).
    const bulk = inBulk || this.unsorted.size > 0 || rows.length + deleted.length > BULK;
    const before = this.changeListener ? ids.map((id) => this.cards.get(id)) : [];
    const briefs = rows.map(briefOf);
    if (bulk) {
      this.applyInBulk(briefs, deleted);
    } else {
      for (const brief of briefs) this.putOne(brief);
      for (const id of deleted) this.removeOne(id);
    }
    this.changeListener?.(ids, before, bulk);
  }

  /** Hears of every change after it is applied, with the cards as they were before it. */
  listen(listener: (ids: readonly Id[], before: readonly (CustomerBrief | undefined)[], bulk: boolean) => void): void {
    this.changeListener = listener;
  }

  /** Every card the index holds (cards with search keys). */
  allCards(): IterableIterator<CustomerBrief> {
    return this.cards.values();
  }

  private applyInBulk(changed: readonly CustomerBrief[], deleted: readonly Id[]): void {
    // One state per card, as applying them one by one would leave it: the last row, unless deleted.
    const latest = new Map(changed.map((row) => [row.id, row]));
    for (const id of deleted) latest.delete(id);
    // A replaced or removed card's entries stay in their lists until the list is next sorted,
    // which drops them: taking them out now would move every list's entries for each import
    // batch that fills in cards it wrote before.
    for (const id of [...latest.keys(), ...deleted]) {
      const old = this.cards.get(id);
      if (!old) continue;
      this.cards.delete(id);
      for (const key of keysOf(old)) {
        const list = this.lists.get(key[0]!);
        if (list) {
          this.markUnsorted(list);
          this.withStale.add(list);
        }
        this.changedLists.add(key[0]!);
      }
    }
    for (const row of latest.values()) if (!this.cards.has(row.id)) this.add(row, false);
  }

  /**
   * Sorts in steps (a chunk of one list each) until about `budgetMs` has passed; true when some
   * lists remain (call again later). A budget of 0 takes exactly one step.
   */
  sortSome(budgetMs = Infinity): boolean {
    const started = performance.now();
    for (;;) {
      const list = this.unsorted.keys().next().value;
      if (!list) return false;
      this.sortStep(list);
      if (performance.now() - started >= budgetMs) return this.unsorted.size > 0;
    }
  }

  /** Puts one list wholly in order (for the search snapshot, which stores it sorted). */
  private sortList(list: KeyList): void {
    while (this.sortStep(list));
  }

  /** The tail of `list` (from `ordered`): a new one once the list was sorted (or shrank) since. */
  private tailOf(list: KeyList, ordered: number): Tail {
    const tail = this.tailKeys.get(list);
    const length = list.keys.length;
    if (tail && tail.from === ordered && tail.keyedTo <= length && tail.filedTo <= length) return tail;
    const fresh: Tail = { from: ordered, keyedTo: ordered, byKey: new Map(), filedTo: ordered, byPrefix: new Map() };
    this.tailKeys.set(list, fresh);
    return fresh;
  }

  /** The cards filed under exactly `key` in the tail of `list` (from `ordered`). */
  private tailCardsWithKey(list: KeyList, ordered: number, key: string): CustomerBrief[] {
    const tail = this.tailOf(list, ordered);
    for (const length = list.keys.length; tail.keyedTo < length; tail.keyedTo++) {
      const at = list.keys[tail.keyedTo]!;
      const card = list.cards[tail.keyedTo]!;
      const same = tail.byKey.get(at);
      if (same) same.push(card);
      else tail.byKey.set(at, [card]);
    }
    return tail.byKey.get(key) ?? [];
  }

  /** The tail of `list` (from `ordered`) in runs by first letters. */
  private tailRuns(list: KeyList, ordered: number): Tail {
    const tail = this.tailOf(list, ordered);
    for (const length = list.keys.length; tail.filedTo < length; tail.filedTo++) {
      const at = list.keys[tail.filedTo]!;
      const card = list.cards[tail.filedTo]!;
      const prefix = prefixOf(at);
      const run = tail.byPrefix.get(prefix);
      if (run) {
        run.keys.push(at);
        run.cards.push(card);
      } else tail.byPrefix.set(prefix, { keys: [at], cards: [card] });
    }
    return tail;
  }

  private isCurrent(card: CustomerBrief): boolean {
    return this.cards.get(card.id) === card;
  }

  /**
   * One step of putting `list` in order; false once it is. A step takes the next chunk of the
   * entries appended since the list was last in order, drops those of replaced cards, sorts the
   * rest and merges them into the part in order (in place, from the end). With the tail all
   * merged, a last step drops the stale entries left in the part in order.
   */
  private sortStep(list: KeyList): boolean {
    const inOrder = this.unsorted.get(list);
    if (inOrder === undefined) return false;
    // Entries move between the tail and the part in order.
    this.tailKeys.delete(list);
    const { keys, cards } = list;
    const length = keys.length;
    const ordered = Math.min(inOrder, length);
    if (ordered === length) {
      this.settle(list);
      this.unsorted.delete(list);
      return false;
    }
    const end = Math.min(length, ordered + this.sortChunk);
    const chunk: Entry[] = [];
    for (let i = ordered; i < end; i++) if (this.isCurrent(cards[i]!)) chunk.push(entryAt(list, i));
    chunk.sort(compareEntries);
    const dropped = end - ordered - chunk.length;
    if (dropped > 0) {
      // The slots the dropped entries leave are filled from the end of the tail, which has no order.
      const filled = Math.min(dropped, length - end);
      for (let k = 0; k < filled; k++) moveEntry(list, length - 1 - k, ordered + chunk.length + k);
      setLength(list, length - dropped);
    }
    let from = ordered - 1;
    let to = ordered + chunk.length - 1;
    for (let next = chunk.length - 1; next >= 0; ) {
      const entry = chunk[next]!;
      if (from >= 0 && compareEntryAt(list, from, entry) > 0) {
        moveEntry(list, from--, to--);
      } else {
        keys[to] = entry.key;
        cards[to--] = entry.customer;
        next--;
      }
    }
    this.unsorted.set(list, ordered + chunk.length);
    return true;
  }

  /**
   * A list just put wholly in order: the entries of replaced cards dropped, the keys of equal text
   * made one string (a tag or a surname that a thousand cards share was a thousand strings), and
   * its arrays copied to their length (grown by appending, they had up to half as much room again).
   */
  private settle(list: KeyList): void {
    const { keys, cards } = list;
    const stale = this.withStale.delete(list);
    let kept = 0;
    for (let i = 0; i < keys.length; i++) {
      if (stale && !this.isCurrent(cards[i]!)) continue;
      if (kept !== i) moveEntry(list, i, kept);
      const previous = kept > 0 ? keys[kept - 1]! : undefined;
      if (previous !== undefined && previous === keys[kept]) shareKey(cards[kept]!, previous, keys, kept);
      kept++;
    }
    list.keys = keys.slice(0, kept);
    list.cards = cards.slice(0, kept);
  }

  /**
   * Up to `limit` entries of current cards whose key starts with `form` (is `form`, when `exact`),
   * in the list's order: a binary search in the part in order, and a look through the entries
   * appended since (an import's, until sorted in the background).
   */
  private entriesFor(form: string, limit: number, exact: boolean): Entry[] {
    const list = this.lists.get(form[0] ?? '');
    if (!list) return [];
    const { keys, cards } = list;
    const ordered = Math.min(this.unsorted.get(list) ?? keys.length, keys.length);
    const matches = exact ? (key: string) => key === form : (key: string) => key.startsWith(form);
    const found: Entry[] = [];
    for (let i = lowerBound(list, form, '', ordered); i < ordered && found.length < limit; i++) {
      if (!matches(keys[i]!)) break;
      if (this.isCurrent(cards[i]!)) found.push(entryAt(list, i));
    }
    if (ordered === keys.length) return found;
    // The first `limit` in order of those found and the tail's matches, kept sorted as the tail is
    // looked through: a query of one letter during an import matches tens of thousands of
    // appended entries, and sorting them all would cost the keystroke its frame.
    const first = found;
    /** Whether the entry (key, card) would be among the first `limit`: then it is put in its place. */
    const consider = (key: string, customer: CustomerBrief) => {
      if (first.length >= limit) {
        const last = first[first.length - 1]!;
        if ((compareStrings(key, last.key) || compareStrings(customer.id, last.customer.id)) >= 0) return;
      }
      if (!this.isCurrent(customer)) return;
      const entry = { key, customer };
      let low = 0;
      let high = first.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (compareEntries(first[mid]!, entry) < 0) low = mid + 1;
        else high = mid;
      }
      first.splice(low, 0, entry);
      if (first.length > limit) first.pop();
    };
    if (exact) {
      for (const customer of this.tailCardsWithKey(list, ordered, form)) consider(form, customer);
      return first;
    }
    const tail = this.tailRuns(list, ordered);
    const lookThrough = (run: KeyList) => {
      const { keys: runKeys, cards: runCards } = run;
      for (let i = 0; i < runKeys.length; i++) if (matches(runKeys[i]!)) consider(runKeys[i]!, runCards[i]!);
    };
    if (form.length > 1) {
      const run = tail.byPrefix.get(prefixOf(form));
      if (run) lookThrough(run);
      return first;
    }
    // A single letter matches the whole tail (its list is that letter's): its runs in order (a
    // few hundred at most), until the first `limit` found sort before every key a run may hold.
    for (const prefix of [...tail.byPrefix.keys()].sort((a, b) => a - b)) {
      if (first.length >= limit && prefix > prefixOf(first[first.length - 1]!.key)) break;
      lookThrough(tail.byPrefix.get(prefix)!);
    }
    return first;
  }

  /** Notes that `list` is about to change out of order (if it was in order, all of it was). */
  private markUnsorted(list: KeyList): void {
    if (!this.unsorted.has(list)) this.unsorted.set(list, list.keys.length);
  }

  /**
   * Customers matching what was typed: name (any part), reading in hiragana, katakana or romaji,
   * phone digits, email, handle or tag. Best match first, then the most recent visit.
   */
  find(query: string, limit = 50): CustomerMatch[] {
    const forms = queryForms(query);
    const seen = new Set<Id>();
    const matches: CustomerMatch[] = [];
    for (const form of forms) {
      for (const { customer } of this.entriesFor(form, CANDIDATES_PER_FORM, false)) {
        if (seen.has(customer.id)) continue;
        seen.add(customer.id);
        matches.push({ customer, rank: matchRank(customer, forms) });
      }
    }
    return matches.sort(compareMatches).slice(0, limit);
  }

  /** Cards with exactly this search key (a phone's digits, an email, a reading), for duplicate checks. */
  idsWithKey(key: string): Id[] {
    return this.cardsWithKey(key).map((card) => card.id);
  }

  /** The cards filed under exactly `key`, in the index's order (by id). */
  cardsWithKey(key: string): CustomerBrief[] {
    return this.entriesFor(key, Infinity, true).map((entry) => entry.customer);
  }

  private putOne(row: CustomerBrief): void {
    this.removeOne(row.id);
    this.add(row, true);
  }

  /**
   * Files a card under each of its keys: in place when `inPlace` and the list is sorted, else
   * appended, the list then waiting to be sorted.
   */
  private add(row: CustomerBrief, inPlace: boolean): void {
    const keys = keysOf(row);
    if (keys.length === 0) return;
    this.cards.set(row.id, row);
    for (const key of keys) {
      const list = this.listFor(key);
      this.changedLists.add(key[0]!);
      if (inPlace && !this.unsorted.has(list)) {
        const at = lowerBound(list, key, row.id);
        list.keys.splice(at, 0, key);
        list.cards.splice(at, 0, row);
        const neighbour = list.keys[at + 1] === key ? list.keys[at + 1] : at > 0 && list.keys[at - 1] === key ? list.keys[at - 1] : undefined;
        if (neighbour !== undefined) shareKey(row, neighbour, list.keys, at);
      } else {
        this.markUnsorted(list);
        list.keys.push(key);
        list.cards.push(row);
      }
    }
  }

  private removeOne(id: Id): void {
    const old = this.cards.get(id);
    if (!old) return;
    this.cards.delete(id);
    for (const key of keysOf(old)) {
      const list = this.lists.get(key[0]!);
      if (!list) continue;
      this.changedLists.add(key[0]!);
      const inOrder = this.unsorted.get(list);
      const at: number =
        inOrder === undefined ? lowerBound(list, key, id) : list.cards.findIndex((card, i) => card === old && list.keys[i] === key);
      if (at < 0 || list.cards[at] !== old) continue;
      list.keys.splice(at, 1);
      list.cards.splice(at, 1);
      // Its tail's maps are made again at the next lookup (a change of a few cards meets no tail
      // today: while lists wait to be sorted, every change is applied in bulk).
      this.tailKeys.delete(list);
      // Taken from the part in order: that part is one shorter.
      if (inOrder !== undefined && at < inOrder) this.unsorted.set(list, inOrder - 1);
    }
  }

  /** The first characters of every list (each a part of the search snapshot). */
  firstCharacters(): string[] {
    return [...this.lists.keys()];
  }

  /** The first characters of the lists changed since the last call, and forgets them. */
  takeChangedLists(): Set<string> {
    const changed = this.changedLists;
    this.changedLists = new Set();
    return changed;
  }

  /**
   * One list, sorted, as the search snapshot stores it (see snapshot.ts): its entries in order,
   * each `key` SNAPSHOT_KEY_END `id`, joined by SNAPSHOT_ENTRY_END. Undefined when some key holds
   * a separator (then no snapshot is written).
   */
  listText(first: string): string | undefined {
    const list = this.lists.get(first);
    if (!list) return '';
    this.sortList(list);
    const { keys, cards } = list;
    const parts: string[] = new Array<string>(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key.includes(SNAPSHOT_KEY_END) || key.includes(SNAPSHOT_ENTRY_END)) return undefined;
      parts[i] = key + SNAPSHOT_KEY_END + cards[i]!.id;
    }
    return parts.join(SNAPSHOT_ENTRY_END);
  }

  private listFor(key: string): KeyList {
    let list = this.lists.get(key[0]!);
    if (!list) {
      list = { keys: [], cards: [] };
      this.lists.set(key[0]!, list);
    }
    return list;
  }
}
