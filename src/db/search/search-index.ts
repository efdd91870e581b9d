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

/**
 * Per typed form, how many index entries to consider before ranking. A little more than a screen
 * of results: enough for the best matches to surface, and a fixed amount of work per keystroke
 * however large the ledger.
 */
export const CANDIDATES_PER_FORM = 60;

export interface CustomerMatch {
  customer: Customer;
  rank: number;
}

interface Entry {
  key: string;
  customer: Customer;
}

function compareStrings(a: string, b: string): number {
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

/** The first position in `list` (its first `length` entries) whose entry sorts at or after (key, id). */
function lowerBound(list: readonly Entry[], key: string, id: string, length = list.length): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const entry = list[mid]!;
    if (entry.key < key || (entry.key === key && entry.customer.id < id)) low = mid + 1;
    else high = mid;
  }
  return low;
}

function keysOf(customer: Customer): string[] {
  if (customer.deletedAt || !customer.searchKeys?.length) return [];
  // IndexedDB's multi-entry index files a repeated key once; so does this one.
  return [...new Set(customer.searchKeys)].filter((key) => typeof key === 'string' && key !== '');
}

type ListOrder = 'reading' | 'recent';

/**
 * The customer list's orders, as the sortKey and activityAt indexes list cards (ties by id): 50音
 * order, and newest activity first. A card without the indexed field is not in that order.
 */
const LIST_ORDERS: Record<ListOrder, { has: (card: Customer) => boolean; compare: (a: Customer, b: Customer) => number }> = {
  reading: {
    has: (card) => typeof card.sortKey === 'string',
    compare: (a, b) => compareStrings(a.sortKey ?? '', b.sortKey ?? '') || compareStrings(a.id, b.id),
  },
  recent: {
    has: (card) => typeof card.activityAt === 'number',
    compare: (a, b) => (b.activityAt ?? 0) - (a.activityAt ?? 0) || compareStrings(b.id, a.id),
  },
};

/** Separators of the search snapshot's text: no search key holds them (normalised text). */
export const SNAPSHOT_KEY_END = '\u0000';
export const SNAPSHOT_ENTRY_END = '\u0001';

/** Above this many cards a change is applied in bulk: one pass over the lists, sorted later. */
const BULK = 32;

export class CustomerSearchIndex {
  private readonly cards = new Map<Id, Customer>();
  private readonly lists = new Map<string, Entry[]>();
  /**
   * Lists changed since they were last sorted, each with how many of its first entries are still
   * in order: entries since appended are sorted on their own and merged in, so sorting a list of
   * 100,000 entries after an import batch costs the batch's entries, not the list's.
   */
  private readonly unsorted = new Map<Entry[], number>();
  /** Per list, the entries of cards replaced or removed in bulk, dropped when it is next sorted. */
  private readonly stale = new Map<Entry[], Entry[]>();
  /** The whole list's orders, worked out on first use, then kept through small changes. */
  private readonly orders = new Map<ListOrder, Id[]>();
  /** First characters of the lists changed since `takeChangedLists` (for the search snapshot). */
  private changedLists = new Set<string>();

  /** Cards with search keys (deleted cards have none). */
  get size(): number {
    return this.cards.size;
  }

