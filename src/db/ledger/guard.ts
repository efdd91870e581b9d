/**
 * The ledger's records are append-only, whoever writes: this refuses, inside IndexedDB's own
 * transaction, any update that changes what a record says and any deletion of a record the law
 * still keeps (古物営業法 第18条, three years). It sits below every feature, so no screen, import,
 * restore or sync path can rewrite the ledger by mistake.
 *
 * What it lets through:
 * - bookkeeping (updatedAt, updatedBy, deviceId) and fields a row did not have yet, because sync
 *   applies a row field by field and may add fields to a row it already created;
 * - writing a field with the value it already has (a restore putting back the same rows);
 * - deleting, soft-deleting or rewriting a record whose three years are over (personal-data
 *   deletion on request);
 * - one thing more, for one transaction at a time: a restore that fails takes back the records it
 *   added itself (its undo journal says they were not there before), so a ledger restored onto a
 *   new tablet and rolled back is the ledger it was. Only src/db/backup/restore.ts asks for this
 *   (`allowRestoreRollback`), for the keys it journaled as absent; every other writer, the
 *   restore's own writes included, meets the guard unchanged.
 */
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import { isRetained } from '../../lib/kobutsu-retention';
import { LedgerRuleError } from './errors';
import type { LedgerEntry } from '../../model/ledger-types';

const BOOKKEEPING: ReadonlySet<string> = new Set(['updatedAt', 'updatedBy', 'deviceId']);

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Whether an update leaves everything the record says as it was. */
export function keepsRecordIntact(modifications: Readonly<Record<string, unknown>>, existing: LedgerEntry): boolean {
  return Object.entries(modifications).every(([keyPath, value]) => {
    const field = keyPath.split('.')[0]!;
    if (BOOKKEEPING.has(field)) return true;
    const current: unknown = Dexie.getByKeyPath(existing, keyPath);
    if (current === undefined) return field !== 'deletedAt';
    return sameValue(current, value);
  });
}

const rollbacks = new WeakMap<Transaction, ReadonlySet<string>>();

/** Lets `transaction` delete the records with these keys: ones a failed restore added. */
export function allowRestoreRollback(transaction: Transaction, keys: ReadonlySet<string>): void {
  rollbacks.set(transaction, keys);
}

export function guardLedgerEntries(table: EntityTable<LedgerEntry, 'id'>): void {
  table.hook('updating', (modifications, _key, existing) => {
    if (keepsRecordIntact(modifications as Record<string, unknown>, existing)) return undefined;
    if (!isRetained(existing, Date.now())) return undefined;
    throw new LedgerRuleError('appendOnly', existing.id);
  });
  table.hook('deleting', (key, existing, transaction) => {
    if (rollbacks.get(transaction)?.has(key)) return;
    if (existing && isRetained(existing, Date.now())) throw new LedgerRuleError('retained', existing.id);
  });
}
