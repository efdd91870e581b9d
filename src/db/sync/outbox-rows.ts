/**
 * How a write's changes are laid out in outbox rows (see outbox.ts). Kept apart from the outbox's
 * reading and clearing: every write to a synced table uses it (capture.ts), so it is part of the
 * first screen's JavaScript, and the rest of the outbox need not be.
 */
import type { Change } from '../../lib/sync/merge';
import type { OutboxRow } from '../../model/types';

/**
 * Changes per outbox row at most: as many as a push sends in one request (PUSH_BATCH in
 * src/sync/engine.ts), so a push reads a row whole and removes it whole.
 */
export const CHANGES_PER_ROW = 200;

/**
 * A row written whole by one change (a new card, a new visit): every synced field it holds was set
 * at `hlc`. The outbox names it rather than copying its fields, which a push reads from the row as
 * it then stands, taking the fields still at that timestamp (see resolveWritten in outbox.ts). An
 * import with sync on wrote each card's fields a second time into the outbox: about 2 s of 24.
 */
export interface WrittenWhole {
  whole: true;
  table: string;
  row: string;
  hlc: string;
}

/** What the outbox holds for one change: the change itself, or the row it wrote whole. */
export type OutboxEntry = Change | WrittenWhole;

export function isWrittenWhole(entry: OutboxEntry): entry is WrittenWhole {
  return (entry as WrittenWhole).whole === true;
}

/** An outbox row of `entries`, all changes or all rows of one table written whole (see outboxRows). */
export function rowOf(entries: readonly OutboxEntry[], seq?: number): OutboxRow {
  let row: OutboxRow;
  const first = entries[0]!;
  if (isWrittenWhole(first)) {
    const whole = entries as WrittenWhole[];
    row = { written: { table: first.table, rows: whole.map((w) => w.row), hlcs: whole.map((w) => w.hlc) }, size: whole.length };
  } else {
    const changes = entries as Change[];
    row = changes.length === 1 ? { change: changes[0]! } : { changes: [...changes], size: changes.length };
  }
  if (seq !== undefined) row.seq = seq;
  return row;
}

/** A photo's bytes: `blob` is the one synced field that holds a Blob (sync/fields.ts). */
function holdsBytes(entry: OutboxEntry): boolean {
  return !isWrittenWhole(entry) && entry.set?.blob != null;
}

/** Whether `entry` may share an outbox row with `first`: changes with changes, rows of one table with each other. */
function goesWith(first: OutboxEntry, entry: OutboxEntry): boolean {
  if (isWrittenWhole(first)) return isWrittenWhole(entry) && entry.table === first.table;
  return !isWrittenWhole(entry);
}

/**
 * The outbox rows that hold `entries`, in their order (to be added in one write). A photo's bytes
 * copied into a change go in a row of their own: a push sends only a few photos within its byte
 * budget, and a row of many would be written again, bytes and all, after each.
 */
export function outboxRows(entries: readonly OutboxEntry[]): OutboxRow[] {
  const rows: OutboxRow[] = [];
  let together: OutboxEntry[] = [];
  const close = () => {
    if (together.length) rows.push(rowOf(together));
    together = [];
  };
  for (const entry of entries) {
    if (holdsBytes(entry)) {
      close();
      rows.push(rowOf([entry]));
      continue;
    }
    if (together.length && !goesWith(together[0]!, entry)) close();
    together.push(entry);
    if (together.length === CHANGES_PER_ROW) close();
  }
  close();
  return rows;
}
