/**
 * The app's one customer search index (see search/search-index.ts), read from the ledger in pages
 * once, then kept in step with every committed change (see customer-changes). Screens read it
 * synchronously once it is ready and re-render on `subscribeToSearchIndex`.
 */
import { onCustomerChange, type CustomerChange } from './change-capture';
import { CustomerSearchIndex, type CustomerMatch } from './search-index';
import { SearchSnapshotReader } from './snapshot';
import { db } from '../db';
import type { Customer, Id } from '../../model/types';
import { nextTask } from '../../lib/next-task';

/**
 * Cards read in one request. Turning a request's rows into objects is one task that cannot be
 * split: at 2,000 cards it held the screen for 20 ms, 80 ms on a slow tablet.
 */
const PAGE = 1_000;
/** How long one slice of sorting, or of reading cards in, may hold the main thread while someone may be typing. */
const SORT_SLICE_MS = 8;
/**
 * Cards changed during the ledger's read that are read again one by one afterwards; more, and the
 * ledger is read again whole (cheaper than so many single reads). Five of the old 2,000-card pages:
 * it was tied to the page size until pages were halved.
 */
const READ_AGAIN_AT_MOST = 10_000;
/** Cards taken into the index between looks at the clock (about 3 ms' work here). */
const APPLY_CHUNK = 100;
/**
 * After a large change (an import batch), sorting waits this long for the next batch: sorting
 * between batches would sort the growing lists over and over while the import writes.
 */
const SORT_DELAY_MS = 2_000;
/**
 * Changes larger than this (an import batch, a sync pull) reach the index in a task of their own
 * rather than in the commit's: an import then writes its next batch while the index takes this one.
 */
const APPLY_LATER_OVER = 32;
/** The snapshot for the next start is written once changes have paused this long (see snapshot.ts). */
const SNAPSHOT_DELAY_MS = 5_000;

let index: CustomerSearchIndex | undefined;
let loading: Promise<CustomerSearchIndex> | undefined;
/** Changes committed while a load runs: what it read of these cards may be older. */
let missed: Set<Id> | 'everything' | undefined;
/** Bumped when the database is opened afresh, so a load from before is thrown away. */
let generation = 0;
let version = 0;
let sortTimer: ReturnType<typeof setTimeout> | undefined;
/** Large committed changes not yet in the index, oldest first. */
let pending: { rows: Customer[]; deleted: Id[] }[] = [];
let pendingTimer: ReturnType<typeof setTimeout> | undefined;
const subscribers = new Set<() => void>();
/** Changes seen (committed here or elsewhere): a snapshot is only written if none came meanwhile. */
let changesSeen = 0;
let snapshotTimer: ReturnType<typeof setTimeout> | undefined;
/** Answers searches from the last snapshot until the index is read (a cold start). */
let snapshot = new SearchSnapshotReader();

/** The snapshot's writer, loaded when a first snapshot is due (its code is no part of the first answer's). */
let writer: typeof import('./snapshot-writer') | undefined;
const loadWriter = async () => (writer ??= await import('./snapshot-writer'));
/** Nothing to forget before the writer is loaded: nothing was written. */
const forgetWrittenSnapshot = () => writer?.forgetWrittenSnapshot();

function changed(): void {
  version++;
  for (const subscriber of subscribers) subscriber();
}

/** The index, read from the ledger first if this is the first search since the app started. */
export function searchIndex(): Promise<CustomerSearchIndex> {
  applyPending();
  if (index) return Promise.resolve(index);
  return loading ?? startLoading();
}

/**
 * With a snapshot matching the ledger, the ledger's read waits for the first search the snapshot
 * answers (at most SNAPSHOT_HEAD_START_MS): both read IndexedDB, and the read of every card would
 * otherwise hold up the few rows the first search needs.
 */
const SNAPSHOT_HEAD_START_MS = 1_500;
let announceSnapshotAnswer: () => void = () => undefined;
let snapshotAnswered = new Promise<void>((resolve) => (announceSnapshotAnswer = resolve));

/**
 * After the snapshot's answers, time for the screen to paint the last before the read begins:
 * staff typing a name ask again at each letter, and the read begun after the first answer would
 * hold up the next.
 */
const PAINT_ROOM_MS = 250;
/** Searches the snapshot was asked, so the read can wait for them to pause. */
let snapshotAsked = 0;

async function loadAfterSnapshot(): Promise<CustomerSearchIndex> {
  if (await snapshot.usable()) {
    const timers: ReturnType<typeof setTimeout>[] = [];
    const after = (ms: number) => new Promise<void>((resolve) => timers.push(setTimeout(resolve, ms)));
    let late = false;
    const deadline = after(SNAPSHOT_HEAD_START_MS).then(() => void (late = true));
    await Promise.race([snapshotAnswered, deadline]);
    for (let seen = -1; !late && seen !== snapshotAsked; ) {
      seen = snapshotAsked;
      await Promise.race([after(PAINT_ROOM_MS), deadline]);
    }
    for (const timer of timers) clearTimeout(timer);
  }
  return load();
}

