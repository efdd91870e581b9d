/**
 * The import's worker: reads, checks and builds the cards of a file a batch at a time, off the
 * screen's thread, staying at most two batches ahead of the writes (batches.ts is the
 * other end). 50,000 rows spend about four seconds here; in the page that time added to the
 * writes, which it now overlaps.
 */
/// <reference lib="webworker" />
import { countRecords, loadFile, preparedBatches, type PreparedBatch } from './prepare';
import type { FromImportWorker, ToImportWorker } from './batches';

declare const self: DedicatedWorkerGlobalScope;

const AHEAD = 2;
let batches: Generator<PreparedBatch> | undefined;
let credit = AHEAD;

const post = (message: FromImportWorker) => self.postMessage(message);

function prepareAhead() {
  while (batches && credit > 0) {
    const next = batches.next();
    if (next.done) {
      batches = undefined;
      post({ type: 'done' });
      return;
    }
    credit--;
    post({ type: 'batch', batch: next.value });
  }
}

self.onmessage = async ({ data }: MessageEvent<ToImportWorker>) => {
  try {
    if (data.type === 'start') {
      const loaded = await loadFile(data.source);
      post({ type: 'file', format: loaded.format, encoding: loaded.encoding, total: countRecords(loaded) });
      batches = preparedBatches(loaded, data.options, data.size, data.writer);
    } else {
      credit++;
    }
    prepareAhead();
  } catch (error) {
    batches = undefined;
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
