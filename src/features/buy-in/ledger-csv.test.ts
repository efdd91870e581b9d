// @vitest-environment node
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../db/ledger/queries';
import type { LedgerEntry } from '../../model/ledger-types';
import { CSV_COLUMNS, ledgerCsv, type CsvColumn } from './ledger-csv';

const headers = Object.fromEntries(CSV_COLUMNS.map((c) => [c, c.toUpperCase()])) as Record<CsvColumn, string>;
const text = {
  date: (ms: number) => new Date(ms).toISOString().slice(0, 10),
  kind: (entry: LedgerEntry) => (entry.kind === 'buy-in' ? '買受' : '売却'),
  category: (category: string) => `cat:${category}`,
  idCheck: (idCheck: LedgerEntry['idCheck']) => (idCheck ? `id:${idCheck.document}` : ''),
  staff: (id: string | undefined) => (id ? `staff:${id}` : ''),
  notes: (row: LedgerRow) => (row.correctedBy ? ['corrected'] : []),
};

function entry(overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id: '01932c4e-6f00-7000-8000-0000000a1b2c',
    createdAt: 0,
    updatedAt: 0,
    kind: 'buy-in',
    customerId: 'c1',
    transactedAt: Date.UTC(2026, 4, 16),
    items: [
      { category: 'game-software', description: 'Mario Kart 8', features: 'serial HAC-1, "boxed", scratched', quantity: 1, price: 2500 },
      { category: 'books', description: '=SUM(A1)', features: '初版, 帯あり', quantity: 3, price: 900 },
    ],
    total: 3400,
    counterparty: { name: '田中 花子', address: '京都市中京区\n三条通 1-2-3', occupation: '会社員', age: 42 },
    idCheck: { method: 'id-document', document: 'drivers-licence', checkedBy: 's1' },
    rule: { required: true, byTotal: false, categories: ['game-software', 'books'] },
    visitId: 'v1',
    searchText: '',
    ...overrides,
  };
}

describe('exporting the ledger as CSV', () => {
  const csv = ledgerCsv([{ entry: entry(), correctedBy: '01932c4e-6f00-7000-8000-0000000ffff1' }], headers, text);

  it('starts with a byte order mark and uses CRLF, so Excel opens Japanese text cleanly', () => {
    expect(csv.startsWith('\uFEFFNO,DATE,KIND,ITEM,DESCRIPTION,QUANTITY,FEATURES,PRICE,')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(4);
  });

  it('writes one line per item, repeating the transaction on each, and reads back the same', () => {
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(parsed).toHaveLength(3);
    expect(parsed[1]).toEqual([
      '0A1B2C',
      '2026-05-16',
      '買受',
      'cat:game-software',
      'Mario Kart 8',
      '1',
      'serial HAC-1, "boxed", scratched',
      '2500',
      '京都市中京区\n三条通 1-2-3',
      '田中 花子',
      '会社員',
      '42',
      'id:drivers-licence',
      'staff:s1',
      'corrected',
    ]);
    expect(parsed[2]?.slice(0, 6)).toEqual(['0A1B2C', '2026-05-16', '買受', 'cat:books', "'=SUM(A1)", '3']);
  });

  it('leaves the counterparty empty when the record was not required and skipped', () => {
    const skipped = ledgerCsv([{ entry: entry({ counterparty: undefined, idCheck: undefined }) }], headers, text);
    const [, first] = Papa.parse<string[]>(skipped.slice(1), { skipEmptyLines: true }).data;
    expect(first?.slice(8, 15)).toEqual(['', '', '', '', '', '', '']);
  });
});
