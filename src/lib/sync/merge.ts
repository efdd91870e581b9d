/**
 * The merge rules of sync, as plain functions over plain rows.
 *
 * An operation (a `Change`) sets some fields of one row at one HLC timestamp. Each field of each row
 * remembers the timestamp of the value it holds (its clock); a field takes an incoming value only
 * when the incoming timestamp is newer. That is last-writer-wins per field, and because "newer" is a
 * total order, a replica ends up with the same row whatever order, and however many times, it
 * applies the same set of changes.
 *
 * Deletion is the ordinary field `deletedAt` (a tombstone), with one extra rule so that nothing
 * typed is lost: a row is deleted only while its `deletedAt` is at least as new as every other
 * field. An edit older than the delete (made before the person deleting saw it) stays deleted; an
 * edit made after the delete, by someone who did not know, brings the row back with that edit.
 * Both depend only on the newest clock per field, so the rule converges like the rest.
 *
 * `purge` is the one row-level operation: the row is erased for good (a deletion on request under
 * APPI) and every later operation on it is ignored, on every replica.
 *
 * Values are JSON, and Blobs (a photo): on the wire a Blob travels in a tagged JSON form
 * (src/sync/binary.ts). `null` means "this field is not set" (rows keep optional fields absent,
 * never null). Which tables, fields and values a pulled change may hold is checked before it is
 * merged (src/db/sync/fields.ts).
 */
import { isBlob } from '../is-blob';

export type Json = null | boolean | number | string | Blob | Json[] | { [key: string]: Json };

export type Row = Record<string, unknown>;

/** Field name → HLC of the value the row holds for it. */
export type Clocks = Record<string, string>;

export interface Change {
  /** Unique per change: its timestamp, table and row. Lets the server ignore a replayed push. */
  id: string;
  table: string;
  row: string;
  hlc: string;
  /** Field values set by this change; `null` unsets a field. */
  set?: Record<string, Json>;
  /** Erase the row everywhere, for good. */
  purge?: true;
}

/** A clock entry that marks a purged row: later operations on it are ignored. */
export const PURGED = '*purged';
export const DELETED_AT = 'deletedAt';

export function changeId(hlc: string, table: string, row: string): string {
  return `${hlc} ${table} ${row}`;
}

export interface TableShape {
  /** The primary key's property, which no change may set. */
  keyPath: string;
  /** Fields this device derives from the synced ones; never merged from elsewhere. */
  localFields: ReadonlySet<string>;
}

/** A delete loses to any edit made after it: the row comes back holding that edit. */
export function withDeletionRule(row: Row, clocks: Clocks): Row {
  if (row[DELETED_AT] === undefined) return row;
  const deletedClock = clocks[DELETED_AT] ?? '';
  const editedLater = Object.entries(clocks).some(
    ([field, clock]) => field !== DELETED_AT && field !== PURGED && clock > deletedClock,
  );
  if (!editedLater) return row;
  const { [DELETED_AT]: _revived, ...alive } = row;
  return alive;
}

/**
 * Deep equality for stored values (JSON-like data: primitives, arrays, plain objects, Blobs).
 *
 * Two Blobs count as the same when their size and type match: their bytes cannot be read inside
 * the write's transaction, and every read of a row gives a new Blob object, so comparing objects
 * would send a photo again on every update of its row. A photo is never rewritten in place (a new
 * photo is a new row), so this never hides a real change.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (isBlob(a) || isBlob(b)) {
    return isBlob(a) && isBlob(b) && a.size === b.size && a.type === b.type;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  if (keys.length !== Object.keys(bo).filter((k) => bo[k] !== undefined).length) return false;
  return keys.every((k) => sameValue(ao[k], bo[k]));
}

/** Whether `field` of a table of `shape` syncs: neither its key nor a field each device derives. */
function syncsField(field: string, shape: TableShape): boolean {
  return field !== shape.keyPath && !shape.localFields.has(field);
}

/**
 * What a local write changed, as the fields a change must carry: new or different values, and
 * `null` for fields the write removed. Undefined when nothing synced changed.
 */
export function diffRow(before: Row | undefined, after: Row, shape: TableShape): Record<string, Json> | undefined {
  const set: Record<string, Json> = {};
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const field of fields) {
    if (!syncsField(field, shape)) continue;
    const next = after[field];
    const previous = before?.[field];
    if (next === undefined && previous === undefined) continue;
    if (next !== undefined && previous !== undefined && sameValue(previous, next)) continue;
    set[field] = next === undefined ? null : toJson(next);
  }
  return Object.keys(set).length > 0 ? set : undefined;
}

/** Every synced field of a row, for a snapshot of data that existed before sync started. */
export function fieldsOf(row: Row, shape: TableShape): Record<string, Json> {
  const set: Record<string, Json> = {};
  for (const [field, value] of Object.entries(row)) {
    if (syncsField(field, shape) && value !== undefined) set[field] = toJson(value);
  }
  return set;
}

/** Whether a row holds any synced field (what fieldsOf would give is not empty), without copying them. */
export function holdsSyncedField(row: Row, shape: TableShape): boolean {
  for (const field in row) if (syncsField(field, shape) && row[field] !== undefined) return true;
  return false;
}

/** Stored values are JSON already (times are epoch ms) or Blobs; this only narrows the type. */
function toJson(value: unknown): Json {
  return value as Json;
}

/** Groups a row's fields by the timestamp they hold, to re-send them exactly as they were merged. */
export function fieldsByClock(row: Row, clocks: Clocks, shape: TableShape): Map<string, Record<string, Json>> {
  const groups = new Map<string, Record<string, Json>>();
  for (const [field, clock] of Object.entries(clocks)) {
    if (field === PURGED || !syncsField(field, shape)) continue;
    const value = row[field];
    const group = groups.get(clock) ?? {};
    group[field] = value === undefined ? null : toJson(value);
    groups.set(clock, group);
  }
  return groups;
}
