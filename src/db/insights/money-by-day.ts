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
  async applyTo(totals: DBCoreTable, trans: DBCoreTransaction): Promise<void> {
    const days = [...this.byDay].filter(([, d]) => d.sale !== 0 || d.buyIn !== 0);
    if (days.length === 0) return;
    this.prefetch(totals, trans);
    const known = daysIn(trans);
    await Promise.all(days.map(([day]) => known.get(day)!.ready));
    // Added at once, with no wait between reading the running total and adding to it: two writes
    // of one transaction in flight together each add to the other's total.
    const values = days.map(([day, delta]) => {
      const { row } = known.get(day)!;
      row.sale += delta.sale;
      row.buyIn += delta.buyIn;
      return { ...row };
    });
    await totals.mutate({ type: 'put', trans, values });
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
function isDeletedCard(card: Customer | undefined): boolean {
  return card?.deletedAt !== undefined && card.deletedAt !== null;
}

function everyRowIn(table: DBCoreTable, range: DBCoreKeyRange, trans: DBCoreTransaction) {
  return table.query({ trans, query: { index: table.schema.primaryKey, range }, values: true });
}

/** The rows a request replaces or deletes, read before it runs (none for an add). */
async function rowsBefore<T>(table: DBCoreTable, req: DBCoreMutateRequest): Promise<(T | undefined)[]> {
  const { trans } = req;
  switch (req.type) {
    case 'add':
      return [];
    case 'deleteRange':
      return (await everyRowIn(table, req.range, trans)).result as T[];
    case 'delete':
      return (await table.getMany({ trans, keys: req.keys })) as (T | undefined)[];
    case 'put': {
      const keyPath = table.schema.primaryKey.keyPath as string;
      const keys = req.values.map((v) => (v as Record<string, unknown>)[keyPath]);
      return (await table.getMany({ trans, keys })) as (T | undefined)[];
    }
  }
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
    // Beneath the sync outbox (level 10), so it sees each row as finally written.
    level: 5,
    create(down) {
      if (!REGISTERED_STORES.every((name) => down.schema.tables.some((t) => t.name === name))) {
        return down;
      }
      const visits = down.table('visits');
      const customers = down.table('customers');
      const totals = down.table(MONEY_BY_DAY);
      const byCustomer = visits.schema.getIndexByKeyPath(['customerId', 'at']) as DBCoreIndex;
      const followed = new WeakSet<DBCoreTransaction>();

      async function deletedCards(ids: Iterable<Id>, trans: DBCoreTransaction): Promise<Set<Id>> {
        const keys = [...new Set(ids)];
        if (keys.length === 0) return new Set();
        const cards = (await customers.getMany({ trans, keys })) as (Customer | undefined)[];
        return new Set(keys.filter((_, i) => isDeletedCard(cards[i])));
      }

      async function visitsChanged(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
        const { trans } = req;
        const before = await rowsBefore<Visit>(visits, req);
        const counted = pairsOf(req, before, NONE_FAILED)
          .map(([was, is], position) => ({ was, is, wasAmount: amountOfVisit(was), isAmount: amountOfVisit(is), position }))
          .filter(({ wasAmount, isAmount }) => wasAmount || isAmount);
        if (counted.length === 0) return visits.mutate(req);
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
        const res = await visits.mutate(req);
        const deleted = await deletedRead;
        const applied = new Deltas();
        for (const { was, wasAmount, is, isAmount, position } of counted) {
          // A row the write could not store changed nothing (a delete or a range has no failures).
          if (req.type !== 'delete' && req.type !== 'deleteRange' && res.failures[position]) continue;
          if (wasAmount && !deleted.has(was!.customerId)) applied.add(wasAmount, -1);
          if (isAmount && !deleted.has(is!.customerId)) applied.add(isAmount, 1);
        }
        await applied.applyTo(totals, trans);
        return res;
      }

      async function cardsChanged(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
        const { trans } = req;
        const before = await rowsBefore<Customer>(customers, req);
        const res = await customers.mutate(req);
        const flipped = pairsOf(req, before, res).filter(
          ([was, is]) => isDeletedCard(was) !== isDeletedCard(is),
        );
        if (flipped.length === 0) return res;
        const deltas = new Deltas();
        await Promise.all(
          flipped.map(async ([was, is]) => {
            const id = (is ?? was)!.id;
            const range = {
              type: 2 as DBCoreRangeType, // Range: [id, any time]
              lower: [id, -Infinity],
              upper: [id, Infinity],
            };
            const timeline = await visits.query({ trans, query: { index: byCustomer, range }, values: true });
            const sign = isDeletedCard(is) ? -1 : 1;
            for (const visit of timeline.result as Visit[]) deltas.add(amountOfVisit(visit), sign);
          }),
        );
        await deltas.applyTo(totals, trans);
        return res;
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
          return {
            ...table,
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
