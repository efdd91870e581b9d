/**
 * The amounts noted at the counter (sales, buy-ins) added up day by day, kept in step with the
 * timeline inside each write's own transaction, so the owner's insights read a year as about 400
 * small rows instead of its 50,000 visits or more (reading those took over a second).
 *
 * A DBCore middleware, like the sync outbox (src/db/sync/capture.ts): no feature, import, restore
 * or sync path can forget it, and a write that fails or aborts changes no total.
 *
 * - What counts, as the insights always counted it (src/lib/insights/money.ts): a purchase (a
 *   sale) or a buy-in with a whole, positive yen amount, not deleted, that does not stand for a
 *   古物台帳 record (those count itemised, from the ledger), on a card that has not been deleted.
 *   A visit whose card has not arrived (yet) counts: most often sync brings the card next.
 * - Days are calendar days in this device's time zone, as the insights' months are. The zone the
 *   totals were made in is kept; opened in another, they are made again from the timeline.
 * - Each read-write transaction over visits or cards takes the totals (and both tables, to tell a
 *   deleted card) into its scope. A visit written adds its amount and takes back what it added
 *   before; a card deleted or brought back takes its visits' amounts out or puts them back.
 * - Promise chains from the layer below, no async functions: Dexie's layers above (its hooks, the
 *   sync outbox) need the transaction's zone when our promise settles, and an await on a plain
 *   promise loses it.
 * - Schema upgrades are not followed: the upgrade that made the totals (version 11) made them from
 *   the whole timeline, after every earlier upgrade; a later upgrade that rewrites visits or cards
 *   calls rebuildMoneyByDay after it.
 */
import type {
  DBCore,
  DBCoreIndex,
  DBCoreKeyRange,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreRangeType,
  DBCoreTable,
  DBCoreTransaction,
  EntityTable,
  Middleware,
  Table,
} from 'dexie';
import { dayNumber } from '../../lib/days';
import { knownIn, type CardFacts, type KnownTable } from './known-rows';
import { wholeYen } from '../../lib/yen';
import type { Customer, Id, MetaRow, MoneyDayRow, Visit } from '../../model/types';

export const MONEY_BY_DAY = 'moneyByDay';
/** The meta row naming the time zone the totals' days are in. */
export const MONEY_BY_DAY_ZONE = 'moneyByDayZone';

type MoneyField = 'sale' | 'buyIn';

const FIELD_OF_KIND: Partial<Record<Visit['kind'], MoneyField>> = {
  purchase: 'sale',
  'buy-in': 'buyIn',
};

interface Amount {
  day: number;
  field: MoneyField;
  amount: number;
}

/** What a visit adds to its day, when its card is not deleted; undefined when nothing. */
export function amountOfVisit(visit: Visit | undefined): Amount | undefined {
  if (!visit || visit.deletedAt || visit.record?.type === 'ledger-entry') return undefined;
  const field = FIELD_OF_KIND[visit.kind];
  const amount = typeof visit.amount === 'number' ? wholeYen(visit.amount) : 0;
  if (!field || amount === 0 || !Number.isFinite(visit.at)) return undefined;
  return { day: dayNumber(visit.at), field, amount };
}

/** The time zone this device's calendar days are in. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Amounts to add (or, negative, take back), by day. */
class Deltas {
  readonly byDay = new Map<number, Record<MoneyField, number>>();

  add(amount: Amount | undefined, sign: 1 | -1): void {
    if (!amount) return;
    let day = this.byDay.get(amount.day);
    if (!day) this.byDay.set(amount.day, (day = { sale: 0, buyIn: 0 }));
    day[amount.field] += sign * amount.amount;
  }

  /** Reads the days' stored rows (once per transaction), without waiting for them. */
  prefetch(totals: DBCoreTable, trans: DBCoreTransaction): void {
    const known = daysIn(trans);
    const missing = [...this.byDay.keys()].filter((day) => !known.has(day));
    if (missing.length === 0) return;
    const read = totals.getMany({ trans, keys: missing }) as Promise<(MoneyDayRow | undefined)[]>;
    missing.forEach((day, i) => {
      const row: MoneyDayRow = { day, sale: 0, buyIn: 0 };
      const ready = read.then((stored) => {
        row.sale = stored[i]?.sale ?? 0;
        row.buyIn = stored[i]?.buyIn ?? 0;
      });
      known.set(day, { row, ready });
    });
  }

