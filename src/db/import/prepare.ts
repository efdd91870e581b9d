/**
 * The import's own work before anything is written: reading the file, splitting it into records,
 * checking each one and building its card (search keys and all). Pure, with no database, so it
 * runs in the import's worker (worker.ts) and, where workers are missing, in the page.
 */
import { csvChunks, detectDelimiter, parseCsvChunk, type CsvChunk } from '../../lib/import/csv';
import { guessMapping, looksLikeHeaders, visitSourceOf, type ColumnMapping } from '../../lib/import/columns';
import { readSource, type ImportSource, type TextEncodingName } from '../../lib/import/decode';
import { checkRecord, recordFromCells, type ImportRecord } from '../../lib/import/rows';
import { looksLikeVCard, parseVCards } from '../../lib/import/vcard';
import { identityKeys, type IdentityKeys } from '../../lib/duplicates';
import type { FieldError } from '../../lib/customer-input';
import { newCustomerRow } from '../customers/customer-row';
import type { Customer, VisitSource } from '../../model/types';
import type { Stamp } from '../write-context';

export type ImportFormat = 'csv' | 'vcard';

/** How to read a CSV: the import screen's choices, or guessed from the file when left out. */
export interface ReadOptions {
  /** Column → field for CSV; guessed from the headers when left out. */
  mapping?: ColumnMapping;
  /** Whether the first CSV row holds headers; guessed when left out. */
  hasHeaders?: boolean;
}

export interface BadRecord {
  line: number;
  name: string;
  errors: FieldError[];
}

/**
 * A checked record with its card built, ready to be matched and written. Its fields are the row's
 * own (`customerFieldsOf(row)`): sent once, not twice, from the worker, whose batches the page's
 * thread reads back field by field.
 */
export interface PreparedRecord {
  line: number;
  keys: IdentityKeys;
  row: Customer;
}

export interface PreparedBatch {
  /** Who wrote the batch and when: every card built in it carries this stamp. */
  stamp: Stamp;
  good: PreparedRecord[];
  bad: BadRecord[];
  /** Records read in this batch, good and bad. */
  read: number;
}

/** Who is importing; each batch is stamped with them and the time it was built. */
export type Writer = Omit<Stamp, 'updatedAt'>;

export interface LoadedFile {
  format: ImportFormat;
  encoding: TextEncodingName;
  text: string;
}

export async function loadFile(source: ImportSource): Promise<LoadedFile> {
  const { text, encoding } = await readSource(source);
  return { text, encoding, format: looksLikeVCard(text) ? 'vcard' : 'csv' };
}

/** Records in the file, counted without parsing it (for the progress bar). */
export function countRecords(loaded: LoadedFile): number {
  if (loaded.format === 'vcard') return (loaded.text.match(/^BEGIN:VCARD/gim) ?? []).length;
  let records = 0;
  let inQuotes = false;
  const text = loaded.text;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (c === 10 && !inQuotes) records++;
  }
  return text.endsWith('\n') ? records : records + 1;
}

/** The records of a file, a batch at a time. */
function* recordBatches(loaded: LoadedFile, options: ReadOptions, size: number): Generator<ImportRecord[]> {
  if (loaded.format === 'vcard') {
    const records = parseVCards(loaded.text);
    for (let i = 0; i < records.length; i += size) yield records.slice(i, i + size);
    return;
  }
  const delimiter = detectDelimiter(loaded.text);
  let mapping = options.mapping;
  let source: VisitSource = 'file';
  let first = true;
  for (const chunk of csvChunks(loaded.text, size) as Generator<CsvChunk>) {
    let rows = parseCsvChunk(chunk, delimiter);
    if (first) {
      first = false;
      const hasHeaders = options.hasHeaders ?? (rows.length > 0 && looksLikeHeaders(rows[0]!.cells));
      if (hasHeaders) {
        mapping ??= guessMapping(rows[0]!.cells);
        source = visitSourceOf(rows[0]!.cells);
        rows = rows.slice(1);
      }
    }
    yield rows.map((r) => recordFromCells(r.cells, mapping ?? [], r.line, source));
  }
}

/** Every batch of the file checked and built, stamped with the time each was built. */
export function* preparedBatches(
  loaded: LoadedFile,
  options: ReadOptions,
  size: number,
  writer: Writer,
): Generator<PreparedBatch> {
  for (const records of recordBatches(loaded, options, size)) {
    const stamp: Stamp = { ...writer, updatedAt: Date.now() };
    const good: PreparedRecord[] = [];
    const bad: BadRecord[] = [];
    for (const record of records) {
      const checked = checkRecord(record);
      if (checked.ok) {
        const { line, fields, visitsBefore } = checked;
        const row = newCustomerRow(fields, stamp);
        // Its last visit and lapse day follow when it is written (they need the shop's stage rules).
        good.push({ line, keys: identityKeys(fields), row: visitsBefore ? { ...row, visitsBefore } : row });
      } else {
        bad.push({ line: checked.line, name: checked.name, errors: checked.errors });
      }
    }
    yield { stamp, good, bad, read: records.length };
  }
}
