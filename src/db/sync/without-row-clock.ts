/**
 * Rows as they leave this device in a file (a backup, a person's data export), or come in from
 * one: without the clock a row may hold for this device's sync. Kept apart from tables.ts, which
 * every write needs on the first screen, and this only the owner's screens.
 */
import { ROW_CLOCK } from './tables';
/** `row` without the clock it may hold (ROW_CLOCK): as a backup file or a person's data export shows it. */
export function withoutRowClock<T extends object>(row: T): T {
  if (!(ROW_CLOCK in row)) return row;
  const { [ROW_CLOCK]: _clock, ...rest } = row as T & { [ROW_CLOCK]?: unknown };
  return rest as T;
}
