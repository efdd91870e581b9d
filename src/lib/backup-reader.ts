/**
 * Opening a backup file without ever holding it whole: a version 2 file (plain or encrypted) is
 * read a line at a time, twice. Opening reads it all once to check every line (a damaged or
 * hostile file is refused before anything is written) and to count what it holds for the restore
 * screen; the restore reads it again in batches. A version 1 file (one line) is read whole, as it
 * always was: it holds no photos.
 */
import {
  chunkKeyFor,
  decryptChunk,
  decryptText,
  isChunkedHeader,
  isEncryptedBackup,
  isNewerEncryptedFormat,
  WrongPassphraseError,
} from './backup-crypto';
import {
  BackupFileError,
  checkHeader,
  FIRST_LINE_LAYOUT_SCHEMA,
  isEncodedBlob,
  isLiveRow,
  isWritableRow,
  LINE_LAYOUT_FROM,
  migrateRow,
  parseBackup,
  summaryOf,
  type Backup,
  type BackupHeader,
  type BackupRow,
  type BackupSummary,
  type BackupTableInfo,
} from './backup-format';
import { parseHeaderLine, readLayout, type LayoutEvent } from './backup-layout';
import { bytesOf, firstLineOf, LineTooLongError, linesOf, type Line } from './backup-stream';
import { fromBase64 } from './base64';

/** A photo of 40 MB as base64 is the longest line a backup may have. */
const MAX_LINE_CHARS = 64 * 1024 * 1024;
/** The longest first line read to tell the formats apart (a version 2 header is far shorter). */
const HEADER_PROBE_CHARS = 64 * 1024;
/** A version 1 file (read whole) larger than this is not one the app wrote. */
const MAX_WHOLE_FILE_BYTES = 512 * 1024 * 1024;
const CHUNKS_OPENING = ',"chunks":[';
const CHUNKS_END = ']}';

export class PassphraseNeededError extends Error {
  constructor() {
    super('this backup is encrypted');
    this.name = 'PassphraseNeededError';
  }
}

export interface RowBatch {
  table: string;
  /** Rows as in the file (Blob fields still encoded: see `decodeBlobFields`). */
  rows: BackupRow[];
}

export interface OpenedBackup {
  header: BackupHeader;
  summary: BackupSummary;
  /** The key of every row, per table: what a replace keeps. */
  keys: ReadonlyMap<string, ReadonlySet<string>>;
  /** Rows to write, all tables together. */
  rows: number;
  /** The rows again from the start, a batch of one table at a time. */
  batches(): AsyncIterable<RowBatch>;
}

export interface ReadOptions {
  tables: readonly BackupTableInfo[];
  currentSchema: number;
  passphrase?: string;
  /** Rows per batch, and text per batch (photos are large rows). */
  batchRows: number;
  batchChars?: number;
}

const DEFAULT_BATCH_CHARS = 4 * 1024 * 1024;

/** A table's own rule for a row beyond the general ones. Photos must be images. */
const TABLE_ROW_CHECKS: Readonly<Record<string, (row: BackupRow) => boolean>> = {
  photos: (row) => isEncodedBlob(row.blob) && /^image\/(jpeg|png|webp|gif)$/.test(row.blob.type),
};

function checkRow(table: string, row: unknown, keyPath: string): row is BackupRow {
  return isWritableRow(row, keyPath) && (TABLE_ROW_CHECKS[table]?.(row) ?? true);
}

/** Turns `{"$blob": …}` fields back into Blobs, as the database keeps them. */
export function decodeBlobFields(row: BackupRow): BackupRow {
  let decoded: BackupRow | undefined;
  for (const [field, value] of Object.entries(row)) {
    if (!isEncodedBlob(value)) continue;
    decoded ??= { ...row };
    decoded[field] = new Blob([fromBase64(value.$blob)], { type: value.type });
  }
  return decoded ?? row;
}

/** Reading errors as the file's problems: a damaged file is damaged, whatever broke the reading. */
function asFileProblem(error: unknown): unknown {
  if (error instanceof BackupFileError || error instanceof WrongPassphraseError || error instanceof PassphraseNeededError) return error;
  if (error instanceof LineTooLongError) return new BackupFileError('damaged', error.line);
  return new BackupFileError('damaged');
}

// --- version 2 ------------------------------------------------------------------------------

