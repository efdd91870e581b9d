/**
 * The ledger as a CSV file for a spreadsheet or a police request: one line per item, as a paper
 * 古物台帳 writes them (the transaction's columns repeat on each of its items). UTF-8 with a byte
 * order mark and CRLF, so Excel in Japan opens it without garbling; cells that would start a
 * formula are escaped (papaparse's escapeFormulae).
 */
import Papa from 'papaparse';
import type { LedgerRow } from '../../db/ledger/queries';
import type { LedgerText } from './ledger-text';
import { numberOf } from './ledger-text';

export const CSV_COLUMNS = [
  'no',
  'date',
  'kind',
  'item',
  'description',
  'quantity',
  'features',
  'price',
  'address',
  'name',
  'occupation',
  'age',
  'idCheck',
  'staff',
  'note',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const BOM = '\uFEFF';

export function ledgerCsv(
  rows: readonly LedgerRow[],
  headers: Readonly<Record<CsvColumn, string>>,
  text: Omit<LedgerText, 'date' | 'eraBesideDates'> & { date: (ms: number) => string },
): string {
  const lines = rows.flatMap((row) => {
    const { entry } = row;
    const notes = text.notes(row, numberOf).join(' / ');
    return entry.items.map((item) => [
      numberOf(entry.id),
      text.date(entry.transactedAt),
      text.kind(entry),
      text.category(item.category),
      item.description,
      item.quantity,
      item.features,
      item.price,
      entry.counterparty?.address ?? '',
      entry.counterparty?.name ?? '',
      entry.counterparty?.occupation ?? '',
      entry.counterparty?.age ?? '',
      text.idCheck(entry.idCheck),
      text.staff(entry.idCheck?.checkedBy),
      notes,
    ]);
  });
  return (
    BOM +
    Papa.unparse([CSV_COLUMNS.map((column) => headers[column]), ...lines], { newline: '\r\n', escapeFormulae: true }) +
    '\r\n'
  );
}
