/**
 * Every committed change to the customers table, for the in-memory search index: in this tab
 * straight from the writes (a DBCore middleware sees each put and delete, and hands them on once
 * their transaction commits), from other tabs through a BroadcastChannel naming the changed
 * cards. Dexie's storagemutated event cannot serve: for a write of 50 rows or more (every import
 * batch) it says only that the whole table may have changed.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTransaction, Middleware } from 'dexie';
import type { Customer, Id } from '../../model/types';

export type CustomerChange =
  /** Written in this tab: the rows as stored, and the ids deleted. */
  | { kind: 'written'; rows: Customer[]; deleted: Id[] }
  /** Written in another tab: these cards must be read again. */
  | { kind: 'elsewhere'; ids: Id[] }
  /** A range of cards was deleted (the table cleared before a restore): read them all again. */
  | { kind: 'everything' };

type Listener = (change: CustomerChange) => void;

const listeners = new Set<Listener>();

export function onCustomerChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function announce(change: CustomerChange): void {
  for (const listener of listeners) listener(change);
}

const CHANNEL = 'daifuku-customer-changes';
const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANNEL);
// Node (the tests) would otherwise keep running for the channel's sake.
(channel as unknown as { unref?: () => void } | undefined)?.unref?.();
if (channel) {
  channel.onmessage = (event: MessageEvent<{ ids?: Id[]; everything?: boolean }>) => {
    if (event.data.everything) announce({ kind: 'everything' });
    else if (event.data.ids?.length) announce({ kind: 'elsewhere', ids: event.data.ids });
  };
}

interface Uncommitted {
  rows: Map<Id, Customer>;
  deleted: Set<Id>;
  everything: boolean;
}

const uncommitted = new WeakMap<DBCoreTransaction, Uncommitted>();

function uncommittedIn(trans: DBCoreTransaction): Uncommitted {
  let changes = uncommitted.get(trans);
  if (!changes) {
    const started: Uncommitted = { rows: new Map(), deleted: new Set(), everything: false };
    changes = started;
    uncommitted.set(trans, started);
    // At this level Dexie's transaction is the IndexedDB transaction itself. Nothing is announced
    // for a transaction that aborts.
    (trans as unknown as IDBTransaction).addEventListener('complete', () => committed(started));
  }
  return changes;
}

function committed({ rows, deleted, everything }: Uncommitted): void {
  if (!everything && rows.size === 0 && deleted.size === 0) return;
  if (everything) {
    announce({ kind: 'everything' });
    channel?.postMessage({ everything: true });
    return;
  }
  announce({ kind: 'written', rows: [...rows.values()], deleted: [...deleted] });
  channel?.postMessage({ ids: [...rows.keys(), ...deleted] });
}

function note(req: DBCoreMutateRequest, res: DBCoreMutateResponse): void {
  // An upgrade rewrites cards before anything can search them; the index is read after it.
  if ((req.trans as unknown as IDBTransaction).mode === 'versionchange') return;
  const changes = uncommittedIn(req.trans);
  if (req.type === 'deleteRange') {
    changes.everything = true;
  } else if (req.type === 'delete') {
    for (const id of req.keys as Id[]) {
      changes.rows.delete(id);
      changes.deleted.add(id);
    }
  } else {
    req.values.forEach((row: Customer, i) => {
      if (res.failures[i]) return;
      changes.deleted.delete(row.id);
      changes.rows.set(row.id, row);
    });
  }
}

/** Registered on the app's database (db.ts) before it opens. */
export const customerChangesMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'customer-changes',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const trans = down.transaction(stores, mode, options);
        // Listening from the start puts this ahead of Dexie's own completion handler, so the
        // index has a write before the code that awaited it goes on (a search right after a save
        // finds the card).
        if (mode === 'readwrite' && stores.includes('customers')) uncommittedIn(trans);
        return trans;
      },
      table(name) {
        const table = down.table(name);
        if (name !== 'customers') return table;
        return {
          ...table,
          mutate(req) {
            return table.mutate(req).then((res) => {
              note(req, res);
              return res;
            });
          },
        };
      },
    };
  },
};