/** The plain lines of an encrypted file's chunks, each checked as it is opened. */
async function* decryptedBytes(lines: AsyncIterator<Line>, key: CryptoKey): AsyncGenerator<Uint8Array> {
  let index = 0;
  let last = false;
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const { text, number } = next.value;
    if (text === CHUNKS_END || (last && text.trim() === '')) {
      if (!last) throw new BackupFileError('incomplete');
      last = true;
      continue;
    }
    if (last) throw new BackupFileError('damaged', number);
    const quoted = index === 0 ? text : text.startsWith(',') ? text.slice(1) : '';
    if (!quoted.startsWith('"') || !quoted.endsWith('"')) throw new BackupFileError('damaged', number);
    try {
      const chunk = await decryptChunk(key, index, quoted.slice(1, -1));
      last = chunk.last;
      yield chunk.plain;
    } catch (error) {
      // The first chunk is where a wrong passphrase shows; a later one failing is damage.
      if (index > 0 && error instanceof WrongPassphraseError) throw new BackupFileError('damaged', number);
      throw error;
    }
    index += 1;
  }
  if (!last) throw new BackupFileError('incomplete');
}

interface LineSource {
  /** Lines of the plain backup, header first. */
  lines(): AsyncIterator<Line>;
}

function plainSource(file: Blob): LineSource {
  return { lines: () => linesOf(bytesOf(file), MAX_LINE_CHARS)[Symbol.asyncIterator]() };
}

function encryptedSource(file: Blob, key: CryptoKey): LineSource {
  return {
    lines: () => {
      const outer = linesOf(bytesOf(file), MAX_LINE_CHARS)[Symbol.asyncIterator]();
      const inner = async function* () {
        await outer.next();
        yield* decryptedBytes(outer, key);
      };
      return linesOf(inner(), MAX_LINE_CHARS)[Symbol.asyncIterator]();
    },
  };
}

/** Reads a version 2 header line: this format, this schema or older, and a sane one. */
function layoutHeader(line: string | undefined, currentSchema: number): BackupHeader {
  const value = line === undefined ? undefined : parseHeaderLine(line.replace(/^\uFEFF/, ''));
  if (value === undefined) throw new BackupFileError('notBackup');
  const header = checkHeader(value, currentSchema);
  if (header.formatVersion < LINE_LAYOUT_FROM || header.schemaVersion < FIRST_LINE_LAYOUT_SCHEMA) throw new BackupFileError('notBackup');
  return header;
}

type RowEvent = Extract<LayoutEvent, { kind: 'row' }>;

/** The header of the file, and its rows as they are read. */
async function readRows(source: LineSource, currentSchema: number): Promise<{ header: BackupHeader; rows: AsyncGenerator<RowEvent> }> {
  const lines = source.lines();
  const first = await lines.next();
  const header = layoutHeader(first.done ? undefined : first.value.text, currentSchema);
  const rest: AsyncIterable<Line> = { [Symbol.asyncIterator]: () => lines };
  const rows = async function* () {
    for await (const event of readLayout(rest)) if (event.kind === 'row') yield event;
  };
  return { header, rows: rows() };
}

async function openLayout(source: LineSource, options: ReadOptions): Promise<OpenedBackup> {
  const keyPaths = new Map(options.tables.map((t) => [t.name, t.keyPath]));
  const keys = new Map<string, Set<string>>(options.tables.map((t) => [t.name, new Set<string>()]));
  const live: Record<string, number> = {};
  let header: BackupHeader | undefined;
  let rows = 0;
  try {
    const read = await readRows(source, options.currentSchema);
    header = read.header;
    for await (const event of read.rows) {
      const keyPath = keyPaths.get(event.table);
      // A table this app does not keep (or one that is this device's own) is never written.
      if (keyPath === undefined) continue;
      if (!checkRow(event.table, event.row, keyPath)) throw new BackupFileError('damaged', event.line);
      keys.get(event.table)!.add(event.row[keyPath] as string);
      rows += 1;
      if (isLiveRow(event.row)) live[event.table] = (live[event.table] ?? 0) + 1;
    }
  } catch (error) {
    throw asFileProblem(error);
  }
  const opened = header;
  const batchChars = options.batchChars ?? DEFAULT_BATCH_CHARS;
  return {
    header: opened,
    summary: summaryOf(opened.exportedAt, opened.schemaVersion, live),
    keys,
    rows,
    batches: async function* () {
      let batch: RowBatch | undefined;
      let chars = 0;
      try {
        for await (const event of (await readRows(source, options.currentSchema)).rows) {
          const keyPath = keyPaths.get(event.table);
          if (keyPath === undefined) continue;
          if (!checkRow(event.table, event.row, keyPath)) throw new BackupFileError('damaged', event.line);
          if (batch && (batch.table !== event.table || batch.rows.length >= options.batchRows || chars >= batchChars)) {
            yield batch;
            batch = undefined;
            chars = 0;
          }
          batch ??= { table: event.table, rows: [] };
          batch.rows.push(migrateRow(event.table, event.row, opened.schemaVersion, options.currentSchema));
          chars += event.chars;
        }
      } catch (error) {
        throw asFileProblem(error);
      }
      if (batch) yield batch;
    },
  };
}

