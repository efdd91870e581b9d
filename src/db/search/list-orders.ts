/**
 * The customer list's two orders (50音, and newest activity first), kept beside the search index
 * (search-index.ts) from the cards it holds: the list's order without reading 50,000 keys from
 * IndexedDB each time the list appears. Loaded with the list, not with the first search: the
 * first screen's code is the search's.
 */
import type { Id } from '../../model/types';
import type { CustomerBrief } from './customer-brief';
import { sortedInSteps } from '../../lib/sorted-in-steps';
import { compareStrings, type CustomerSearchIndex } from './search-index';

export type ListOrder = 'reading' | 'recent';

/**
 * The customer list's orders, as the sortKey and activityAt indexes list cards (ties by id): 50音
 * order, and newest activity first. A card without the indexed field is not in that order.
 */
const LIST_ORDERS: Record<ListOrder, { has: (card: CustomerBrief) => boolean; compare: (a: CustomerBrief, b: CustomerBrief) => number }> = {
  reading: {
    has: (card) => typeof card.sortKey === 'string',
    compare: (a, b) => compareStrings(a.sortKey ?? '', b.sortKey ?? '') || compareStrings(a.id, b.id),
  },
  recent: {
    has: (card) => typeof card.activityAt === 'number',
    compare: (a, b) => (b.activityAt ?? 0) - (a.activityAt ?? 0) || compareStrings(b.id, a.id),
  },
};

/**
 * The orders of one index, worked out on first use, then kept through small changes; after a
 * large one (an import batch), the cards whose place can have moved are merged in when the order
 * is next asked for, so an import writing while the search results are on screen does no work for
 * the list.
 */
export class ListOrders {
  private readonly orders = new Map<ListOrder, { ids: Id[]; behind: Set<Id> }>();
  /** Orders being sorted in steps, and the cards changed since their sort took the cards. */
  private readonly preparing = new Map<ListOrder, { done: Promise<void>; changed: Set<Id> }>();

  constructor(private readonly index: CustomerSearchIndex) {
    index.listen((ids, before, bulk) => this.changed(ids, before, bulk));
  }

  private changed(ids: readonly Id[], before: readonly (CustomerBrief | undefined)[], bulk: boolean): void {
    for (const { changed } of this.preparing.values()) for (const id of ids) changed.add(id);
    for (const [order, kept] of this.orders) {
      const { has, compare } = LIST_ORDERS[order];
      if (bulk || kept.behind.size > 0) {
        // Only cards whose place can have changed wait to be merged in: one filled in by an
        // import keeps its reading and its last activity, so its place.
        ids.forEach((id, i) => {
          const old = before[i];
          const now = this.index.get(id);
          const was = old !== undefined && has(old);
          const is = now !== undefined && has(now);
          if (was !== is || (was && is && compare(old, now) !== 0)) kept.behind.add(id);
        });
      } else {
        // The cards as they were: where to find them in the order.
        const was = new Map<Id, CustomerBrief | undefined>();
        ids.forEach((id, i) => {
          if (!was.has(id)) was.set(id, before[i]);
        });
        kept.ids = this.movedWithin(order, kept.ids, was);
      }
    }
  }

  /**
   * Every card's id in 50音 order, or newest activity first, as the sortKey and activityAt indexes
   * list them (ties by id): the customer list's order without reading 50,000 keys from IndexedDB
   * each time the list appears. With `catchUp: false`, large changes not yet merged in stay out.
   */
  idsInOrder(order: ListOrder, { catchUp = true }: { catchUp?: boolean } = {}): Id[] {
    const kept = this.orders.get(order);
    if (!kept) {
      const ids = this.cardsIn(order).sort(LIST_ORDERS[order].compare).map((card) => card.id);
      this.orders.set(order, { ids, behind: new Set() });
      return ids;
    }
    if (kept.behind.size > 0 && catchUp) {
      kept.ids = this.mergedInto(order, kept.ids, kept.behind);
      kept.behind = new Set();
    }
    return kept.ids;
  }

  /**
   * Works the order out in steps, with turns for the screen between them, unless it is known:
   * the first sort of 50,000 cards took half a second on a busy tablet (an import running), and a
   * keystroke waited for all of it. Cards that change meanwhile are merged in when it is next
   * asked for. Asking `idsInOrder` before this is done sorts at once.
   */
  prepare(order: ListOrder): Promise<void> {
    if (this.orders.has(order)) return Promise.resolve();
    const pending = this.preparing.get(order);
    if (pending) return pending.done;
    const changed = new Set<Id>();
    const done = sortedInSteps(this.cardsIn(order), LIST_ORDERS[order].compare).then(
      (cards) => {
        this.preparing.delete(order);
        // Sorted at once meanwhile (someone asked for it): that one is already kept in step.
        if (!this.orders.has(order)) this.orders.set(order, { ids: cards.map((card) => card.id), behind: changed });
      },
      (error: unknown) => {
        this.preparing.delete(order);
        throw error;
      },
    );
    this.preparing.set(order, { done, changed });
    return done;
  }

