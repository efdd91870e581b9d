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

export function rowOf(changes: Change[], seq?: number): OutboxRow {
  const row: OutboxRow = changes.length === 1 ? { change: changes[0]! } : { changes, size: changes.length };
  if (seq !== undefined) row.seq = seq;
  return row;
}

/** A photo's bytes: `blob` is the one synced field that holds a Blob (sync/fields.ts). */
function holdsBytes(change: Change): boolean {
  return change.set?.blob != null;
}

/**
 * The outbox rows that hold `changes`, in their order (to be added in one write). A photo's bytes
 * go in a row of their own: a push sends only a few photos within its byte budget, and a row of
 * many would be written again, bytes and all, after each.
 */
export function outboxRows(changes: readonly Change[]): OutboxRow[] {
  const rows: OutboxRow[] = [];
  let together: Change[] = [];
  const close = () => {
    if (together.length) rows.push(rowOf(together));
    together = [];
  };
  for (const change of changes) {
    if (holdsBytes(change)) {
      close();
      rows.push(rowOf([change]));
      continue;
    }
    together.push(change);
    if (together.length === CHANGES_PER_ROW) close();
  }
  close();
  return rows;
}