// --- version 1 and in-memory backups ---------------------------------------------------------

/** A backup already in memory, read the same way as a file. */
export function openedFromMemory(backup: Backup, tables: readonly BackupTableInfo[], batchRows: number, originalSchema = backup.schemaVersion): OpenedBackup {
  const keyPaths = new Map(tables.map((t) => [t.name, t.keyPath]));
  const keys = new Map<string, Set<string>>();
  const live: Record<string, number> = {};
  let rows = 0;
  for (const { name, keyPath } of tables) {
    const tableRows = backup.tables[name] ?? [];
    for (const [i, row] of tableRows.entries()) {
      if (!checkRow(name, row, keyPath)) throw new BackupFileError('damaged', i + 1);
    }
    keys.set(name, new Set(tableRows.map((r) => r[keyPath] as string)));
    live[name] = tableRows.filter(isLiveRow).length;
    rows += tableRows.length;
  }
  const { tables: _rows, ...header } = backup;
  return {
    header,
    summary: summaryOf(backup.exportedAt, originalSchema, live),
    keys,
    rows,
    batches: async function* () {
      for (const { name } of tables) {
        if (!keyPaths.has(name)) continue;
        const tableRows = backup.tables[name] ?? [];
        for (let i = 0; i < tableRows.length; i += batchRows) yield { table: name, rows: tableRows.slice(i, i + batchRows) };
      }
    },
  };
}

async function openWhole(file: Blob, options: ReadOptions): Promise<OpenedBackup> {
  if (file.size > MAX_WHOLE_FILE_BYTES) throw new BackupFileError('notBackup');
  let value: unknown;
  try {
    value = JSON.parse((await file.text()).replace(/^\uFEFF/, '')) as unknown;
  } catch {
    throw new BackupFileError('notJson');
  }
  if (isNewerEncryptedFormat(value)) throw new BackupFileError('newerFormat');
  if (isEncryptedBackup(value)) {
    if (options.passphrase === undefined) throw new PassphraseNeededError();
    try {
      value = JSON.parse(await decryptText(value, options.passphrase)) as unknown;
    } catch (error) {
      if (error instanceof SyntaxError) throw new BackupFileError('notJson');
      throw error;
    }
  }
  const originalSchema = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  const backup = parseBackup(value, options.currentSchema, options.tables);
  return openedFromMemory(backup, options.tables, options.batchRows, typeof originalSchema === 'number' ? originalSchema : backup.schemaVersion);
}

/**
 * Opens a backup file of any version: checks every row and counts them, without writing
 * anything. Throws BackupFileError (with what is wrong, and where), PassphraseNeededError or
 * WrongPassphraseError.
 */
export async function openBackupFile(file: Blob, options: ReadOptions): Promise<OpenedBackup> {
  const first = (await firstLineOf(file, HEADER_PROBE_CHARS))?.replace(/^\uFEFF/, '');
  if (first !== undefined && parseHeaderLine(first) !== undefined) return openLayout(plainSource(file), options);
  if (first?.startsWith('{') && first.endsWith(CHUNKS_OPENING)) {
    let value: unknown;
    try {
      value = JSON.parse(`${first}${CHUNKS_END}`) as unknown;
    } catch {
      throw new BackupFileError('damaged', 1);
    }
    if (isNewerEncryptedFormat(value)) throw new BackupFileError('newerFormat');
    if (!isChunkedHeader(value)) throw new BackupFileError('notBackup');
    if (options.passphrase === undefined) throw new PassphraseNeededError();
    const key = await chunkKeyFor(value, options.passphrase);
    return openLayout(encryptedSource(file, key), options);
  }
  return openWhole(file, options);
}

/** Every row of an opened backup in memory (small backups and tests). */
export async function readWhole(opened: OpenedBackup): Promise<Backup> {
  const tables: Record<string, BackupRow[]> = Object.fromEntries([...opened.keys.keys()].map((name) => [name, []]));
  for await (const batch of opened.batches()) (tables[batch.table] ??= []).push(...batch.rows);
  return { ...opened.header, tables };
}