function startLoading(): Promise<CustomerSearchIndex> {
  const started: Promise<CustomerSearchIndex> = loadAfterSnapshot()
    .catch((error: unknown) => {
      // The index from before (if any) answers on; changes noted meanwhile must reach it.
      const lost = missed;
      missed = undefined;
      if (index && lost instanceof Set && lost.size > 0) void readAgain([...lost]);
      throw error;
    })
    .finally(() => {
      if (loading === started) loading = undefined;
    });
  loading = started;
  return started;
}

/**
 * The index if it is ready, for a screen that renders in the keystroke's own task. A large change
 * committed in this same task may not be in it yet; subscribers hear when it is.
 */
export function currentSearchIndex(): CustomerSearchIndex | undefined {
  return index;
}

export function subscribeToSearchIndex(subscriber: () => void): () => void {
  subscribers.add(subscriber);
  return () => subscribers.delete(subscriber);
}

/**
 * What the index answers for `query`; until it is read, what the search snapshot answers (the
 * same results, read from the few rows the query needs), or undefined when there is no snapshot
 * matching the ledger, so the caller waits for the index.
 */
export async function findSoon(query: string, limit = 50): Promise<CustomerMatch[] | undefined> {
  if (index) return index.find(query, limit);
  snapshotAsked++;
  const reader = snapshot;
  const found = await reader.find(query, limit);
  announceSnapshotAnswer();
  // For the bench and DevTools: a search answered before the index was read.
  if (found && !index) performance.mark('daifuku:search-snapshot-answered', { detail: { query } });
  // The index may have been read meanwhile: it has the last word.
  return currentSearchIndex()?.find(query, limit) ?? found;
}

/** Changes on every change to the index: the version for useSyncExternalStore. */
export function searchIndexVersion(): number {
  return version;
}

