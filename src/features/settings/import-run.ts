/**
 * The import running on this page, kept outside Settings: the owner starts a 50,000-row file and
 * goes back to the counter while it runs, so its progress, its report (the lines not imported) and
 * a failure must outlive the Settings screen, and every screen can say how it went.
 *
 * Free of the import's own code: the frame around every screen reads this module, and the import
 * (with its parsers) loads only with Settings.
 */
import type { ImportProgress, ImportResult } from '../../db/import/import';

export type ImportRun =
  | { phase: 'running'; file: string; done: number; total: number }
  | { phase: 'done'; file: string; result: ImportResult; seen: boolean }
  | { phase: 'failed'; file: string; failure: unknown; seen: boolean };

let current: ImportRun | undefined;
const listeners = new Set<() => void>();

function set(next: ImportRun | undefined): void {
  current = next;
  for (const listener of listeners) listener();
}

export function subscribeToImportRun(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function importRun(): ImportRun | undefined {
  return current;
}

export function isImporting(): boolean {
  return current?.phase === 'running';
}

/**
 * Closing or reloading the tab mid-import stops it where it is (the batches written stay): the
 * browser asks first.
 */
function holdThePage(event: BeforeUnloadEvent): void {
  event.preventDefault();
  // Older Chromium asks only when returnValue is set.
  event.returnValue = '';
}

/** How many screens that report an import in full are in view. */
let reportsInView = 0;

/** Whether a screen reporting the import in full is in view (no notice is needed beside it). */
export function importReportInView(): boolean {
  return reportsInView > 0;
}

/**
 * A screen that reports the import in full (its progress, every line not imported) is in view
 * until the returned function is called: an outcome it shows counts as read.
 */
export function showImportReport(): () => void {
  reportsInView++;
  if (current && current.phase !== 'running' && !current.seen) set({ ...current, seen: true });
  else set(current);
  return () => {
    reportsInView--;
    set(current);
  };
}

/**
 * Runs `work` as this page's import, one at a time. If no screen reports it in full when it ends,
 * every screen shows the outcome until it is read or dismissed.
 */
export async function runImport(
  file: string,
  work: (onProgress: (progress: ImportProgress) => void) => Promise<ImportResult>,
): Promise<void> {
  if (isImporting()) throw new Error('an import is already running');
  set({ phase: 'running', file, done: 0, total: 1 });
  globalThis.addEventListener?.('beforeunload', holdThePage);
  try {
    const result = await work(({ done, total }) => {
      if (current?.phase === 'running') set({ phase: 'running', file, done, total });
    });
    set({ phase: 'done', file, result, seen: reportsInView > 0 });
  } catch (failure) {
    set({ phase: 'failed', file, failure, seen: reportsInView > 0 });
  } finally {
    globalThis.removeEventListener?.('beforeunload', holdThePage);
  }
}

/** Forgets a finished import (a new file chosen, or its notice dismissed). A running one stays. */
export function forgetImportRun(): void {
  if (current && current.phase !== 'running') set(undefined);
}

/** Between tests: no import from an earlier one. */
export function resetImportRun(): void {
  globalThis.removeEventListener?.('beforeunload', holdThePage);
  set(undefined);
}