  /** The cards the order holds, in no order. */
  private cardsIn(order: ListOrder): CustomerBrief[] {
    return [...this.index.allCards()].filter(LIST_ORDERS[order].has);
  }

  /** Whether the order is known (worked out already, so asking for it costs no sort). */
  isOrderReady(order: ListOrder): boolean {
    return this.orders.has(order);
  }

  /**
   * Whether large changes since the order was last asked for wait to be merged into it (asking
   * with `catchUp: false` then gives the order as it was, the ids of cards since deleted included).
   */
  isOrderBehind(order: ListOrder): boolean {
    return (this.orders.get(order)?.behind.size ?? 0) > 0;
  }

  /**
   * After large changes (an import's batches, a sync pull), the changed cards are taken out of the
   * list's order, sorted among themselves and merged back in: one pass over the list rather than
   * sorting every card again (150 ms and more at 50,000 cards).
   */
  private mergedInto(order: ListOrder, previous: readonly Id[], changed: ReadonlySet<Id>): Id[] {
    const { has, compare } = LIST_ORDERS[order];
    const moved: CustomerBrief[] = [];
    for (const id of changed) {
      const card = this.index.get(id);
      if (card && has(card)) moved.push(card);
    }
    moved.sort(compare);
    const ids: Id[] = [];
    let next = 0;
    for (const id of previous) {
      if (changed.has(id)) continue;
      // Once the moved cards are all placed (an import's, newest first), the rest is a copy.
      if (next < moved.length) {
        const card = this.index.get(id)!;
        while (next < moved.length && compare(moved[next]!, card) < 0) ids.push(moved[next++]!.id);
      }
      ids.push(id);
    }
    while (next < moved.length) ids.push(moved[next++]!.id);
    return ids;
  }

  /**
   * After a small change (a note saved, a card edited), each changed card is moved within the
   * list's orders from where it was to where it now belongs, both found by binary search: sorting
   * every card again would hold the screen for 30-40 ms at 50,000 cards each time the list
   * appears after a save.
   */
  private movedWithin(order: ListOrder, previous: readonly Id[], before: ReadonlyMap<Id, CustomerBrief | undefined>): Id[] {
    const { has, compare } = LIST_ORDERS[order];
    // A new array, so a screen holding the old one sees that the order changed.
    const ids = previous.slice();
    // Cards not yet moved still sit where their old values put them.
    const waiting = new Map(before);
    const valueAt = (i: number) => {
      const id = ids[i]!;
      return waiting.has(id) ? waiting.get(id)! : this.index.get(id)!;
    };
    const positionOf = (card: CustomerBrief) => {
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
      const card = this.index.get(id);
      if (card && has(card)) ids.splice(positionOf(card), 0, id);
    }
    return ids;
  }
}

const kept = new WeakMap<CustomerSearchIndex, ListOrders>();

/** The list's orders of `index`, kept in step with it from the first call. */
export function listOrdersOf(index: CustomerSearchIndex): ListOrders {
  let orders = kept.get(index);
  if (!orders) {
    orders = new ListOrders(index);
    kept.set(index, orders);
  }
  return orders;
}

/**
 * While cards arrive in bulk (an import's batches, a sync's pages), the list on screen catches up
 * at most this often: merging 50,000 ids for every batch held the screen while someone typed.
 * Rows still show each card as it now is (they come from the index); only a new card's place waits.
 */
export const ORDER_CATCH_UP_MS = 1_000;
const caughtUpAt = new WeakMap<CustomerSearchIndex, Map<ListOrder, number>>();

/**
 * The order for the list on screen: caught up, unless it did so less than a second ago; undefined
 * until it is first worked out (`listOrdersOf(index).prepare(order)` sorts it in steps).
 */
export function orderShown(index: CustomerSearchIndex, order: ListOrder): Id[] | undefined {
  const orders = listOrdersOf(index);
  if (!orders.isOrderReady(order)) return undefined;
  const times = caughtUpAt.get(index) ?? new Map<ListOrder, number>();
  caughtUpAt.set(index, times);
  const now = performance.now();
  if (orders.isOrderBehind(order) && now - (times.get(order) ?? -Infinity) < ORDER_CATCH_UP_MS) {
    return orders.idsInOrder(order, { catchUp: false });
  }
  times.set(order, now);
  return orders.idsInOrder(order);
}
