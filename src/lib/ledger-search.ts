/**
 * How a ledger entry is found again from a police enquiry or a staff member's memory: by any part
 * of a description, the features (a serial number typed with or without its hyphens) or the
 * counterparty's name. Stored and typed text are folded the same way.
 */
import { normalizeText } from './kana';

const SEPARATORS = /[\s\-_./:・]/g;

export function foldForLedgerSearch(text: string): string {
  return normalizeText(text).replace(SEPARATORS, '');
}

export function ledgerSearchText(parts: readonly string[]): string {
  return parts.map(foldForLedgerSearch).filter(Boolean).join('\n');
}

/** Whether the stored search text holds what was typed; an empty query matches everything. */
export function matchesLedgerQuery(searchText: string, query: string): boolean {
  const folded = foldForLedgerSearch(query);
  return folded === '' || searchText.includes(folded);
}
