/**
 * The search snapshot: the in-memory index's sorted key lists (search-index.ts), kept in `meta`
 * one row per first character, so a search typed in the first second after a cold start is
 * answered without reading the whole ledger. A query reads the rows of its forms' first
 * characters and the few cards they name, in one read transaction, and ranks them exactly as the
 * index would (the same candidates in the same order, ranked from the cards as stored now).
 *
 * A snapshot is only ever used while it matches the ledger: it records the customers table's
 * stamp (ledger-stamp.ts), which every transaction writing a card changes in the same
 * transaction, and one whose stamp is no longer the table's is ignored (the search then waits for
 * the index, as before). The tab holding the index writes a new snapshot once writes have paused,
 * rewriting only the lists that changed. The rows are device-local: meta never syncs and is not
 * in backups; a card deleted or erased leaves them with its next snapshot, and no snapshot taken
 * before that is used again.
 */
import { db } from '../db';
import { matchRank, queryForms } from '../../lib/search-keys';
import type { Id } from '../../model/types';
import { CUSTOMERS_STAMP_KEY } from './ledger-stamp';
import { briefOf } from './customer-brief';
import {
  CANDIDATES_PER_FORM,
  compareMatches,
  SNAPSHOT_ENTRY_END,
  SNAPSHOT_KEY_END,
  type CustomerMatch,
} from './search-index';

export const SNAPSHOT_MANIFEST_KEY = 'searchSnapshot';
export const PART_PREFIX = 'searchSnapshot:';
export const FORMAT = 1;

export interface Manifest {
  format: typeof FORMAT;
  /** Which snapshot this is (part rows written by another are not its own). */
  id: string;
  /** The customers table's stamp when the lists were taken; null before any card was written. */
  stamp: string | null;
  /** The database's schema version then: an upgrade may rewrite cards without a stamp. */
  schema: number;
  /** First character → the meta key of that list's row. */
  parts: Record<string, string>;
  cards: number;
}

export function isManifest(value: unknown): value is Manifest {
  const m = value as Partial<Manifest> | undefined;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.format === FORMAT &&
    typeof m.id === 'string' &&
    (m.stamp === null || typeof m.stamp === 'string') &&
    m.schema === db.verno &&
    typeof m.parts === 'object' &&
    m.parts !== null
  );
}

export const stampOf = (row: { value: unknown } | undefined): string | null => (typeof row?.value === 'string' ? row.value : null);

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/** The first position in `entries` whose key is at or after `form`. */
function lowerBound(entries: readonly string[], form: string): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const entry = entries[mid]!;
    if (entry.slice(0, entry.indexOf(SNAPSHOT_KEY_END)) < form) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Answers searches from the snapshot while the index is being read. Once the snapshot is found
 * not to match the ledger, it answers nothing more (the index will).
 */
export class SearchSnapshotReader {
  private manifest: Manifest | undefined;
  private stale = false;
  private readonly lists = new Map<string, string[]>();

  /** Whether the snapshot was found not to match the ledger (or missing). */
  get unusable(): boolean {
    return this.stale;
  }

  /** Whether there is a snapshot matching the ledger now (one small read). */
  async usable(): Promise<boolean> {
    if (this.stale) return false;
    try {
      const [manifest, stamp] = await db.meta.bulkGet([SNAPSHOT_MANIFEST_KEY, CUSTOMERS_STAMP_KEY]);
      if (!isManifest(manifest?.value)) return Boolean(this.giveUp(manifest ? 'another format or schema' : 'none written'));
      if (stampOf(stamp) !== manifest.value.stamp) return Boolean(this.giveUp('cards written since'));
      this.manifest ??= manifest.value;
      return true;
    } catch (error) {
      console.error('Could not read the search snapshot', error);
      return Boolean(this.giveUp('could not be read'));
    }
  }

  /**
   * What the index would answer for `query`, or undefined when there is no snapshot matching the
   * ledger now.
   */
  async find(query: string, limit = 50): Promise<CustomerMatch[] | undefined> {
    if (this.stale) return undefined;
    const forms = queryForms(query);
    try {
      return await db.transaction('r', db.meta, db.customers, async () => {
        if (!this.manifest) {
          const [manifest] = await db.meta.bulkGet([SNAPSHOT_MANIFEST_KEY]);
          if (!isManifest(manifest?.value)) return this.giveUp(manifest ? 'another format or schema' : 'none written');
          this.manifest = manifest.value;
        }
        const parts = this.manifest.parts;
        const missing = [...new Set(forms.map((form) => form[0]!))].filter((first) => parts[first] && !this.lists.has(first));
        const [stamp, ...texts] = await db.meta.bulkGet([CUSTOMERS_STAMP_KEY, ...missing.map((first) => parts[first]!)]);
        if (stampOf(stamp) !== this.manifest.stamp) return this.giveUp('cards written since');
        for (const [i, first] of missing.entries()) {
          const text = texts[i]?.value;
          if (typeof text !== 'string') return this.giveUp('a list missing');
          this.lists.set(first, text.split(SNAPSHOT_ENTRY_END));
        }
        const ids: Id[] = [];
        const seen = new Set<Id>();
        for (const form of forms) {
          const entries = this.lists.get(form[0]!);
          if (!entries) continue;
          const start = lowerBound(entries, form);
          const end = Math.min(entries.length, start + CANDIDATES_PER_FORM);
          for (let i = start; i < end; i++) {
            const entry = entries[i]!;
            const cut = entry.indexOf(SNAPSHOT_KEY_END);
            if (!entry.slice(0, cut).startsWith(form)) break;
            const id = entry.slice(cut + 1);
            if (seen.has(id)) continue;
            seen.add(id);
            ids.push(id);
          }
        }
        const cards = await db.customers.bulkGet(ids);
        const matches: CustomerMatch[] = [];
        for (const customer of cards) {
          if (!customer || customer.deletedAt || !customer.searchKeys?.length) continue;
          matches.push({ customer: briefOf(customer), rank: matchRank(customer, forms) });
        }
        return matches.sort(compareMatches).slice(0, limit);
      });
    } catch (error) {
      console.error('Could not read the search snapshot', error);
      return this.giveUp('could not be read');
    }
  }

  private giveUp(why: string): undefined {
    // For the bench and DevTools: why a search waited for the index.
    performance.mark('daifuku:search-snapshot-unusable', { detail: why });
    this.stale = true;
    this.lists.clear();
    return undefined;
  }
}
