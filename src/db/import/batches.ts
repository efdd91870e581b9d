/**
 * The import's prepared batches, from a worker when the browser has them (the screen's thread
 * keeps only the matching and the writes), or built in the page otherwise (tests, or a worker
 * that could not start). Either way the import reads them one at a time with `next()`.
 */
import type { ImportSource, TextEncodingName } from '../../lib/import/decode';
import {
  countRecords,
  loadFile,
  preparedBatches,
  type ImportFormat,
  type PreparedBatch,
  type ReadOptions,
  type Writer,
} from './prepare';

export type ToImportWorker =
  | { type: 'start'; source: ImportSource; options: ReadOptions; size: number; writer: Writer }
  | { type: 'more' };

export type FromImportWorker =
  | { type: 'file'; format: ImportFormat; encoding: TextEncodingName; total: number }
  | { type: 'batch'; batch: PreparedBatch }
  | { type: 'done' }
  | { type: 'failed'; message: string };

export interface PreparedFile {
  format: ImportFormat;
  encoding: TextEncodingName;
  /** Records in the file. */
  total: number;
  /** The next batch, or undefined once the file is done. */
  next(): Promise<PreparedBatch | undefined>;
  /** Stops preparing (the import is done or failed). */
  close(): void;
}

export async function prepareFile(
  source: ImportSource,
  options: ReadOptions,
  size: number,
  writer: Writer,
): Promise<PreparedFile> {
  if (typeof Worker !== 'undefined') {
    const prepared = await inWorker(source, options, size, writer);
    if (prepared) return prepared;
  }
  return inPage(source, options, size, writer);
}

async function inPage(source: ImportSource, options: ReadOptions, size: number, writer: Writer): Promise<PreparedFile> {
  const loaded = await loadFile(source);
  const batches = preparedBatches(loaded, options, size, writer);
  return {
    format: loaded.format,
    encoding: loaded.encoding,
    total: countRecords(loaded),
    next: async () => {
      const next = batches.next();
      return next.done ? undefined : next.value;
    },
    close: () => undefined,
  };
}

/** Said, not hidden: the import still works, but holds up the screen while it reads the file. */
function workerUnavailable(reason: unknown): void {
  console.error('The import worker could not start; the file is read in the page instead.', reason);
}

/** Undefined when the worker cannot start or take the file: the page then does the work. */
async function inWorker(
  source: ImportSource,
  options: ReadOptions,
  size: number,
  writer: Writer,
): Promise<PreparedFile | undefined> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'daifuku-import' });
  } catch (error) {
    workerUnavailable(error);
    return undefined;
  }
  const arrived: FromImportWorker[] = [];
  let broken: Error | undefined;
  let wake: (() => void) | undefined;
  worker.onmessage = ({ data }: MessageEvent<FromImportWorker>) => {
    arrived.push(data);
    wake?.();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    broken = new Error(event.message || 'The import worker stopped');
    wake?.();
  };
  worker.onmessageerror = () => {
    broken = new Error('The import worker sent a batch that could not be read');
    wake?.();
  };
  const receive = async (): Promise<FromImportWorker> => {
    for (;;) {
      const message = arrived.shift();
      if (message) return message;
      if (broken) throw broken;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  };
  const close = () => worker.terminate();

  let file: FromImportWorker;
  try {
    worker.postMessage({ type: 'start', source, options, size, writer } satisfies ToImportWorker);
    file = await receive();
  } catch (error) {
    // The worker's script did not load, or the file could not be handed over.
    close();
    workerUnavailable(error);
    return undefined;
  }
  if (file.type === 'failed') {
    close();
    throw new Error(file.message);
  }
  if (file.type !== 'file') {
    close();
    workerUnavailable(new Error(`Unexpected first message: ${file.type}`));
    return undefined;
  }
  let finished = false;
  return {
    format: file.format,
    encoding: file.encoding,
    total: file.total,
    async next() {
      if (finished) return undefined;
      const message = await receive();
      switch (message.type) {
        case 'batch':
          worker.postMessage({ type: 'more' } satisfies ToImportWorker);
          return message.batch;
        case 'done':
          finished = true;
          close();
          return undefined;
        case 'failed':
          throw new Error(message.message);
        default:
          throw new Error(`Unexpected message from the import worker: ${message.type}`);
      }
    },
    close,
  };
}
