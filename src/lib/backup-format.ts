/**
 * The backup file: one JSON document holding every shared table of the ledger.
 *
 * {"format":"daifuku-backup","formatVersion":2,"schemaVersion":7,"exportedAt":1767225600000,"appVersion":"0.1.0","tables":{
 * "staff":[
 * {"id":"…","name":"店主",…}
 * ,{"id":"…",…}
 * ]
 * ,"photos":[
 * {"id":"…","blob":{"$blob":"<base64>","type":"image/jpeg"},"width":1280,…}
 * ]
 * }}
 *
 * - Every table that syncs is in it (the list comes from the schema, src/db/backup/tables.ts), so a
 *   table added later is never left out. Device-local tables (meta, sync bookkeeping, the restore
 *   journal) never are: a backup moves the shop, not the device.
 * - Rows are stored as the database holds them, less what can be rebuilt (the search index and
 *   sort key), so a restore always indexes with today's rules. A Blob field (a photo) is written
 *   as `{"$blob": base64, "type": media type}`.
 * - Version 2 writes one row per line (src/lib/backup-layout.ts), so the app can write and read a
 *   file of any size a line at a time while the file stays plain JSON for any other tool.
 *   Version 1 files (one line; staff, settings, customers, visits, consents, suppressions and
 *   audit only) are read whole, as before.
 * - A backup from an older schema is brought up to today's rows in code (`migrateBackup`), step by
 *   step, the same way the database's own upgrades would have changed them.
 */
import * as z from 'zod';
import { CONSENT_CHANNELS } from '../model/types';
import { contactHashes } from './suppression';

export const BACKUP_FORMAT = 'daifuku-backup';
export const BACKUP_FORMAT_VERSION = 2;
/** Files of this format version or later are written a row per line. */
export const LINE_LAYOUT_FROM = 2;

/**
 * The order a restore prefers to write tables in: cards before what hangs off them, records after
 * the cards they name, photos last (the largest rows). Tables not listed follow, by name.
 */
export const RESTORE_ORDER: readonly string[] = [
  'staff',
  'settings',
  'customers',
  'visits',
  'consents',
  'followUps',
  'cautionHistory',
  'suppressions',
  'appraisals',
  'ledgerEntries',
  'audit',
  'photos',
];

/** Fields rebuilt on restore from the fields they come from. */
export const DERIVED_CUSTOMER_FIELDS = ['searchKeys', 'searchRanks', 'sortKey'] as const;

export type BackupRow = Record<string, unknown>;

/** A table of the ledger and the field its rows are keyed by. */
export interface BackupTableInfo {
  name: string;
  keyPath: string;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  schemaVersion: number;
  exportedAt: number;
  appVersion?: string;
}

/** A whole backup held in memory (version 1 files, and tests). */
export interface Backup extends BackupHeader {
  tables: Record<string, BackupRow[]>;
}

const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  schemaVersion: z.number().int().positive(),
  exportedAt: z.number().finite(),
  appVersion: z.string().max(100).optional(),
});

const rowSchema = z.record(z.string(), z.unknown());

const wholeBackupSchema = headerSchema.extend({
  tables: z.record(z.string(), z.array(rowSchema)),
});

export type BackupProblem = 'notJson' | 'notBackup' | 'newerFormat' | 'newerSchema' | 'damaged' | 'incomplete';

export class BackupFileError extends Error {
  readonly problem: BackupProblem;
  /** The line of the file where the problem is, when known. */
  readonly line?: number;

  constructor(problem: BackupProblem, line?: number) {
    super(`backup file: ${problem}${line ? ` (line ${line})` : ''}`);
    this.name = 'BackupFileError';
    this.problem = problem;
    if (line !== undefined) this.line = line;
  }
}

/**
 * Checks the envelope of a file: a Daifuku backup this app can read. A newer format or schema is
 * refused here, before anything is written: half of a newer ledger is worse than none.
 */
export function checkHeader(value: unknown, currentSchema: number): BackupHeader {
  const format = (value as { format?: unknown } | null)?.format;
  if (typeof value !== 'object' || value === null || format !== BACKUP_FORMAT) throw new BackupFileError('notBackup');
  const version = (value as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) throw new BackupFileError('newerFormat');
  const parsed = headerSchema.safeParse(value);
  if (!parsed.success) throw new BackupFileError('notBackup');
  if (parsed.data.schemaVersion > currentSchema) throw new BackupFileError('newerSchema');
  const { format: _format, ...rest } = parsed.data;
  return { format: BACKUP_FORMAT, ...rest };
}

const MAX_KEY_LENGTH = 200;

/** Whether a row can be written at all: an object with its key, and sane bookkeeping. */
export function isWritableRow(row: unknown, keyPath: string): row is BackupRow {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return false;
  const record = row as BackupRow;
  const key = record[keyPath];
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) return false;
  for (const field of ['createdAt', 'updatedAt', 'deletedAt']) {
    const value = record[field];
    if (value !== undefined && value !== null && (typeof value !== 'number' || !Number.isFinite(value))) return false;
  }
  return Object.values(record).every((value) => !isBlobLike(value) || isEncodedBlob(value));
}

// --- Blob fields ---------------------------------------------------------------------------

/** How a Blob field (a photo) is written in the file. */
export interface EncodedBlob {
  $blob: string;
  type: string;
}

function isBlobLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && '$blob' in value;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/;