  /** Adds them to the stored rows, through the lower layer, in the same transaction. */
  applyTo(totals: DBCoreTable, trans: DBCoreTransaction): Promise<void> {
    const days = [...this.byDay].filter(([, d]) => d.sale !== 0 || d.buyIn !== 0);
    if (days.length === 0) return Promise.all([]).then(() => undefined);
    this.prefetch(totals, trans);
    const known = daysIn(trans);
    return Promise.all(days.map(([day]) => known.get(day)!.ready)).then(() => {
      // Added at once, with no wait between reading the running total and adding to it: two
      // writes of one transaction in flight together each add to the other's total.
      const values = days.map(([day, delta]) => {
        const { row } = known.get(day)!;
        row.sale += delta.sale;
        row.buyIn += delta.buyIn;
        return { ...row };
      });
      return totals.mutate({ type: 'put', trans, values }).then(() => undefined);
    });
  }
}

/**
 * The day rows a transaction has read or written, as they now stand in it: read once, then added
 * to in memory. No other transaction can write them meanwhile (it would need the same store for
 * writing), so they stay true until it ends.
 */
const dayRows = new WeakMap<DBCoreTransaction, Map<number, { row: MoneyDayRow; ready: Promise<void> }>>();

function daysIn(trans: DBCoreTransaction) {
  let known = dayRows.get(trans);
  if (!known) dayRows.set(trans, (known = new Map()));
  return known;
}

/** A card counts as deleted only when it is there and says so; a card not (yet) here does not. */
export function isDeletedCard(card: Pick<Customer, 'deletedAt'> | undefined): boolean {
  return card?.deletedAt !== undefined && card.deletedAt !== null;
}

function everyRowIn(table: DBCoreTable, range: DBCoreKeyRange, trans: DBCoreTransaction) {
  return table.query({ trans, query: { index: table.schema.primaryKey, range }, values: true });
}

function keysOf(table: DBCoreTable, values: readonly unknown[]): unknown[] {
  const keyPath = table.schema.primaryKey.keyPath as string;
  return values.map((v) => (v as Record<string, unknown>)[keyPath]);
}

/**
 * The rows of `keys` as they stand in the transaction: those known there (known-rows.ts) without
 * a read, the rest read (and known from then on). A known row holds only the fields the totals use.
 */
function rowsIn<T>(table: DBCoreTable, name: KnownTable, trans: DBCoreTransaction, keys: readonly unknown[]): Promise<(T | undefined)[]> {
  const known = knownIn(trans);
  const rows = new Array<T | undefined>(keys.length);
  const missing: number[] = [];
  keys.forEach((key, i) => {
    const facts = known.factsFor(name, key);
    if (facts === false) missing.push(i);
    else rows[i] = facts as T | undefined;
  });
  if (missing.length === 0) return Promise.resolve(rows);
  const toRead = missing.map((i) => keys[i]);
  const at = known.now();
  return table.getMany({ trans, keys: toRead }).then((found) => {
    known.found(name, toRead, found, at);
    missing.forEach((i, j) => (rows[i] = found[j] as T | undefined));
    return rows;
  });
}

/** The rows a put or delete replaces or deletes, as they stand before it runs (an add replaces none). */
function rowsBefore<T>(
  table: DBCoreTable,
  name: KnownTable,
  req: Exclude<DBCoreMutateRequest, { type: 'add' }>,
): Promise<(T | undefined)[]> {
  const { trans } = req;
  switch (req.type) {
    case 'deleteRange':
      return everyRowIn(table, req.range, trans).then((found) => found.result as T[]);
    case 'delete':
      return rowsIn<T>(table, name, trans, req.keys);
    case 'put':
      return rowsIn<T>(table, name, trans, keysOf(table, req.values));
  }
}

/**
 * The write itself, with what it leaves known: rows it stores are known as written, and what was
 * known of them before stops counting from the moment it is asked for.
 */
function written(table: DBCoreTable, name: KnownTable, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const known = knownIn(req.trans);
  if (req.type === 'deleteRange') {
    known.clearing(name);
    return table.mutate(req);
  }
  const keys = req.type === 'delete' ? req.keys : keysOf(table, req.values);
  const at = known.writing(name, keys);
  return table.mutate(req).then((res) => {
    const stored = keys.map((_, i) => i).filter((i) => !res.failures[i]);
    known.found(
      name,
      stored.map((i) => keys[i]),
      stored.map((i) => (req.type === 'delete' ? undefined : req.values[i])),
      at,
    );
    return res;
  });
}

