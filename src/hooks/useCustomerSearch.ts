import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { CustomerMatch } from '../db/customer-search-index';
import { customerIdsInOrder } from '../db/queries';
import type { Id } from '../db/types';
import { useTableRead } from './useTableRead';

type LiveSearchIndex = typeof import('../db/live-search-index');

/**
 * The search index and its text normalisation (wanakana) load as their own chunk once the first
 * screen is up: the search box paints without them.
 */
let live: LiveSearchIndex | undefined;
let loadingLive: Promise<LiveSearchIndex> | undefined;

function liveSearchIndex(): Promise<LiveSearchIndex> {
  loadingLive ??= import('../db/live-search-index').then((module) => (live = module));
  return loadingLive;
}

function subscribe(onChange: () => void): () => void {
  let unsubscribe: (() => void) | undefined;
  let subscribed = true;
  void liveSearchIndex().then((module) => {
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

/**
 * Starts reading the search index as soon as a screen that reads it is up: the customer list
 * shown at start, before anyone types.
 */
function usePreparedSearchIndex(): void {
  useEffect(() => {
    liveSearchIndex()
      .then((module) => module.searchIndex())
      .catch((error: unknown) => console.error('Could not read the search index', error));
  }, []);
}

/**
 * The customers matching `query`, found during the render the keystroke causes, so they are
 * painted in the next frame; again whenever a card changes. Undefined until the index is read.
 */
export function useCustomerSearch(query: string): CustomerMatch[] | undefined {
  const indexVersion = useSyncExternalStore(subscribe, version);
  usePreparedSearchIndex();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `indexVersion` says when the index changed
  return useMemo(() => live?.currentSearchIndex()?.find(query), [query, indexVersion]);
}

/**
 * Every card's id in the list's order: from the search index once it is read (no IndexedDB read
 * of every id each time the list appears, which would hold up a card tapped right after), from
 * the database until then.
 */
export function useCustomerOrder(order: 'reading' | 'recent'): Id[] | undefined {
  const indexVersion = useSyncExternalStore(subscribe, version);
  usePreparedSearchIndex();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `indexVersion` says when the index changed
  const fromIndex = useMemo(() => live?.currentSearchIndex()?.idsInOrder(order), [order, indexVersion]);
  const waiting = fromIndex === undefined;
  const fromDatabase = useTableRead('customers', () => (waiting ? customerIdsInOrder(order) : Promise.resolve(undefined)), [order, waiting]);
  return fromIndex ?? fromDatabase;
}