export function isEncodedBlob(value: unknown): value is EncodedBlob {
  if (typeof value !== 'object' || value === null) return false;
  const { $blob, type } = value as Partial<EncodedBlob>;
  return (
    typeof $blob === 'string' &&
    $blob.length % 4 === 0 &&
    BASE64.test($blob) &&
    typeof type === 'string' &&
    (type === '' || MEDIA_TYPE.test(type))
  );
}

// --- whole files (version 1) ---------------------------------------------------------------

/**
 * A whole backup object (a version 1 file, read in one piece): checks it, keeps the tables this
 * app knows, and brings its rows up to `currentSchema`.
 */
export function parseBackup(value: unknown, currentSchema: number, tables: readonly BackupTableInfo[]): Backup {
  const header = checkHeader(value, currentSchema);
  const parsed = wholeBackupSchema.safeParse(value);
  if (!parsed.success) throw new BackupFileError('notBackup');
  const known: Record<string, BackupRow[]> = {};
  for (const { name, keyPath } of tables) {
    const rows = parsed.data.tables[name] ?? [];
    if (!rows.every((row) => isWritableRow(row, keyPath))) throw new BackupFileError('notBackup');
    known[name] = rows;
  }
  return migrateBackup({ ...header, tables: known }, currentSchema);
}

type Migration = (tables: Backup['tables']) => Backup['tables'];

/**
 * Row changes per schema version, mirroring the database upgrades in src/db/schema.ts. A version
 * that only added optional fields or empty tables needs no step. These take the whole ledger:
 * files of those versions are version 1 files, read whole. A step for a later version must work a
 * row at a time (`migrateRow`), as version 2 files are read.
 */
const MIGRATIONS: ReadonlyMap<number, Migration> = new Map([[3, seedSuppressions]]);

export function migrateBackup(backup: Backup, currentSchema: number): Backup {
  let tables = backup.tables;
  for (let version = backup.schemaVersion + 1; version <= currentSchema; version++) {
    tables = MIGRATIONS.get(version)?.(tables) ?? tables;
  }
  return { ...backup, schemaVersion: currentSchema, tables };
}

/**
 * The first schema a version 2 file can come from (the schema of the app that introduced it).
 * Row-by-row steps for later schemas go in `migrateRow`.
 */
export const FIRST_LINE_LAYOUT_SCHEMA = 7;

/** Brings one row of a version 2 file from `fromSchema` to `currentSchema`. */
export function migrateRow(_table: string, row: BackupRow, _fromSchema: number, _currentSchema: number): BackupRow {
  return row;
}

function list(tables: Backup['tables'], name: string): BackupRow[] {
  return tables[name] ?? [];
}

/** Version 3: withdrawn consents join the "do not contact" list (as src/db/upgrades/v3-suppressions.ts). */
function seedSuppressions(tables: Backup['tables']): Backup['tables'] {
  const customers = new Map(list(tables, 'customers').map((c) => [c.id as string, c]));
  const seeded: BackupRow[] = [];
  for (const consent of list(tables, 'consents')) {
    const channel = consent.channel;
    const customer = customers.get(consent.customerId as string);
    if (typeof consent.revokedAt !== 'number' || !customer) continue;
    if (!(CONSENT_CHANNELS as readonly unknown[]).includes(channel)) continue;
    const contact = {
      phones: Array.isArray(customer.phones) ? (customer.phones as string[]) : [],
      email: typeof customer.email === 'string' ? customer.email : '',
      handles: Array.isArray(customer.handles) ? (customer.handles as { kind: 'line'; value: string }[]) : [],
      address: typeof customer.address === 'string' ? customer.address : '',
    };
    for (const hash of contactHashes(contact, channel as (typeof CONSENT_CHANNELS)[number])) {
      seeded.push({
        id: `suppression-${consent.id as string}-${hash.slice(0, 16)}`,
        createdAt: consent.revokedAt,
        updatedAt: consent.revokedAt,
        updatedBy: consent.updatedBy,
        deviceId: consent.deviceId,
        hash,
        channel,
        reason: 'withdrawn',
        at: consent.revokedAt,
      });
    }
  }
  const suppressions = list(tables, 'suppressions');
  const have = new Set(suppressions.map((s) => s.id));
  return { ...tables, suppressions: [...suppressions, ...seeded.filter((s) => !have.has(s.id))] };
}

// --- what the restore screen shows ---------------------------------------------------------

export interface BackupSummary {
  exportedAt: number;
  /** The schema the file was written with (before migration). */
  schemaVersion: number;
  customers: number;
  visits: number;
  consents: number;
  staff: number;
  /** Rows that are not deleted, per table (every table in the file). */
  tables: Record<string, number>;
}

export function isLiveRow(row: BackupRow): boolean {
  return row.deletedAt === undefined || row.deletedAt === null;
}

export function summaryOf(exportedAt: number, schemaVersion: number, tables: Record<string, number>): BackupSummary {
  return {
    exportedAt,
    schemaVersion,
    customers: tables.customers ?? 0,
    visits: tables.visits ?? 0,
    consents: tables.consents ?? 0,
    staff: tables.staff ?? 0,
    tables,
  };
}

/** What the restore screen shows before anything is written. Deleted rows are not counted. */
export function summarizeBackup(backup: Backup, originalSchema = backup.schemaVersion): BackupSummary {
  const live = Object.fromEntries(Object.entries(backup.tables).map(([name, rows]) => [name, rows.filter(isLiveRow).length]));
  return summaryOf(backup.exportedAt, originalSchema, live);
}

export function backupFileName(exportedAt: number, encrypted: boolean): string {
  const d = new Date(exportedAt);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return `daifuku-backup-${day}${encrypted ? '.encrypted' : ''}.json`;
}
