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
      {customers.slice(from, to).map((customer, offset) => (
        <VirtualRow
          key={customer.id}
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
