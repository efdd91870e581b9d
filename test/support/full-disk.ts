/**
 * A device out of space, simulated below Dexie: every write to `customers` fails the way a
 * browser reports a full disk. Middleware joins the stack when the database opens, hence the reopen.
 */
import type { DBCore, Middleware } from 'dexie';
import { db } from '../../src/db/db';

const NAME = 'test-full-disk';

export function quotaExceeded(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

const FULL_DISK: Middleware<DBCore> = {
  stack: 'dbcore',
  name: NAME,
  create: (down) => ({
    ...down,
    table: (tableName) => {
      const table = down.table(tableName);
      if (tableName !== 'customers') return table;
      return { ...table, mutate: () => Promise.reject(quotaExceeded()) };
    },
  }),
};

export async function fillTheDisk(): Promise<void> {
  db.close();
  db.use(FULL_DISK);
  await db.open();
}

export async function freeTheDisk(): Promise<void> {
  db.close();
  db.unuse({ stack: 'dbcore', name: NAME });
  await db.open();
}