/** A response with no failures: every row of a request, before it is known which failed. */
const NONE_FAILED = { numFailures: 0, failures: {} } as DBCoreMutateResponse;

/** Each row the request changed, as it was and as it is now (undefined: absent). */
function pairsOf<T>(
  req: DBCoreMutateRequest,
  before: readonly (T | undefined)[],
  res: DBCoreMutateResponse,
): [T | undefined, T | undefined][] {
  const pairs: [T | undefined, T | undefined][] = [];
  if (req.type === 'deleteRange' || req.type === 'delete') {
    before.forEach((row, i) => {
      if (!res.failures[i]) pairs.push([row, undefined]);
    });
  } else {
    req.values.forEach((row, i) => {
      if (!res.failures[i]) pairs.push([before[i], row as T]);
    });
  }
  return pairs;
}

const REGISTERED_STORES = ['visits', 'customers', MONEY_BY_DAY] as const;

/** Registered on the app's database before it opens (schema.ts). */
export function moneyByDayMiddleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'money-by-day',
    // The lowest layer, right on IndexedDB: it sees each row as finally written (beneath the sync
    // outbox and Dexie's hooks), and what it calls below needs no Dexie transaction zone, which
    // an await inside a middleware does not keep (Dexie's hooks and cache layers read it).
    level: -2,
    create(down) {
      if (!REGISTERED_STORES.every((name) => down.schema.tables.some((t) => t.name === name))) {
        return down;
      }
      const visits = down.table('visits');
      const customers = down.table('customers');
      const totals = down.table(MONEY_BY_DAY);
      const byCustomer = visits.schema.getIndexByKeyPath(['customerId', 'at']) as DBCoreIndex;
      const followed = new WeakSet<DBCoreTransaction>();

      function deletedCards(ids: Iterable<Id>, trans: DBCoreTransaction): Promise<Set<Id>> {
        const keys = [...new Set(ids)];
        return rowsIn<CardFacts>(customers, 'customers', trans, keys).then(
          (cards) => new Set(keys.filter((_, i) => isDeletedCard(cards[i]))),
        );
      }

      function visitsWritten(
        req: DBCoreMutateRequest,
        before: readonly (Visit | undefined)[],
      ): Promise<DBCoreMutateResponse> {
        const { trans } = req;
        const counted = pairsOf(req, before, NONE_FAILED)
          .map(([was, is], position) => {
            const wasAmount = amountOfVisit(was);
            const isAmount = amountOfVisit(is);
            return { was, is, wasAmount, isAmount, position };
          })
          .filter(({ wasAmount, isAmount }) => wasAmount || isAmount);
        if (counted.length === 0) return written(visits, 'visits', req);
        // The cards and the day totals are read alongside the write rather than one round trip
        // after another: neither depends on it (a note saved at the counter waits for all three).
        const ids: Id[] = [];
        const deltas = new Deltas();
        for (const { was, wasAmount, is, isAmount } of counted) {
          if (wasAmount) ids.push(was!.customerId);
          if (isAmount) ids.push(is!.customerId);
          deltas.add(wasAmount, -1);
          deltas.add(isAmount, 1);
        }
        const deletedRead = deletedCards(ids, trans);
        deltas.prefetch(totals, trans);
        return Promise.all([written(visits, 'visits', req), deletedRead]).then(([res, deleted]) => {
          const applied = new Deltas();
          for (const { was, wasAmount, is, isAmount, position } of counted) {
            // A row the write could not store changed nothing (a delete has no failures).
            if (req.type !== 'delete' && req.type !== 'deleteRange' && res.failures[position]) continue;
            if (wasAmount && !deleted.has(was!.customerId)) applied.add(wasAmount, -1);
            if (isAmount && !deleted.has(is!.customerId)) applied.add(isAmount, 1);
          }
          return applied.applyTo(totals, trans).then(() => res);
        });
      }

      function visitsChanged(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
        if (req.type === 'add') return visitsWritten(req, []);
        return rowsBefore<Visit>(visits, 'visits', req).then((before) => visitsWritten(req, before));
      }

      function timelineOf(id: Id, trans: DBCoreTransaction): Promise<Visit[]> {
        const range = {
          type: 2 as DBCoreRangeType, // Range: [id, any time]
          lower: [id, -Infinity],
          upper: [id, Infinity],
        };
        return visits
          .query({ trans, query: { index: byCustomer, range }, values: true })
          .then((found) => found.result as Visit[]);
      }

      function cardsWritten(
        req: DBCoreMutateRequest,
        before: readonly (Customer | undefined)[],
      ): Promise<DBCoreMutateResponse> {
        const { trans } = req;
        return written(customers, 'customers', req).then((res) => {
          const flipped = pairsOf(req, before, res).filter(
            ([was, is]) => isDeletedCard(was) !== isDeletedCard(is),
          );
          if (flipped.length === 0) return res;
          const deltas = new Deltas();
          const timelines = flipped.map(([was, is]) =>
            timelineOf((is ?? was)!.id, trans).then((timeline) => {
              const sign = isDeletedCard(is) ? -1 : 1;
              for (const visit of timeline) deltas.add(amountOfVisit(visit), sign);
            }),
          );
          return Promise.all(timelines)
            .then(() => deltas.applyTo(totals, trans))
            .then(() => res);
        });
      }

      function cardsChanged(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
        if (req.type === 'add') return cardsWritten(req, []);
        return rowsBefore<Customer>(customers, 'customers', req).then((before) => cardsWritten(req, before));
      }

      return {
        ...down,
        transaction(stores, mode, options) {
          if (mode !== 'readwrite' || !stores.some((s) => s === 'visits' || s === 'customers')) {
            return down.transaction(stores, mode, options);
          }
          const trans = down.transaction([...new Set([...stores, ...REGISTERED_STORES])], mode, options);
          followed.add(trans);
          return trans;
        },
        table(name) {
          const table = down.table(name);
          if (name !== 'visits' && name !== 'customers') return table;
          const changed = name === 'visits' ? visitsChanged : cardsChanged;
          // Rows read within a transaction the layer follows are known there (asked for now).
          const noting = (trans: DBCoreTransaction, keys: readonly unknown[], read: Promise<unknown[]>) => {
            if (!followed.has(trans)) return read;
            const known = knownIn(trans);
            const at = known.now();
            return read.then((rows) => (known.found(name, keys, rows, at), rows));
          };
          return {
            ...table,
            // What the writer above reads, the totals need not read again before its write.
            get: (req) => noting(req.trans, [req.key], table.get(req).then((row) => [row])).then(([row]) => row),
            getMany: (req) => noting(req.trans, req.keys, table.getMany(req)),
            mutate(req) {
              return followed.has(req.trans) ? changed(req) : table.mutate(req);
            },
          };
        },
      };
    },
  };
}

