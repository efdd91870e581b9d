/**
 * The backup file: one JSON document holding every shared table of the ledger.
 *
 * {
 *   "format": "daifuku-backup", "formatVersion": 1,
 *   "schemaVersion": 3,          // the database schema the rows were written by
 *   "exportedAt": 1767225600000, "appVersion": "0.1.0",
 *   "tables": { "customers": [...], "visits": [...], ... }
 * }
 *
 * Rows are stored as the database holds them, less what can be rebuilt (the search index and sort
 * key), so a backup stays small and a restore always indexes with today's rules. Device-local
 * tables (meta, the restore journal) are never included: a backup moves the shop, not the device.
 *
 * A backup from an older schema is brought up to today's rows in code (`migrateBackup`), step by
 * step, the same way the database's own upgrades would have changed them.
 */
import * as z from 'zod';
import { CONSENT_CHANNELS } from '../db/types';
import { contactHashes } from './suppression';

export const BACKUP_FORMAT = 'daifuku-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** Tables a backup carries, in the order a restore writes them (cards before what hangs off them). */
export const BACKUP_TABLES = ['staff', 'settings', 'customers', 'visits', 'consents', 'suppressions', 'audit'] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

/** Fields rebuilt on restore from the fields they come from. */
export const DERIVED_CUSTOMER_FIELDS = ['searchKeys', 'searchRanks', 'sortKey'] as const;

export type BackupRow = Record<string, unknown>;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  schemaVersion: number;
  exportedAt: number;
  appVersion?: string;
  tables: Record<BackupTable, BackupRow[]>;
}

const rowSchema = z.record(z.string(), z.unknown());

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  schemaVersion: z.number().int().positive(),
  exportedAt: z.number(),
  appVersion: z.string().optional(),
  tables: z.record(z.string(), z.array(rowSchema)),
});

export type BackupProblem = 'notJson' | 'notBackup' | 'newerFormat' | 'newerSchema';

export class BackupFileError extends Error {
  readonly problem: BackupProblem;

  constructor(problem: BackupProblem) {
    super(`backup file: ${problem}`);
    this.name = 'BackupFileError';
    this.problem = problem;
  }
}

/** Checks the envelope of a parsed file and brings its rows up to `currentSchema`. */
export function parseBackup(value: unknown, currentSchema: number): Backup {
  const parsed = backupSchema.safeParse(value);
  if (!parsed.success) throw new BackupFileError('notBackup');
  const file = parsed.data;
  if (file.formatVersion > BACKUP_FORMAT_VERSION) throw new BackupFileError('newerFormat');
  if (file.schemaVersion > currentSchema) throw new BackupFileError('newerSchema');
  const tables = Object.fromEntries(BACKUP_TABLES.map((t) => [t, file.tables[t] ?? []])) as Backup['tables'];
  for (const table of BACKUP_TABLES) {
    const keyField = table === 'settings' ? 'key' : 'id';
    if (tables[table].some((row) => typeof row[keyField] !== 'string')) throw new BackupFileError('notBackup');
  }
  return migrateBackup({ ...file, format: BACKUP_FORMAT, tables }, currentSchema);
}

type Migration = (tables: Backup['tables']) => Backup['tables'];

/**
 * Row changes per schema version, mirroring the database upgrades in src/db/schema.ts. A version
 * that only added optional fields or empty tables needs no step.
 */
const MIGRATIONS: ReadonlyMap<number, Migration> = new Map([[3, seedSuppressions]]);

export function migrateBackup(backup: Backup, currentSchema: number): Backup {
  let tables = backup.tables;
  for (let version = backup.schemaVersion + 1; version <= currentSchema; version++) {
    tables = MIGRATIONS.get(version)?.(tables) ?? tables;
  }
  return { ...backup, schemaVersion: currentSchema, tables };
}

/** Version 3: withdrawn consents join the "do not contact" list (as src/db/upgrades/v3-suppressions.ts). */
function seedSuppressions(tables: Backup['tables']): Backup['tables'] {
  const customers = new Map(tables.customers.map((c) => [c.id as string, c]));
  const seeded: BackupRow[] = [];
  for (const consent of tables.consents) {
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
  const have = new Set(tables.suppressions.map((s) => s.id));
  return { ...tables, suppressions: [...tables.suppressions, ...seeded.filter((s) => !have.has(s.id))] };
}

export interface BackupSummary {
  exportedAt: number;
  schemaVersion: number;
  customers: number;
  visits: number;
  consents: number;
  staff: number;
}

/** What the restore screen shows before anything is written. Deleted rows are not counted. */
export function summarizeBackup(backup: Backup, originalSchema = backup.schemaVersion): BackupSummary {
  const live = (rows: BackupRow[]) => rows.filter((r) => r.deletedAt === undefined || r.deletedAt === null).length;
  return {
    exportedAt: backup.exportedAt,
    schemaVersion: originalSchema,
    customers: live(backup.tables.customers),
    visits: live(backup.tables.visits),
    consents: live(backup.tables.consents),
    staff: live(backup.tables.staff),
  };
}

export function backupFileName(exportedAt: number, encrypted: boolean): string {
  const d = new Date(exportedAt);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return `daifuku-backup-${day}${encrypted ? '.encrypted' : ''}.json`;
}
