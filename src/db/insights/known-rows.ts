/**
 * What the day totals' layer (money-by-day.ts) knows of visits and cards within one transaction,
 * so it need not read again a row the writer above it has just read or written: an import reads
 * the cards it matches, the sync outbox reads each row it diffs, a sync pull reads each row it
 * merges into, and every such write had the layer read the same rows once more (six seconds of a
 * 100,000-change pull).
 *
 * IndexedDB runs a transaction's requests in the order they were made, so a row read by a request
 * made after the last write of its key is still how it stands; one read before is not. Each row
 * is known with the moment its read (or write) was asked for, and counts only while no write of
 * its key was asked for since. Only the fields the totals need are kept, copied: a caller may
 * change the object it read before writing it back.
 */
import type { DBCoreTransaction } from 'dexie';
import type { Customer, Visit } from '../../model/types';

export type KnownTable = 'visits' | 'customers';

/** The fields the day totals read of a visit and of a card. */
export type VisitFacts = Pick<Visit, 'id' | 'customerId' | 'kind' | 'amount' | 'at' | 'deletedAt'> & {
  record?: { type: string };
};
export type CardFacts = Pick<Customer, 'id' | 'deletedAt'>;

export function factsOf(table: 'visits', row: Visit | undefined): VisitFacts | undefined;
export function factsOf(table: 'customers', row: Customer | undefined): CardFacts | undefined;
export function factsOf(table: KnownTable, row: unknown): VisitFacts | CardFacts | undefined;
export function factsOf(table: KnownTable, row: unknown): VisitFacts | CardFacts | undefined {
  if (row === undefined || row === null || typeof row !== 'object') return undefined;
  if (table === 'customers') {
    const { id, deletedAt } = row as Customer;
    return { id, deletedAt };
  }
  const { id, customerId, kind, amount, at, deletedAt, record } = row as Visit;
  return { id, customerId, kind, amount, at, deletedAt, ...(record ? { record: { type: record.type } } : {}) };
}

interface Known {
  facts: VisitFacts | CardFacts | undefined;
  /** When the read (or write) that gave it was asked for. */
  at: number;
}

class KnownRows {
  private moment = 0;
  private readonly rows = new Map<KnownTable, Map<unknown, Known>>();
  private readonly writtenAt = new Map<KnownTable, Map<unknown, number>>();
  private readonly clearedAt = new Map<KnownTable, number>();

  /** A moment to stamp a read asked for now with. */
  now(): number {
    return ++this.moment;
  }

  /** What a read asked for at `at` found (undefined: absent). */
  found(table: KnownTable, keys: readonly unknown[], rows: readonly unknown[], at: number): void {
    const known = this.tableRows(table);
    keys.forEach((key, i) => {
      const was = known.get(key);
      if (!was || was.at < at) known.set(key, { facts: factsOf(table, rows[i]), at });
    });
  }

  /** A write of `keys` is being asked for: what was known of them before stops counting. */
  writing(table: KnownTable, keys: readonly unknown[]): number {
    const at = this.now();
    let written = this.writtenAt.get(table);
    if (!written) this.writtenAt.set(table, (written = new Map()));
    for (const key of keys) written.set(key, at);
    return at;
  }

  /** Every row of the table may have changed (a range deleted). */
  clearing(table: KnownTable): void {
    this.clearedAt.set(table, this.now());
  }

  /** The written row as it now stands, unless another write of it was asked for since. */
  wrote(table: KnownTable, key: unknown, row: unknown, at: number): void {
    if (this.writtenAt.get(table)?.get(key) !== at) return;
    this.tableRows(table).set(key, { facts: factsOf(table, row), at });
  }

  /** The key's facts if they still count; `false` when not known. */
  factsFor(table: KnownTable, key: unknown): VisitFacts | CardFacts | undefined | false {
    const known = this.rows.get(table)?.get(key);
    if (!known) return false;
    const since = Math.max(this.writtenAt.get(table)?.get(key) ?? 0, this.clearedAt.get(table) ?? 0);
    return known.at >= since ? known.facts : false;
  }

  private tableRows(table: KnownTable): Map<unknown, Known> {
    let known = this.rows.get(table);
    if (!known) this.rows.set(table, (known = new Map()));
    return known;
  }
}

const byTransaction = new WeakMap<DBCoreTransaction, KnownRows>();

export function knownIn(trans: DBCoreTransaction): KnownRows {
  let known = byTransaction.get(trans);
  if (!known) byTransaction.set(trans, (known = new KnownRows()));
  return known;
}

/**
 * Tells the day totals how `keys` of `table` stand in the transaction (undefined: absent), known
 * by the caller without reading them (a sync pull knows a row without field clocks is not there),
 * when no write of them has been asked for since it found out.
 */
export function tellRowsBefore(
  trans: DBCoreTransaction,
  table: KnownTable,
  keys: readonly unknown[],
  rows: readonly unknown[],
): void {
  const known = knownIn(trans);
  known.found(table, keys, rows, known.now());
}
