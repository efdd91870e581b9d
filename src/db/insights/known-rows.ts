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
 * change the object it read before writing it back. A write's own rows are known as written once
 * it succeeds (found at the write's moment, which counts until the next write of the key).
 */
import type { DBCoreTransaction } from 'dexie';
import type { Customer, Visit } from '../../model/types';

export type KnownTable = 'visits' | 'customers';

/** The fields the day totals read of a visit and of a card. */
export type VisitFacts = Pick<Visit, 'id' | 'customerId' | 'kind' | 'amount' | 'at' | 'deletedAt' | 'record'>;
export type CardFacts = Pick<Customer, 'id' | 'deletedAt'>;

const FACTS: Record<KnownTable, readonly string[]> = {
  visits: ['id', 'customerId', 'kind', 'amount', 'at', 'deletedAt', 'record'],
  customers: ['id', 'deletedAt'],
};

/** A row's fields the totals read, copied (undefined: no row). */
export function factsOf(table: KnownTable, row: unknown): Record<string, unknown> | undefined {
  if (!row || typeof row !== 'object') return undefined;
  const facts: Record<string, unknown> = {};
  for (const field of FACTS[table]) facts[field] = (row as Record<string, unknown>)[field];
  return facts;
}

/** What one transaction knows; a row is known by its table and key, with the moment it was asked for. */
class KnownRows {
  private moment = 0;
  private readonly rows = new Map<string, { facts: Record<string, unknown> | undefined; at: number }>();
  private readonly writtenAt = new Map<string, number>();
  private readonly clearedAt: Partial<Record<KnownTable, number>> = {};

  /** A moment to stamp a read asked for now with. */
  now(): number {
    return ++this.moment;
  }

  /** What a read asked for at `at` found (undefined: absent); a write's row as written. */
  found(table: KnownTable, keys: readonly unknown[], rows: readonly unknown[], at: number): void {
    keys.forEach((key, i) => {
      const id = `${table} ${String(key)}`;
      if ((this.rows.get(id)?.at ?? 0) < at) this.rows.set(id, { facts: factsOf(table, rows[i]), at });
    });
  }

  /** A write of `keys` is being asked for: what was known of them stops counting. Returns its moment. */
  writing(table: KnownTable, keys: readonly unknown[]): number {
    const at = this.now();
    for (const key of keys) this.writtenAt.set(`${table} ${String(key)}`, at);
    return at;
  }

  /** Every row of the table may have changed (a range deleted). */
  clearing(table: KnownTable): void {
    this.clearedAt[table] = this.now();
  }

  /** The key's facts (undefined: absent) while they still count; `false` when not known. */
  factsFor(table: KnownTable, key: unknown): Record<string, unknown> | undefined | false {
    const id = `${table} ${String(key)}`;
    const known = this.rows.get(id);
    return known && known.at >= Math.max(this.writtenAt.get(id) ?? 0, this.clearedAt[table] ?? 0) ? known.facts : false;
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
