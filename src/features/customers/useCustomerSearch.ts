import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { CustomerMatch } from '../../db/search/search-index';
import type { CustomerBrief } from '../../db/search/customer-brief';
import { customerIdsInOrder } from '../../db/first-screen-reads';
import type { Id } from '../../model/types';
import { useAfterFirstAnswer } from '../../hooks/useAfterFirstAnswer';
import { usePageLoaded } from '../../hooks/usePageLoaded';
import { useTableRead } from '../../hooks/useTableRead';

type LiveSearchIndex = typeof import('../../db/search/live-index');

/**
 * The search index and its text normalisation (wanakana) load as their own chunk once the first
 * screen is up: the search box paints without them.
 */
let live: LiveSearchIndex | undefined;
let loadingLive: Promise<LiveSearchIndex> | undefined;
let announceLoaded: (module: LiveSearchIndex) => void = () => undefined;
/** Resolves once some screen has loaded the index's code; waiting on it loads nothing. */
const liveLoaded = new Promise<LiveSearchIndex>((resolve) => (announceLoaded = resolve));

function liveSearchIndex(): Promise<LiveSearchIndex> {
  loadingLive ??= import('../../db/search/live-index').then((module) => {
    live = module;
    announceLoaded(module);
    return module;
  });
  return loadingLive;
}

/**
 * Starts loading the search's code from the box's own events (focused, typed in), not from the
 * effect of the render a keystroke causes: at a cold start that render waits behind the first
 * screen's, and the first answer behind it.
 */
export function prepareSearch(): void {
  liveSearchIndex().catch((error: unknown) => console.error('Could not load the search', error));
}

type ListOrdersModule = typeof import('../../db/search/list-orders');

/** The list's orders: their own chunk, loaded with the list rather than with the first search. */
let listOrders: ListOrdersModule | undefined;
let loadingListOrders: Promise<ListOrdersModule> | undefined;

function loadListOrders(): Promise<ListOrdersModule> {
  loadingListOrders ??= import('../../db/search/list-orders').then((module) => (listOrders = module));
  return loadingListOrders;
}

function subscribe(onChange: () => void): () => void {
  let unsubscribe: (() => void) | undefined;
  let subscribed = true;
  void liveLoaded.then((module) => {
    if (!subscribed) return;
    unsubscribe = module.subscribeToSearchIndex(onChange);
    onChange();
  });
  return () => {
    subscribed = false;
    unsubscribe?.();
  };
}

function version(): number {
  return live?.searchIndexVersion() ?? -1;
}

/** Starts reading the search index once `start` is true and a screen that reads it is up. */
function usePreparedSearchIndex(start: boolean): void {
  useEffect(() => {
    if (!start) return;
    liveSearchIndex()
      .then((module) => module.searchIndex())
      .catch((error: unknown) => console.error('Could not read the search index', error));
  }, [start]);
}

/**
 * The customers matching `query`, found during the render the keystroke causes, so they are
 * painted in the next frame; again whenever a card changes. Until the index is read (the first
 * seconds after a start), the same results from the search snapshot, a moment after the
 * keystroke; undefined when there is none matching the ledger.
 */
export function useCustomerSearch(query: string): CustomerMatch[] | undefined {
  const indexVersion = useSyncExternalStore(subscribe, version);
  // Someone is typing: read it now.
  usePreparedSearchIndex(true);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `indexVersion` says when the index changed
  const fromIndex = useMemo(() => live?.currentSearchIndex()?.find(query), [query, indexVersion]);
  const waiting = fromIndex === undefined;
  const [early, setEarly] = useState<{ query: string; matches: CustomerMatch[] }>();
  useEffect(() => {
    if (!waiting) return;
    let current = true;
    liveSearchIndex()
      .then((module) => module.findSoon(query))
      .then((matches) => {
        if (current && matches) setEarly({ query, matches });
      })
      .catch((error: unknown) => console.error('Could not search the snapshot', error));
    return () => {
      current = false;
    };
  }, [query, waiting]);
  return fromIndex ?? (early?.query === query ? early.matches : undefined);
}

