/**
 * Exporting the whole ledger as one backup file (format: src/lib/backup-format.ts). Every table
 * that syncs goes in (src/db/backup/tables.ts), photos included.
 *
 * All tables are read in one read transaction, so the file is a consistent moment of the ledger
 * even while the counter keeps writing. The rows are turned into the file's lines as they are read,
 * a page at a time, and the lines gather in a Blob (kept by the browser, on disk when large), so
 * the export never holds the ledger as one string. Photos cannot be read inside the transaction
 * (reading a Blob's bytes would let it end): their rows keep the Blob, a reference to the stored
 * bytes, and are written out one at a time after it. Encryption then reads that Blob back a
 * megabyte at a time.
 *
 * Owner only; each export is recorded in the audit log and remembered as this device's last backup.
 */
import { toBase64 } from '../../lib/base64';
import { CHUNK_BYTES, encryptChunk, newChunkCipher } from '../../lib/backup-crypto';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupFileName,
  DERIVED_CUSTOMER_FIELDS,
  isLiveRow,
  type BackupHeader,
  type BackupRow,
  type BackupTableInfo,
  type EncodedBlob,
} from '../../lib/backup-format';
import { FILE_END_LINE, headerLine, rowLine, TABLE_END_LINE, tableStartLine } from '../../lib/backup-layout';
import { BlobWriter, bytesOf } from '../../lib/backup-stream';
import { recordAudit } from '../audit';
import { LAST_BACKUP_KEY } from './status';
import { backupTables } from './tables';
import { db } from '../db';
import { withoutRowClock } from '../sync/tables';
import { guardWrite } from '../errors';
import { requireOwner } from '../staff/roles';
import { CURRENT_SCHEMA_VERSION } from '../schema';
import { stampFor, type WriteContext } from '../write-context';

export { lastBackupAt } from './status';

const READ_PAGE = 1000;
export const BACKUP_MIME_TYPE = 'application/json';

export interface BackupOptions {
  /** Encrypts the file with AES-GCM under a key derived from this passphrase. */
  passphrase?: string;
  appVersion?: string;
  /** PBKDF2 iterations (tests use fewer; files record the count they used). */
  iterations?: number;
}

export interface BackupFile {
  fileName: string;
  blob: Blob;
  customers: number;
}

/** A row whose Blob fields are written after the read transaction. */
interface RowWithBlobs {
  row: BackupRow;
  first: boolean;
}

interface Section {
  table: string;
  pieces: (Blob | RowWithBlobs)[];
}

function withoutDerived(row: BackupRow): BackupRow {
  const copy = { ...row };
  for (const field of DERIVED_CUSTOMER_FIELDS) delete copy[field];
  return copy;
}

function hasBlob(row: BackupRow): boolean {
  return Object.values(row).some((value) => value instanceof Blob);
}

async function encodeBlobs(row: BackupRow): Promise<BackupRow> {
  const encoded: BackupRow = { ...row };
  for (const [field, value] of Object.entries(row)) {
    if (!(value instanceof Blob)) continue;
    const blob: EncodedBlob = { $blob: toBase64(new Uint8Array(await value.arrayBuffer())), type: value.type };
    encoded[field] = blob;
  }
  return encoded;
}

/** Reads every table in one transaction, turning rows into lines a page at a time. */
async function readSections(tables: readonly BackupTableInfo[]): Promise<{ sections: Section[]; customers: number }> {
  let customers = 0;
  const sections = await db.transaction(
    'r',
    tables.map((t) => t.name),
    async () => {
      const out: Section[] = [];
      for (const { name, keyPath } of tables) {
        const section: Section = { table: name, pieces: [] };
        let lines: string[] = [];
        const flush = () => {
          if (lines.length) section.pieces.push(new Blob(lines));
          lines = [];
        };
        let count = 0;
        let after: unknown;
        for (;;) {
          const query = after === undefined ? db.table(name).toCollection() : db.table(name).where(':id').above(after);
          const rows = (await query.limit(READ_PAGE).toArray()) as BackupRow[];
          for (const stored of rows) {
            const row = withoutRowClock(name === 'customers' ? withoutDerived(stored) : stored);
            if (name === 'customers' && isLiveRow(row)) customers += 1;
            const first = count === 0;
            count += 1;
            if (hasBlob(row)) {
              flush();
              section.pieces.push({ row, first });
            } else {
              lines.push(rowLine(row, first), '\n');
            }
          }
          flush();
          if (rows.length < READ_PAGE) break;
          after = rows[rows.length - 1]![keyPath];
        }
        out.push(section);
      }
      return out;
    },
  );
  return { sections, customers };
}

async function writePlain(header: BackupHeader, sections: readonly Section[]): Promise<Blob> {
  const out = new BlobWriter();
  out.write(`${headerLine(header)}\n`);
  for (const [i, section] of sections.entries()) {
    out.write(`${tableStartLine(section.table, i === 0)}\n`);
    for (const piece of section.pieces) {
      if (piece instanceof Blob) out.append(piece);
      else out.write(`${rowLine(await encodeBlobs(piece.row), piece.first)}\n`);
    }
    out.write(`${TABLE_END_LINE}\n`);
  }
  out.write(`${FILE_END_LINE}\n`);
  return out.toBlob(BACKUP_MIME_TYPE);
}

/** The plain file, encrypted a megabyte at a time (one chunk per line). */
async function encrypt(plain: Blob, passphrase: string, iterations?: number): Promise<Blob> {
  const cipher = await newChunkCipher(passphrase, iterations);
  const out = new BlobWriter();
  out.write(`${JSON.stringify(cipher.header).slice(0, -1)},"chunks":[\n`);
  const chunks = bytesOf(plain, CHUNK_BYTES)[Symbol.asyncIterator]();
  let current = await chunks.next();
  let index = 0;
  do {
    const next = await chunks.next();
    const plainChunk = current.done ? new Uint8Array(0) : current.value;
    const line = await encryptChunk(cipher.key, index, Boolean(next.done), plainChunk);
    out.write(`${index === 0 ? '' : ','}"${line}"\n`);
    index += 1;
    current = next;
  } while (!current.done);
  out.write(']}\n');
  return out.toBlob(BACKUP_MIME_TYPE);
}

export async function exportBackup(ctx: WriteContext, options: BackupOptions = {}): Promise<BackupFile> {
  await requireOwner(ctx);
  const tables = backupTables();
  const exportedAt = Date.now();
  const { sections, customers } = await readSections(tables);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    exportedAt,
    ...(options.appVersion ? { appVersion: options.appVersion } : {}),
  };
  const plain = await writePlain(header, sections);
  const encrypted = Boolean(options.passphrase);
  const blob = options.passphrase ? await encrypt(plain, options.passphrase, options.iterations) : plain;
  const stamp = await stampFor(ctx, exportedAt);
  await guardWrite(() =>
    db.transaction('rw', db.audit, db.meta, async () => {
      await recordAudit('backup-export', stamp, undefined, { encrypted, customers });
      await db.meta.put({ key: LAST_BACKUP_KEY, value: exportedAt });
    }),
  );
  return { fileName: backupFileName(exportedAt, encrypted), blob, customers };
}