interface MoneyTables {
  visits: EntityTable<Visit, 'id'>;
  customers: EntityTable<Customer, 'id'>;
  moneyByDay: Table<MoneyDayRow, number>;
  meta: Table<MetaRow, string>;
}

/** Visits read per request while the totals are made again: a year of a busy shop in a few. */
const REBUILD_PAGE = 20_000;

/**
 * Makes the totals again from the whole timeline, in this device's time zone. Inside a
 * read-write transaction over the four tables (or a schema upgrade's).
 */
export async function rebuildMoneyByDay(tables: MoneyTables): Promise<void> {
  const deltas = new Deltas();
  let after: Id | undefined;
  for (;;) {
    const page: Visit[] = await (after === undefined
      ? tables.visits.orderBy(':id')
      : tables.visits.where(':id').above(after)
    )
      .limit(REBUILD_PAGE)
      .toArray();
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const counted = page.filter((v) => amountOfVisit(v));
    const ids = [...new Set(counted.map((v) => v.customerId))];
    const cards = await tables.customers.bulkGet(ids);
    const deleted = new Set(ids.filter((_, i) => isDeletedCard(cards[i])));
    for (const visit of counted) {
      if (!deleted.has(visit.customerId)) deltas.add(amountOfVisit(visit), 1);
    }
  }
  await tables.moneyByDay.clear();
  await tables.moneyByDay.bulkPut(
    [...deltas.byDay].map(([day, { sale, buyIn }]) => ({ day, sale, buyIn })),
  );
  await tables.meta.put({ key: MONEY_BY_DAY_ZONE, value: deviceTimeZone() });
}
