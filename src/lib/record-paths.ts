/** Where the detailed record behind a timeline row opens; shared by the timeline and the ledger. */
import type { RecordRef } from '../model/types';

export function recordPath(record: RecordRef): string {
  return record.type === 'appraisal' ? `/appraisals/${record.id}` : `/ledger/${record.id}`;
}

export function ledgerEntryPath(id: string): string {
  return recordPath({ type: 'ledger-entry', id });
}