  get(id: Id): Customer | undefined {
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
  apply(rows: readonly Customer[], deleted: readonly Id[] = []): void {
    if (rows.length + deleted.length > BULK) {
      this.applyInBulk(rows, deleted);
      this.mergeIntoOrders(new Set([...rows.map((row) => row.id), ...deleted]));
      return;
    }
    // The cards as they were: where to find them in the list's orders.
    const before = new Map<Id, Customer | undefined>();
    for (const id of [...rows.map((row) => row.id), ...deleted]) if (!before.has(id)) before.set(id, this.cards.get(id));
    for (const row of rows) this.putOne(row);
    for (const id of deleted) this.removeOne(id);
    this.keepOrders(before);
  }

  private applyInBulk(changed: readonly Customer[], deleted: readonly Id[]): void {
    // One state per card, as applying them one by one would leave it: the last row, unless deleted.
    const latest = new Map(changed.map((row) => [row.id, row]));
    for (const id of deleted) latest.delete(id);
    // A replaced or removed card's entries stay in their lists until the list is next sorted,
    // which drops them: taking them out now would move every list's entries for each import
    // batch that fills in cards it wrote before.
    for (const id of [...latest.keys(), ...deleted]) {
      const old = this.cards.get(id);
      if (!old || old === latest.get(id)) continue;
      this.cards.delete(id);
      for (const key of keysOf(old)) {
        const list = this.lists.get(key[0]!);
        if (list) {
          this.markUnsorted(list);
          const stale = this.stale.get(list);
          if (stale) stale.push({ key, customer: old });
          else this.stale.set(list, [{ key, customer: old }]);
        }
        this.changedLists.add(key[0]!);
      }
    }
    for (const row of latest.values()) if (!this.cards.has(row.id)) this.add(row, false);
  }

  /** Sorts lists until about `budgetMs` has passed; true when some remain (call again later). */
  sortSome(budgetMs = Infinity): boolean {
    const started = performance.now();
    for (const list of [...this.unsorted.keys()]) {
      this.sortList(list);
      if (performance.now() - started >= budgetMs) break;
    }
    return this.unsorted.size > 0;
  }

  /** Sorts the list holding keys that start like `text`, if it waits to be. */
  private sortListOf(text: string): Entry[] | undefined {
    const list = this.lists.get(text[0] ?? '');
    if (list) this.sortList(list);
    return list;
  }

  /**
   * Puts one list in order: drops the entries of replaced cards, sorts the entries appended since
   * it was last in order, and merges them into the rest (in place, from the end). The part in
   * order is not looked through entry by entry: its stale entries are found by binary search.
   */
  private sortList(list: Entry[]): void {
    const inOrder = this.unsorted.get(list);
    if (inOrder === undefined) return;
    this.unsorted.delete(list);
    const ordered = Math.min(inOrder, list.length);
    const stale = this.stale.get(list) ?? [];
    this.stale.delete(list);
    const dropped = new Set<number>();
    for (const { key, customer } of stale) {
      for (let i = lowerBound(list, key, customer.id, ordered); i < ordered; i++) {
        const entry = list[i]!;
        if (entry.key !== key || entry.customer.id !== customer.id) break;
        if (entry.customer === customer) dropped.add(i);
      }
    }
    let kept = 0;
    if (dropped.size === 0) kept = ordered;
    else for (let i = 0; i < ordered; i++) if (!dropped.has(i)) list[kept++] = list[i]!;
    const keptInOrder = kept;
    // Appended since: few, each checked against the card it is filed for.
    for (let i = ordered; i < list.length; i++) {
      const entry = list[i]!;
      if (this.cards.get(entry.customer.id) === entry.customer) list[kept++] = entry;
    }
    list.length = kept;
    const appended = list.slice(keptInOrder).sort(compareEntries);
    let from = keptInOrder - 1;
    let to = kept - 1;
    for (let next = appended.length - 1; next >= 0; ) {
      if (from >= 0 && compareEntries(list[from]!, appended[next]!) > 0) list[to--] = list[from--]!;
      else list[to--] = appended[next--]!;
    }
  }

  /** Notes that `list` is about to change out of order (if it was in order, all of it was). */
  private markUnsorted(list: Entry[]): void {
    if (!this.unsorted.has(list)) this.unsorted.set(list, list.length);
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
      // Only the lists this query reads are put in order now (during an import, the others wait).
      const list = this.sortListOf(form);
      if (!list) continue;
      const start = lowerBound(list, form, '');
      const end = Math.min(list.length, start + CANDIDATES_PER_FORM);
      for (let i = start; i < end; i++) {
        const { key, customer } = list[i]!;
        if (!key.startsWith(form)) break;
        if (seen.has(customer.id)) continue;
        seen.add(customer.id);
        matches.push({ customer, rank: matchRank(customer, forms) });
      }
    }
    return matches.sort(compareMatches).slice(0, limit);
  }

  /**
   * Every card's id in 50音 order, or newest activity first, as the sortKey and activityAt indexes
   * list them (ties by id): the customer list's order without reading 50,000 keys from IndexedDB
   * each time the list appears.
   */
  idsInOrder(order: ListOrder): Id[] {
    let ids = this.orders.get(order);
    if (!ids) {
      const { has, compare } = LIST_ORDERS[order];
      ids = [...this.cards.values()].filter(has).sort(compare).map((card) => card.id);
      this.orders.set(order, ids);
    }
    return ids;
  }

  /** Cards with exactly this search key (a phone's digits, an email, a reading), for duplicate checks. */
  idsWithKey(key: string): Id[] {
    const list = this.sortListOf(key);
    if (!list) return [];
    const ids: Id[] = [];
    for (let i = lowerBound(list, key, ''); i < list.length && list[i]!.key === key; i++) ids.push(list[i]!.customer.id);
    return ids;
  }

