/** Running this page's import, and what its screens say about it (state: import-run.ts). */
import type { ImportProgress, ImportResult } from '../../db/import/import';
import { importReportInView, importRun, publishImportRun } from './import-run';

/** How often the screens are told how far an import is. */
export const PROGRESS_EVERY_MS = 250;

export function isImporting(): boolean {
  return importRun()?.phase === 'running';
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

/**
 * A screen that reports the import in full (its progress, every line not imported) is in view
 * until the returned function is called: an outcome it shows counts as read.
 */
export function showImportReport(): () => void {
  const current = importRun();
  publishImportRun(current && current.phase !== 'running' ? { ...current, seen: true } : current, +1);
  return () => publishImportRun(importRun(), -1);
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
  publishImportRun({ phase: 'running', file, done: 0, total: 1 });
  globalThis.addEventListener?.('beforeunload', holdThePage);
  // The screens hear of progress a few times a second: while staff search, a part of 25 rows
  // is written many times a second, and each word of progress is a render and a paint.
  let told = -Infinity;
  try {
    const result = await work(({ done, total }) => {
      const now = performance.now();
      if (!isImporting() || now - told < PROGRESS_EVERY_MS) return;
      told = now;
      publishImportRun({ phase: 'running', file, done, total });
    });
    publishImportRun({ phase: 'done', file, result, seen: importReportInView() });
  } catch (failure) {
    publishImportRun({ phase: 'failed', file, failure, seen: importReportInView() });
  } finally {
    globalThis.removeEventListener?.('beforeunload', holdThePage);
  }
}

/** Forgets a finished import (a new file chosen, or its notice dismissed). A running one stays. */
export function forgetImportRun(): void {
  if (importRun() && !isImporting()) publishImportRun(undefined);
}

/** Between tests: no import from an earlier one. */
export function resetImportRun(): void {
  globalThis.removeEventListener?.('beforeunload', holdThePage);
  publishImportRun(undefined);
}
