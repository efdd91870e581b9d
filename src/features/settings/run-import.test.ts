import { describe, expect, it, vi } from 'vitest';
import type { ImportResult } from '../../db/import/import';
import { importRun, subscribeToImportRun } from './import-run';
import { forgetImportRun, runImport, showImportReport } from './run-import';

const RESULT: ImportResult = { format: 'csv', encoding: 'utf-8', imported: 3, updated: 0, unchanged: 0, bad: [], likelyDuplicates: [] };

describe('the import as every screen sees it', () => {
  it('tells the screens how far it is a few times a second, not at every part written', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const told: number[] = [];
    const stop = subscribeToImportRun(() => {
      const run = importRun();
      if (run?.phase === 'running') told.push(run.done);
    });
    try {
      await runImport('big.csv', async (onProgress) => {
        // Parts of 25 rows, written 2 ms apart while staff search.
        for (let done = 25; done <= 5_000; done += 25) {
          onProgress({ done, total: 5_000 });
          vi.advanceTimersByTime(2);
        }
        return RESULT;
      });
    } finally {
      stop();
      vi.useRealTimers();
    }
    // 200 parts over 400 ms: the start, then one word every 250 ms.
    expect(told).toEqual([0, 25, 3_150]);
    expect(importRun()).toMatchObject({ phase: 'done', seen: false });
  });

  it('counts an outcome as read once a screen reporting it in full is open, and forgets it when asked', async () => {
    await runImport('small.csv', () => Promise.resolve(RESULT));
    expect(importRun()).toMatchObject({ phase: 'done', seen: false });
    const close = showImportReport();
    expect(importRun()).toMatchObject({ phase: 'done', seen: true });
    close();
    forgetImportRun();
    expect(importRun()).toBeUndefined();
  });
});
