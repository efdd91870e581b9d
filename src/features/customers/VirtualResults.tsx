/**
 * Search results as a virtual list: up to fifty matches, but only the rows on screen are in the
 * page, so each keystroke draws a screenful rather than every match.
 */
import { useRef } from 'react';
import type { CustomerBrief } from '../../db/search/customer-brief';
import { useWindowRows } from './useWindowRows';
import type { StageRules } from '../../lib/stages';
import { CustomerSummary } from './CustomerListItem';
import { ROW_HEIGHT, VirtualRow } from './VirtualCustomerList';

interface Props {
  customers: readonly CustomerBrief[];
  label: string;
  rules: StageRules;
  now: number;
  /** The query was a phone's digits: each card opens for a check-in. */
  checkIn?: boolean;
}

export function VirtualResults({ customers, label, rules, now, checkIn = false }: Props) {
  const listRef = useRef<HTMLUListElement>(null);
  const { from, to } = useWindowRows(listRef, customers.length, ROW_HEIGHT, 2);
  return (
    <ul
      ref={listRef}
      className="results results--virtual"
      aria-label={label}
      style={{ height: customers.length * ROW_HEIGHT }}
    >
      {/* Rows are keyed by their place, as virtual lists in the field do: a keystroke that
          changes the matches then changes the text of the rows on screen, rather than taking
          them out of the page and building new ones (the browser's style and layout of new
          rows were most of a keystroke's cost). */}
      {customers.slice(from, to).map((customer, offset) => (
        <VirtualRow
          key={from + offset}
          index={from + offset}
          count={customers.length}
          caution={Boolean(customer.caution)}
        >
          <CustomerSummary customer={customer} rules={rules} now={now} checkIn={checkIn} />
        </VirtualRow>
      ))}
    </ul>
  );
}
