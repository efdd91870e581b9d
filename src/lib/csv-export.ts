/**
 * Customers and visits as CSV that Excel opens correctly: UTF-8 with a BOM (Excel reads UTF-8
 * only with it), or Shift_JIS for older Excel and POS software. Characters Shift_JIS cannot hold
 * (emoji, some rare kanji) become "?" in that encoding, which is why UTF-8 is the default.
 * The headers are ones the importer recognises, so an export can be imported again.
 */
import Papa from 'papaparse';
import type { Customer, Visit } from '../model/types';
import { formatPhone } from './phone';

export const CUSTOMER_COLUMNS = ['name', 'reading', 'phone', 'email', 'address', 'birthday', 'tags', 'note', 'createdAt', 'lastVisitAt'] as const;
export const VISIT_COLUMNS = ['date', 'name', 'reading', 'kind', 'amount', 'note'] as const;
export type CustomerColumn = (typeof CUSTOMER_COLUMNS)[number];
export type VisitColumn = (typeof VISIT_COLUMNS)[number];

export type CsvEncoding = 'utf-8' | 'shift_jis';

const isoDate = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString().slice(0, 10));
const isoDateTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

/** Excel runs a cell starting with = + - @ as a formula; a leading quote keeps it text. */
function cell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^[-+]?\d/.test(value) ? `'${value}` : value;
}

export function customersToCsv(customers: readonly Customer[], headers: Record<CustomerColumn, string>): string {
  const rows = customers.map((c) => [
    c.name,
    c.reading,
    c.phones.map((p) => formatPhone(p)).join(' / '),
    c.email,
    c.address,
    c.birthday ?? '',
    c.tags.join(', '),
    c.about,
    isoDate(c.createdAt),
    isoDate(c.lastVisitAt),
  ]);
  return Papa.unparse({ fields: CUSTOMER_COLUMNS.map((k) => headers[k]), data: rows.map((r) => r.map(cell)) }, { newline: '\r\n' });
}

export function visitsToCsv(
  visits: readonly Visit[],
  customers: ReadonlyMap<string, Customer>,
  headers: Record<VisitColumn, string>,
  kindLabel: (kind: Visit['kind']) => string,
): string {
  const rows = visits.map((v) => {
    const customer = customers.get(v.customerId);
    return [
      isoDateTime(v.at),
      customer?.name ?? '',
      customer?.reading ?? '',
      kindLabel(v.kind),
      v.amount === undefined ? '' : String(v.amount),
      // Health-related notes are sensitive: they stay on the card and never leave in a list.
      v.health ? '' : v.note,
    ];
  });
  return Papa.unparse({ fields: VISIT_COLUMNS.map((k) => headers[k]), data: rows.map((r) => r.map(cell)) }, { newline: '\r\n' });
}

export async function encodeText(text: string, encoding: CsvEncoding): Promise<Uint8Array<ArrayBuffer>> {
  if (encoding === 'utf-8') return new TextEncoder().encode(`\uFEFF${text}`);
  // Loaded only when asked for: the conversion tables are large.
  const { default: Encoding } = await import('encoding-japanese');
  return Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
}