  /**
   * After a large change (an import batch, a sync pull), the changed cards are taken out of the
   * list's orders, sorted among themselves and merged back in: one pass over the list rather than
   * sorting every card again (150 ms and more at 50,000 cards, for each batch while the list is on
   * screen).
   */
  private mergeIntoOrders(changed: ReadonlySet<Id>): void {
    for (const [order, previous] of this.orders) {
      const { has, compare } = LIST_ORDERS[order];
      const kept = previous.filter((id) => !changed.has(id));
      const moved: Customer[] = [];
      for (const id of changed) {
        const card = this.cards.get(id);
        if (card && has(card)) moved.push(card);
      }
      moved.sort(compare);
      const ids = new Array<Id>(kept.length + moved.length);
      let from = 0;
      let next = 0;
      let to = 0;
      while (from < kept.length && next < moved.length) {
        ids[to++] = compare(this.cards.get(kept[from]!)!, moved[next]!) <= 0 ? kept[from++]! : moved[next++]!.id;
      }
      while (from < kept.length) ids[to++] = kept[from++]!;
      while (next < moved.length) ids[to++] = moved[next++]!.id;
      this.orders.set(order, ids);
    }
  }

  /**
   * After a small change (a note saved, a card edited), each changed card is moved within the
   * list's orders from where it was to where it now belongs, both found by binary search: sorting
   * every card again would hold the screen for 30-40 ms at 50,000 cards each time the list
   * appears after a save.
   */
  private keepOrders(before: ReadonlyMap<Id, Customer | undefined>): void {
    for (const [order, previous] of this.orders) {
      const { has, compare } = LIST_ORDERS[order];
      // A new array, so a screen holding the old one sees that the order changed.
      const ids = previous.slice();
      // Cards not yet moved still sit where their old values put them.
      const waiting = new Map(before);
      const valueAt = (i: number) => {
        const id = ids[i]!;
        return waiting.has(id) ? waiting.get(id)! : this.cards.get(id)!;
      };
      const positionOf = (card: Customer) => {
        let low = 0;
        let high = ids.length;
        while (low < high) {
          const mid = (low + high) >>> 1;
          if (compare(valueAt(mid), card) < 0) low = mid + 1;
          else high = mid;
        }
        return low;
      };
      for (const [id, old] of before) {
        if (old && has(old)) {
          const at = positionOf(old);
          const found = ids[at] === id ? at : ids.indexOf(id);
          if (found >= 0) ids.splice(found, 1);
        }
        waiting.delete(id);
        const card = this.cards.get(id);
        if (card && has(card)) ids.splice(positionOf(card), 0, id);
      }
      this.orders.set(order, ids);
    }
  }

  private putOne(row: Customer): void {
    this.removeOne(row.id);
    this.add(row, true);
  }

  /**
   * Files a card under each of its keys: in place when `inPlace` and the list is sorted, else
   * appended, the list then waiting to be sorted.
   */
  private add(row: Customer, inPlace: boolean): void {
    const keys = keysOf(row);
    if (keys.length === 0) return;
    this.cards.set(row.id, row);
    for (const key of keys) {
      const list = this.listFor(key);
      this.changedLists.add(key[0]!);
      const entry = { key, customer: row };
      if (inPlace && !this.unsorted.has(list)) {
        list.splice(lowerBound(list, key, row.id), 0, entry);
      } else {
        this.markUnsorted(list);
        list.push(entry);
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
      const at = inOrder === undefined ? lowerBound(list, key, id) : list.findIndex((entry) => entry.customer === old && entry.key === key);
      if (list[at]?.customer !== old) continue;
      list.splice(at, 1);
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
    const parts: string[] = new Array<string>(list.length);
    for (let i = 0; i < list.length; i++) {
      const { key, customer } = list[i]!;
      if (key.includes(SNAPSHOT_KEY_END) || key.includes(SNAPSHOT_ENTRY_END)) return undefined;
      parts[i] = key + SNAPSHOT_KEY_END + customer.id;
    }
    return parts.join(SNAPSHOT_ENTRY_END);
  }

  private listFor(key: string): Entry[] {
    let list = this.lists.get(key[0]!);
    if (!list) {
      list = [];
      this.lists.set(key[0]!, list);
    }
    return list;
  }
}
