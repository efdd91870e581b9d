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
    | 'searchRanks'
    | 'deletedAt'
  > {
  /** The first item not retired, if any: the one a list row shows. */
  talkAbout: Customer['talkAbout'];
}

/**
 * The brief of a stored card. Every brief has the same fields in the same order, so the engine
 * gives them one shape with the fields inside the object; the visit times are copied into an
 * array of plain numbers, not one boxed number per visit as a row read from IndexedDB has them.
 */
export function briefOf(row: Customer): CustomerBrief {
  const talk = row.talkAbout?.find((item) => !item.retiredAt);
  return {
    id: row.id,
    name: row.name,
    reading: row.reading,
    // The phones and email with the name and reading: an import into this ledger finds whom a
    // record may be from with them, worked out before its write (import.ts).
    phones: row.phones,
    email: row.email,
    tags: row.tags,
    sortKey: row.sortKey,
    lastVisitAt: row.lastVisitAt,
    activityAt: row.activityAt,
    visitTimes: Array.from(row.visitTimes ?? [], Number),
    referredCount: row.referredCount,
    referredBy: row.referredBy,
    referredAt: row.referredAt,
    caution: row.caution,
    visitsBefore: row.visitsBefore,
    searchKeys: row.searchKeys,
    searchRanks: row.searchRanks,
    deletedAt: row.deletedAt,
    talkAbout: talk ? [talk] : [],
  };
}
