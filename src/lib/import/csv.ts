/**
 * CSV (and tab-separated text) as rows with the line each starts on, a chunk at a time.
 *
 * Papa Parse does the parsing (quoted fields, quoted newlines, doubled quotes). The text is first
 * cut into chunks of a few thousand records at newlines that lie outside quotes (a quote count
 * that is even means "outside", since an escaped quote is a pair), so a 50,000-row file is parsed
 * in slices with the screen free in between, and each row knows its line number for the report.
 */
import Papa from 'papaparse';

export interface CsvRow {
  /** The line the row starts on; the first line of the file is 1. */
  line: number;
  cells: string[];
}

export interface CsvChunk {
  text: string;
  /** Line number of the chunk's first line. */
  firstLine: number;
}

const NEWLINE = 10;
const QUOTE = 34;

export function* csvChunks(text: string, recordsPerChunk: number): Generator<CsvChunk> {
  let start = 0;
  let firstLine = 1;
  let lines = 0;
  let records = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (c === NEWLINE) {
      lines++;
      if (!inQuotes && ++records === recordsPerChunk) {
        yield { text: text.slice(start, i + 1), firstLine };
        start = i + 1;
        firstLine += lines;
        lines = 0;
        records = 0;
      }
    }
  }
  if (start < text.length) yield { text: text.slice(start), firstLine };
}

/** Comma, tab or semicolon, as Papa Parse guesses from the start of the file. */
export function detectDelimiter(text: string): string {
  return Papa.parse<string[]>(text.slice(0, 64 * 1024), { preview: 20, delimitersToGuess: [',', '\t', ';'] }).meta.delimiter || ',';
}

export function parseCsvChunk(chunk: CsvChunk, delimiter: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let line = chunk.firstLine;
  let position = 0;
  Papa.parse<string[]>(chunk.text, {
    delimiter,
    skipEmptyLines: 'greedy',
    step: (result) => {
      const end = result.meta.cursor;
      // Lines between the previous row's end and this row's start (skipped blank lines).
      const start = end - rowLength(chunk.text, position, end);
      line += countNewlines(chunk.text, position, start);
      rows.push({ line, cells: result.data });
      line += countNewlines(chunk.text, start, end);
      position = end;
    },
  });
  return rows;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === NEWLINE) n++;
  return n;
}

/**
 * Papa Parse's cursor is where a row ends; blank lines skipped before it are part of the span.
 * The row itself starts after the last newline that precedes it outside quotes.
 */
function rowLength(text: string, from: number, end: number): number {
  let inQuotes = false;
  let lastBoundary = from;
  // The row's own final newline (if any) is not a boundary before it.
  const stop = end > from && text.charCodeAt(end - 1) === NEWLINE ? end - 1 : end;
  for (let i = from; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (c === NEWLINE && !inQuotes) lastBoundary = i + 1;
  }
  return end - lastBoundary;
}
