/**
 * Merging a change from another device into a row, field by field (see merge.ts for the rules).
 * Apart from merge.ts, whose diffing every write on the first screen needs: only pulling does this.
 */
import { PURGED, withDeletionRule, type Change, type Clocks, type Row, type TableShape } from './merge';

export interface MergeResult {
  /** The row after the change; undefined when it does not exist (never created, or purged). */
  row: Row | undefined;
  clocks: Clocks;
  /** Whether anything stored changed (row or clocks). */
  changed: boolean;
}

export function mergeChange(
  current: Row | undefined,
  clocks: Clocks,
  change: Change,
  shape: TableShape,
): MergeResult {
  const purgedAt = clocks[PURGED];
  if (purgedAt) {
    // Two devices may purge the same row: keep the latest purge, so the order they arrive in
    // does not matter. Anything else about a purged row is ignored.
    if (change.purge && change.hlc > purgedAt) return { row: undefined, clocks: { [PURGED]: change.hlc }, changed: true };
    return { row: current, clocks, changed: false };
  }
  if (change.purge) {
    return { row: undefined, clocks: { [PURGED]: change.hlc }, changed: true };
  }
  let row = current;
  let nextClocks = clocks;
  let changed = false;
  for (const [field, value] of Object.entries(change.set ?? {})) {
    if (field === shape.keyPath || shape.localFields.has(field) || field === PURGED) continue;
    const held = nextClocks[field];
    if (held !== undefined && held >= change.hlc) continue;
    if (!changed) {
      row = { ...(current ?? { [shape.keyPath]: change.row }) };
      nextClocks = { ...clocks };
      changed = true;
    }
    nextClocks[field] = change.hlc;
    if (value === null) delete row![field];
    else row![field] = value;
  }
  if (changed && row) row = withDeletionRule(row, nextClocks);
  return { row, clocks: nextClocks, changed };
}
