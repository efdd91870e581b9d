/**
 * The whole customer list (50音 order or most recent first) as a virtual list: only the rows on
 * screen (and a few around them) exist in the page, taken from the cards in memory once the search
 * index is read, or read from IndexedDB until then, so 50,000 cards scroll as smoothly as fifty.
 * The order itself is held as ids only; every row has one height.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { customersByIds } from '../../db/first-screen-reads';
import type { Customer, Id } from '../../model/types';
import { briefOf, type CustomerBrief } from '../../db/search/customer-brief';
import { useWindowRows } from './useWindowRows';
import type { StageRules } from '../../lib/stages';
import { CustomerSummary } from './CustomerListItem';

/** Rows read together: scrolling within a page of rows reads nothing new. */
const PAGE = 40;
/** Keep in step with .result--virtual in styles.css (row plus gap). */
export const ROW_HEIGHT = 132;

interface Props {
  ids: readonly Id[];
  /** The cards in memory (the search index), when it is read: no row is then read from IndexedDB. */
  cardOf?: (id: Id) => CustomerBrief | undefined;
  labelledBy: string;
  rules: StageRules;
  now: number;
}

export function VirtualCustomerList({ ids, cardOf, labelledBy, rules, now }: Props) {
  const listRef = useRef<HTMLUListElement>(null);
  const { from, to } = useWindowRows(listRef, ids.length, ROW_HEIGHT);
  const pageFrom = Math.floor(from / PAGE) * PAGE;
  const pageTo = Math.min(ids.length, Math.ceil(to / PAGE) * PAGE);

  const pageIds = useMemo(() => ids.slice(pageFrom, pageTo), [ids, pageFrom, pageTo]);
  const inMemory = cardOf !== undefined;
  const rows = useLiveQuery(() => (inMemory ? Promise.resolve(undefined) : customersByIds(pageIds)), [pageIds, inMemory]);
  // Rows already read stay until replaced, so a row never blinks empty while its page loads.
  const [known, setKnown] = useState(() => new Map<Id, CustomerBrief>());
  const [seenRows, setSeenRows] = useState<Customer[] | undefined>();
  if (rows && rows !== seenRows) {
    setSeenRows(rows);
    setKnown(new Map(rows.map((c) => [c.id, briefOf(c)])));
  }

  const shown: number[] = [];
  for (let index = from; index < to; index++) shown.push(index);

  return (
    <ul
      ref={listRef}
      className="results results--virtual"
      aria-labelledby={labelledBy}
      style={{ height: ids.length * ROW_HEIGHT }}
    >
      {shown.map((index) => {
        const id = ids[index]!;
        const customer = cardOf ? cardOf(id) : known.get(id);
        return (
          <VirtualRow key={id} index={index} count={ids.length} caution={Boolean(customer?.caution)}>
            {customer ? (
              <CustomerSummary customer={customer} rules={rules} now={now} />
            ) : (
              <div className="result__link result__link--loading" aria-hidden="true" />
            )}
          </VirtualRow>
        );
      })}
    </ul>
  );
}

/** One row of a virtual list, placed at its index and announced as "n of count". */
export function VirtualRow({
  index,
  count,
  caution,
  children,
}: {
  index: number;
  count: number;
  caution: boolean;
  children: ReactNode;
}) {
  return (
    <li
      aria-setsize={count}
      aria-posinset={index + 1}
      className={`result result--virtual${caution ? ' result--caution' : ''}`}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
    >
      {children}
    </li>
  );
}
