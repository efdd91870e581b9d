/**
 * The line layout of a version 2 backup: a JSON document written so that each row is one line.
 * JSON.stringify never writes a raw line break inside a value, so the writer controls every line
 * break, and the reader can take the file a line at a time:
 *
 *   line 1     {"format":…,"exportedAt":…,"tables":{       the header (parsed with "}}" added)
 *   a table    "customers":[   or   ,"customers":[
 *   a row      {…}             or   ,{…}
 *   its end    ]
 *   the end    }}
 *
 * Anything else, anywhere, is a damaged file, reported with its line number. Another tool can
 * still read the whole file with any JSON parser.
 */
import { BackupFileError, type BackupRow } from './backup-format';
import type { Line } from './backup-stream';

export const TABLES_OPENING = ',"tables":{';
const TABLE_END = ']';
const FILE_END = '}}';

/** Line 1: the header object, left open at its "tables". */
export function headerLine(header: object): string {
  const json = JSON.stringify(header);
  return `${json.slice(0, -1)}${TABLES_OPENING}`;
}

/** Whether a first line is a version 2 header (its object, or undefined). */
export function parseHeaderLine(line: string): unknown {
  if (!line.startsWith('{') || !line.endsWith(TABLES_OPENING)) return undefined;
  try {
    return JSON.parse(`${line}}}`) as unknown;
  } catch {
    return undefined;
  }
}

export function tableStartLine(name: string, first: boolean): string {
  return `${first ? '' : ','}${JSON.stringify(name)}:[`;
}

export function rowLine(row: BackupRow, first: boolean): string {
  return `${first ? '' : ','}${JSON.stringify(row)}`;
}

export const TABLE_END_LINE = TABLE_END;
export const FILE_END_LINE = FILE_END;

export type LayoutEvent =
  | { kind: 'table'; table: string; line: number }
  | { kind: 'row'; table: string; row: unknown; line: number; chars: number };

function parse(line: Line): unknown {
  try {
    return JSON.parse(line.text) as unknown;
  } catch {
    throw new BackupFileError('damaged', line.number);
  }
}

/**
 * The tables and rows of a version 2 file, after its header line. Ends only at the closing line:
 * a file cut short (a download that stopped) is damaged, not a smaller backup.
 */
export async function* readLayout(lines: AsyncIterable<Line>): AsyncGenerator<LayoutEvent> {
  let table: string | undefined;
  let tables = 0;
  let rows = 0;
  let ended = false;
  for await (const line of lines) {
    const { text, number } = line;
    if (ended) {
      if (text.trim() === '') continue;
      throw new BackupFileError('damaged', number);
    }
    if (table === undefined) {
      if (text === FILE_END) {
        ended = true;
        continue;
      }
      const opening = tables === 0 ? text : text.startsWith(',') ? text.slice(1) : undefined;
      if (opening === undefined || !opening.endsWith(':[')) throw new BackupFileError('damaged', number);
      const name = parse({ number, text: opening.slice(0, -2) });
      if (typeof name !== 'string') throw new BackupFileError('damaged', number);
      table = name;
      tables += 1;
      rows = 0;
      yield { kind: 'table', table, line: number };
      continue;
    }
    if (text === TABLE_END) {
      table = undefined;
      continue;
    }
    const body = rows === 0 ? text : text.startsWith(',') ? text.slice(1) : undefined;
    if (body === undefined || !body.startsWith('{')) throw new BackupFileError('damaged', number);
    rows += 1;
    yield { kind: 'row', table, row: parse({ number, text: body }), line: number, chars: text.length };
  }
  if (!ended) throw new BackupFileError('incomplete');
}
