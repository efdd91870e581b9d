// @vitest-environment node
/**
 * The import's worker and the page's end of it (batches.ts), wired together in-process:
 * the worker module runs against a stand-in for its global scope, and every message is
 * structured-cloned as a browser would. The real browser path is covered by the end-to-end import.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../db';
import { importCustomers } from './import';
import type { FromImportWorker, ToImportWorker } from './batches';
import { findCustomers } from '../queries';

const ctx = { staffId: 'staff-1' };

const CSV = [
  'name,reading,phone,email',
  '田中 花子,たなか はなこ,090-1111-2222,',
  '佐藤 健,さとう けん,090-3333-4444,',
  'No Email Person,,080-5555-6666,not-an-email',
  '山田 太郎,やまだ たろう,,taro@example.jp',
  ',,080-9999-0000,',
  '鈴木 一郎,すずき いちろう,070-7777-8888,',
  // The same person again, with the email the first row lacked.
  '田中 花子,たなか はなこ,090-1111-2222,hana@example.jp',
].join('\n');

/** What passed between the page and the worker, in order. */
let traffic: ('batch' | 'more')[] = [];

let instances = 0;

/** A worker whose script runs in this process, one at a time. */
class InProcessWorker {
  onmessage: ((event: { data: FromImportWorker }) => void) | null = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  private stopped = false;
  private readonly scope: { postMessage(message: FromImportWorker): void; onmessage?: (event: { data: ToImportWorker }) => void };
  private readonly started: Promise<void>;

  constructor() {
    this.scope = {
      postMessage: (message) => {
        if (message.type === 'batch') traffic.push('batch');
        const copy = structuredClone(message);
        setTimeout(() => !this.stopped && this.onmessage?.({ data: copy }));
      },
    };
    vi.stubGlobal('self', this.scope);
    // A module instance of its own (its state is the worker's), sharing everything it imports.
    const script = `./worker?instance=${++instances}`;
    this.started = import(/* @vite-ignore */ script).then(() => undefined);
  }

  postMessage(message: ToImportWorker) {
    if (message.type === 'more') traffic.push('more');
    const copy = structuredClone(message);
    void this.started.then(() => setTimeout(() => !this.stopped && this.scope.onmessage?.({ data: copy })));
  }

  terminate() {
    this.stopped = true;
  }
}

beforeEach(() => {
  traffic = [];
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('a file read in the import worker', () => {
  it('imports exactly what reading it in the page imports, the worker never more than two batches ahead', async () => {
    const inPage = await importCustomers(CSV, { ctx, batchSize: 2 });
    await db.customers.clear();

    vi.stubGlobal('Worker', InProcessWorker);
    const inWorker = await importCustomers(CSV, { ctx, batchSize: 2 });

    expect(inWorker).toEqual(inPage);
    expect(inWorker).toMatchObject({ imported: 4, updated: 1 });
    expect(inWorker.bad.map((b) => b.line)).toEqual([4, 6]);
    expect((await findCustomers('tanaka')).map((m) => m.customer.email)).toEqual(['hana@example.jp']);
    // Four batches of two records; each one taken lets the worker prepare one more.
    expect(traffic.filter((t) => t === 'batch')).toHaveLength(4);
    let ahead = 0;
    let most = 0;
    for (const step of traffic) {
      ahead += step === 'batch' ? 1 : -1;
      most = Math.max(most, ahead);
    }
    expect(most).toBe(2);
  });

  it('when the worker cannot start, reads the file in the page and says so in the console', async () => {
    class BrokenWorker {
      onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
      postMessage() {
        setTimeout(() => this.onerror?.({ message: 'Failed to load the worker script', preventDefault: () => undefined }));
      }
      terminate() {}
    }
    vi.stubGlobal('Worker', BrokenWorker);
    const said = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const result = await importCustomers(CSV, { ctx });

    expect(result).toMatchObject({ imported: 4, updated: 1 });
    expect(said).toHaveBeenCalledWith(expect.stringContaining('The import worker could not start'), expect.any(Error));
  });

  it('fails the import with the worker’s reason when it cannot read the file, writing nothing', async () => {
    class RefusingWorker {
      onmessage: ((event: { data: FromImportWorker }) => void) | null = null;
      postMessage() {
        setTimeout(() => this.onmessage?.({ data: { type: 'failed', message: 'The file could not be read' } }));
      }
      terminate() {}
    }
    vi.stubGlobal('Worker', RefusingWorker);

    await expect(importCustomers(CSV, { ctx })).rejects.toThrow('The file could not be read');
    expect(await db.customers.count()).toBe(0);
  });
});