async function load(): Promise<CustomerSearchIndex> {
  const started = generation;
  missed = new Set();
  const built = new CustomerSearchIndex();
  let after: Id | undefined;
  for (;;) {
    const page: Customer[] =
      after === undefined
        ? await db.customers.limit(PAGE).toArray()
        : await db.customers.where(':id').above(after).limit(PAGE).toArray();
    if (started !== generation) return loading ?? startLoading();
    // In chunks with turns for the screen: a page taken in at once held it for 65 ms (250 ms at
    // a slow tablet's speed), in a start's first seconds while staff are typing.
    let slice = performance.now();
    for (let from = 0; from < page.length; from += APPLY_CHUNK) {
      built.apply(page.slice(from, from + APPLY_CHUNK), [], { inBulk: true });
      if (performance.now() - slice >= SORT_SLICE_MS) {
        await nextTask();
        if (started !== generation) return loading ?? startLoading();
        slice = performance.now();
      }
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
    // Reading in pages with a task between keeps the first screen answering taps meanwhile.
    await nextTask();
  }
  while (built.sortSome(SORT_SLICE_MS)) await nextTask();
  // Cards changed while the ledger was read: read them again before the index answers.
  for (;;) {
    if (started !== generation) return loading ?? startLoading();
    // Written to by `follow` meanwhile, which the compiler cannot see from here.
    const changedMeanwhile = missed as Set<Id> | 'everything';
    // Cleared meanwhile (a restore): what was read may be gone, so read it all again.
    if (changedMeanwhile === 'everything') return load();
    if (changedMeanwhile.size === 0) break;
    missed = new Set();
    await readInto(built, [...changedMeanwhile]);
  }
  missed = undefined;
  index = built;
  // For the bench and DevTools: when a search typed at start could first be answered.
  performance.mark('daifuku:search-index-ready', { detail: { cards: built.size } });
  changed();
  scheduleSnapshot();
  return built;
}

/** Read whole again (a restore cleared the table); the old index answers until then. */
function reload(): void {
  if (!loading) void startLoading().catch((error: unknown) => console.error('Could not read the search index again', error));
}

async function readInto(target: CustomerSearchIndex, ids: Id[]): Promise<void> {
  applyRead(target, ids, await db.customers.bulkGet(ids));
}

/** Cards read again by id: those still there are put, the others taken out. */
function applyRead(target: CustomerSearchIndex, ids: Id[], rows: (Customer | undefined)[]): void {
  target.apply(
    rows.filter((row): row is Customer => row !== undefined),
    ids.filter((_, i) => rows[i] === undefined),
  );
}

async function readAgain(ids: Id[]): Promise<void> {
  const rows = await db.customers.bulkGet(ids);
  if (!index) return;
  // After what was committed before, in order.
  applyPending();
  applyRead(index, ids, rows);
  afterChange();
}

/**
 * The large changes not yet in the index, in one task. Taken in slices with turns between them
 * (tried), typing during an import and a sync pull measured worse (p95 75 → 95 ms, 38 → 83 long
 * tasks): each keystroke's lookups sorted lists the next slice unsorted again.
 */
function applyPending(): void {
  clearTimeout(pendingTimer);
  pendingTimer = undefined;
  const changes = pending;
  pending = [];
  if (!index || changes.length === 0) return;
  for (const { rows, deleted } of changes) index.apply(rows, deleted);
  afterChange();
}

function afterChange(): void {
  changed();
  if (!index?.needsSorting) return;
  // Lookups never sort (they look through the lists' unsorted tails); sorting waits until a run
  // of writes (an import) ends.
  clearTimeout(sortTimer);
  sortTimer = setTimeout(function sortSlice() {
    if (index?.sortSome(SORT_SLICE_MS)) sortTimer = setTimeout(sortSlice, 0);
  }, SORT_DELAY_MS);
}

/** Writes the snapshot for the next start once changes have paused and the page is idle. */
function scheduleSnapshot(): void {
  clearTimeout(snapshotTimer);
  const started = generation;
  snapshotTimer = setTimeout(() => {
    snapshotTimer = undefined;
    const whenIdle = typeof requestIdleCallback === 'function' ? requestIdleCallback : (run: () => void) => setTimeout(run, 0);
    whenIdle(() => {
      const target = index;
      const seen = changesSeen;
      if (!target || started !== generation) return;
      applyPending();
      const unchanged = () => changesSeen === seen && pending.length === 0 && index === target && started === generation;
      // Not written when a change came meanwhile: that change scheduled the next attempt.
      loadWriter()
        .then(({ writeSearchSnapshot }) => writeSearchSnapshot(target, { unchanged, sliceMs: SORT_SLICE_MS }))
        .catch((error: unknown) => console.error('Could not write the search snapshot', error));
    });
  }, SNAPSHOT_DELAY_MS);
}

function follow(change: CustomerChange): void {
  changesSeen++;
  if (index) scheduleSnapshot();
  if (missed !== undefined) {
    if (change.kind === 'everything') missed = 'everything';
    else if (missed !== 'everything') {
      const ids = change.kind === 'written' ? [...change.rows.map((row) => row.id), ...change.deleted] : change.ids;
      for (const id of ids) missed.add(id);
      // Reading so many again one by one costs more than reading the ledger whole.
      if (missed.size > READ_AGAIN_AT_MOST) missed = 'everything';
    }
    return;
  }
  // Not read yet: the first search reads the ledger as it is then.
  if (!index) return;
  if (change.kind === 'written') {
    if (change.rows.length + change.deleted.length > APPLY_LATER_OVER) {
      pending.push({ rows: change.rows, deleted: change.deleted });
      pendingTimer ??= setTimeout(applyPending, 0);
      return;
    }
    applyPending();
    index.apply(change.rows, change.deleted);
    afterChange();
  } else if (change.kind === 'elsewhere') {
    void readAgain(change.ids);
  } else {
    reload();
  }
}

onCustomerChange(follow);

/**
 * A tab in the background for this long, with no change to the cards meanwhile, lets go of its
 * index (the cards it holds are most of the app's memory): a tablet with the app open in two tabs
 * holds one index, not two. Back in front, the tab reads it again, answering from the snapshot
 * meanwhile.
 */
const RELEASE_HIDDEN_AFTER_MS = 30_000;
let releaseTimer: ReturnType<typeof setTimeout> | undefined;
/** Whether the index was let go of while the tab was hidden (read again when it is shown). */
let released = false;

function releaseWhileHidden(): void {
  clearTimeout(releaseTimer);
  releaseTimer = undefined;
  if (document.visibilityState !== 'hidden') {
    if (!index && released) {
      released = false;
      void searchIndex().catch((error: unknown) => console.error('Could not read the search index again', error));
    }
    return;
  }
  const seen = changesSeen;
  releaseTimer = setTimeout(() => {
    releaseTimer = undefined;
    if (document.visibilityState !== 'hidden' || !index) return;
    // Not while it is being read or written to (an import in this tab), nor with a snapshot due:
    // half a minute more.
    if (loading || changesSeen !== seen || pending.length || snapshotTimer) return releaseWhileHidden();
    index = undefined;
    released = true;
    snapshot = new SearchSnapshotReader();
    forgetWrittenSnapshot();
    changed();
  }, RELEASE_HIDDEN_AFTER_MS);
}
if (typeof document !== 'undefined') document.addEventListener('visibilitychange', releaseWhileHidden);

// A database deleted and opened again (tests, a reset) is another ledger: forget the old index.
db.on(
  'ready',
  () => {
    generation++;
    index = undefined;
    snapshot = new SearchSnapshotReader();
    snapshotAnswered = new Promise<void>((resolve) => (announceSnapshotAnswer = resolve));
    forgetWrittenSnapshot();
    clearTimeout(snapshotTimer);
    snapshotTimer = undefined;
    clearTimeout(releaseTimer);
    releaseTimer = undefined;
    released = false;
    loading = undefined;
    missed = undefined;
    clearTimeout(pendingTimer);
    pendingTimer = undefined;
    pending = [];
    changed();
  },
  true,
);