/** Rows the list shows at a start, from the database, until the search index is read. */
export const FIRST_ROWS = 100;

export interface CustomerOrder {
  ids: Id[];
  /** Whether `ids` are all the cards (the first rows at a start come before the rest). */
  complete: boolean;
  /**
   * The cards as the search index holds them, once it is read: the list's rows come from memory,
   * so rows show at once even while an import or a sync keeps the database writing (a read of the
   * rows would wait behind each batch, and start again with the next).
   */
  cardOf?: (id: Id) => CustomerBrief | undefined;
}

/**
 * Every card's id in the list's order from the search index once it is read (no IndexedDB read
 * of every id each time the list appears, which would hold up a card tapped right after); until
 * then, the first FIRST_ROWS from the database (`complete` false).
 */
export function useCustomerOrder(order: 'reading' | 'recent'): CustomerOrder | undefined {
  const indexVersion = useSyncExternalStore(subscribe, version);
  // The list shown at start reads it once the first screen is painted and the page has loaded:
  // its code and the read would otherwise compete with the first screen's.
  const pageLoaded = usePageLoaded();
  usePreparedSearchIndex(pageLoaded);
  // The orders' code waits for start-up's first answer (a search typed at once comes first); the
  // list shows its first rows from the database until then.
  const afterFirstAnswer = useAfterFirstAnswer();
  const [ordersLoaded, setOrdersLoaded] = useState(listOrders !== undefined);
  useEffect(() => {
    if (!pageLoaded || !afterFirstAnswer || ordersLoaded) return;
    loadListOrders()
      .then(() => setOrdersLoaded(true))
      .catch((error: unknown) => console.error('Could not load the list', error));
  }, [pageLoaded, afterFirstAnswer, ordersLoaded]);
  const [catchUp, setCatchUp] = useState(0);
  const fromIndex = useMemo(() => {
    const index = live?.currentSearchIndex();
    return index && listOrders?.orderShown(index, order);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `indexVersion`, `catchUp` and `ordersLoaded` say when to look again
  }, [order, indexVersion, catchUp, ordersLoaded]);
  // Changes still to merge once the cards stop arriving: the order catches up a moment later.
  // The first order, sorted in steps, shows once it is ready.
  useEffect(() => {
    const index = live?.currentSearchIndex();
    if (!index || !listOrders) return;
    const orders = listOrders.listOrdersOf(index);
    if (!orders.isOrderReady(order)) {
      let current = true;
      orders
        .prepare(order)
        .then(() => current && setCatchUp((n) => n + 1))
        .catch((error: unknown) => console.error('Could not sort the list', error));
      return () => {
        current = false;
      };
    }
    if (!orders.isOrderBehind(order)) return;
    const timer = setTimeout(() => setCatchUp((n) => n + 1), listOrders.ORDER_CATCH_UP_MS);
    return () => clearTimeout(timer);
  }, [order, indexVersion, catchUp, ordersLoaded]);
  const waiting = fromIndex === undefined;
  const fromDatabase = useTableRead(
    'customers',
    () => (waiting ? customerIdsInOrder(order, FIRST_ROWS + 1) : Promise.resolve(undefined)),
    [order, waiting],
  );
  return useMemo(() => {
    const index = live?.currentSearchIndex();
    if (fromIndex && index) return { ids: fromIndex, complete: true, cardOf: (id: Id) => index.get(id) };
    if (!fromDatabase) return undefined;
    // One more than shown was asked for: fewer means these are all the cards there are.
    return { ids: fromDatabase.slice(0, FIRST_ROWS), complete: fromDatabase.length <= FIRST_ROWS };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `indexVersion` says when the cards changed
  }, [fromIndex, fromDatabase, indexVersion]);
}
