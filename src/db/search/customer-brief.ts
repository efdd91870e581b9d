/**
 * What the app keeps in memory of each card: the search index holds a brief per live card, and
 * the customer list, the search results and the owner's figures read it. At 200,000 cards the
 * whole rows (memo, address, handles, every talk-about item, birthday, sync stamps) were most
 * of the page's memory, and nothing in memory reads them: the card's page reads its row from
 * IndexedDB.
 */
import type { Customer } from '../../model/types';

export interface CustomerBrief
  extends Pick<
    Customer,
    | 'id'
    | 'name'
    | 'reading'
    | 'phones'
    | 'email'
    | 'tags'
    | 'sortKey'
    | 'lastVisitAt'
    | 'activityAt'
    | 'visitTimes'
    | 'referredCount'
    | 'referredBy'
    | 'referredAt'
    | 'caution'
    | 'visitsBefore'
    | 'searchKeys'
    | 'deletedAt'
  > {
  /**
   * The ranks of `searchKeys`, one character each: a string of eleven bytes rather than an array
   * of eleven numbers, about 40 bytes less per card. `matchRank` reads either.
   */
  searchRanks: string;
  /** What to talk about next: the first item not retired, the one a list row shows. */
  talk: string | undefined;
}

/**
 * One empty array for every brief without tags or visits (a new customer, most of an imported
 * list): an object less per card for the garbage collector to mark. Frozen, as nothing may add
 * to a brief's arrays in place.
 */
const NO_STRINGS = Object.freeze([]) as unknown as string[];
const NO_TIMES = Object.freeze([]) as unknown as number[];

/**
 * Cards filled in alike have the same ranks (one per kind of key they hold): each pattern is one
 * string for all of them. Bounded, in case some ledger has ranks of every shape.
 */
const RANK_PATTERNS_AT_MOST = 4_096;
const rankPatterns = new Map<string, string>();

function sharedRanks(ranks: string): string {
  const shared = rankPatterns.get(ranks);
  if (shared !== undefined) return shared;
  if (rankPatterns.size < RANK_PATTERNS_AT_MOST) rankPatterns.set(ranks, ranks);
  return ranks;
}

/**
 * The brief of a stored card. Every brief has the same fields in the same order, so the engine
 * gives them one shape with the fields inside the object; the visit times are copied into an
 * array of plain numbers, not one boxed number per visit as a row read from IndexedDB has them,
 * and a name, reading, tag or sort key that is also a search key (written without spaces) is the
 * key's string.
 */
export function briefOf(row: Customer): CustomerBrief {
  // Copies the index may change: it makes equal keys one string (search-index.ts), a tag too.
  const searchKeys = (row.searchKeys ?? []).slice();
  const asKey = (text: string) => searchKeys.find((key) => key === text) ?? text;
  const tags = row.tags?.length ? row.tags.map(asKey) : NO_STRINGS;
  const visitTimes = row.visitTimes ?? [];
  // Sized up front: an array grown by appending has room for more than it holds.
  const times = visitTimes.length ? new Array<number>(visitTimes.length) : NO_TIMES;
  for (let i = 0; i < visitTimes.length; i++) times[i] = Number(visitTimes[i]);
  return {
    id: row.id,
    name: asKey(row.name),
    reading: asKey(row.reading),
    // The phones and email with the name and reading: an import into this ledger finds whom a
    // record may be from with them, worked out before its write (import.ts).
    phones: row.phones,
    email: row.email,
    tags,
    // Most often the whole reading in hiragana, which is a key too.
    sortKey: row.sortKey === undefined ? undefined : asKey(row.sortKey),
    lastVisitAt: row.lastVisitAt,
    activityAt: row.activityAt,
    visitTimes: times,
    referredCount: row.referredCount,
    referredBy: row.referredBy,
    referredAt: row.referredAt,
    caution: row.caution,
    visitsBefore: row.visitsBefore,
    searchKeys,
    searchRanks: sharedRanks(String.fromCharCode(...(row.searchRanks ?? []))),
    deletedAt: row.deletedAt,
    talk: row.talkAbout?.find((item) => !item.retiredAt)?.text,
  };
}
