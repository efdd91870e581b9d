/**
 * A stamp of the customers table: every transaction that writes a card (in any tab, any device
 * syncing into this one, a restore clearing the table) writes a new stamp into `meta` in the same
 * transaction, so the stamp changes exactly when the cards do. The search snapshot (snapshot.ts)
 * records the stamp it was taken at; a snapshot whose stamp is no longer the table's is never
 * used. The stamp is device-local (meta never syncs and is not in backups).
 */
import type { DBCore, DBCoreTransaction, Middleware } from 'dexie';

/** The `meta` row holding the stamp. */
export const CUSTOMERS_STAMP_KEY = 'customersStamp';

let counter = 0;

/** Unique among this device's stamps: a time, a random part, and a counter for the same moment. */
function freshStamp(): string {
  counter = (counter + 1) % 0x10000;
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${counter.toString(36)}`;
}

export function customersStampMiddleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'customers-stamp',
    create(down) {
      if (!down.schema.tables.some((t) => t.name === 'meta')) return down;
      const meta = down.table('meta');
      const stamped = new WeakSet<DBCoreTransaction>();
      return {
        ...down,
        transaction(stores, mode, options) {
          // The stamp is written in the transaction that writes the cards, so both commit or neither.
          const widened = mode === 'readwrite' && stores.includes('customers') && !stores.includes('meta');
          return down.transaction(widened ? [...stores, 'meta'] : stores, mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (name !== 'customers') return table;
          return {
            ...table,
            mutate(req) {
              const { trans } = req;
              // An upgrade's rewrite of cards is not stamped (a snapshot records the schema
              // version it was taken at, and one from before an upgrade is not used).
              const upgrading = (trans as unknown as IDBTransaction).mode === 'versionchange';
              if (upgrading || stamped.has(trans)) return table.mutate(req);
              stamped.add(trans);
              const stamp = meta.mutate({ type: 'put', trans, values: [{ key: CUSTOMERS_STAMP_KEY, value: freshStamp() }] });
              return Promise.all([table.mutate(req), stamp]).then(([res]) => res);
            },
          };
        },
      };
    },
  };
}
