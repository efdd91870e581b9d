/**
 * The import running on this page, kept outside Settings: the owner starts a 50,000-row file and
 * goes back to the counter while it runs, so its progress, its report (the lines not imported) and
 * a failure must outlive the Settings screen, and every screen can say how it went.
 *
 * Only the state, which the frame around every screen reads: running an import (run-import.ts)
 * loads with Settings, as does the import's own code.
 */
import type { ImportResult } from '../../db/import/import';

export type ImportRun =
  | { phase: 'running'; file: string; done: number; total: number }
  | { phase: 'done'; file: string; result: ImportResult; seen: boolean }
  | { phase: 'failed'; file: string; failure: unknown; seen: boolean };

let current: ImportRun | undefined;
/** How many screens that report an import in full are in view. */
let reportsInView = 0;
const listeners = new Set<() => void>();

export function subscribeToImportRun(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function importRun(): ImportRun | undefined {
  return current;
}

/** Whether a screen reporting the import in full is in view (no notice is needed beside it). */
export function importReportInView(): boolean {
  return reportsInView > 0;
}

/** For run-import.ts: the new state, and a change in how many full reports are in view. */
export function publishImportRun(next: ImportRun | undefined, reportsChange = 0): void {
  current = next;
  reportsInView += reportsChange;
  for (const listener of listeners) listener();
}
