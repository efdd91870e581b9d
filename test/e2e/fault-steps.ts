/**
 * Faults made for real in chromium, for the stories in faults.test.ts: a device whose storage is
 * full (Chromium's own quota manager refuses the IndexedDB commit), another window that upgrades
 * the ledger, and an older window that holds it open at the previous schema version.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { LedgerSnapshot, StoredRow } from '../support/fixtures/ledger';
import { ledgerV1 } from '../support/fixtures/ledger-v1';
import { ledgerV2 } from '../support/fixtures/ledger-v2';
import { ledgerV3 } from '../support/fixtures/ledger-v3';
import { ledgerV4 } from '../support/fixtures/ledger-v4';
import { ledgerV5 } from '../support/fixtures/ledger-v5';
import { ledgerV6 } from '../support/fixtures/ledger-v6';
import { ledgerV7 } from '../support/fixtures/ledger-v7';
import type { BrowserSession } from './browser';
import { repoRoot } from './server';

const MB = 1024 * 1024;
const DATABASE = 'daifuku';
/** A same-origin document that is not the app, for windows that must not open the ledger themselves. */
const NOT_THE_APP = '/favicon.svg';

export interface DeviceStorage {
  /** From now on every IndexedDB commit of the app fails with QuotaExceededError. */
  fill(): Promise<void>;
  /** Room again (the cap set at launch). */
  free(): Promise<void>;
}

/**
 * The device's storage as Chromium's quota manager sees it, set through the DevTools protocol
 * (Storage.overrideQuotaForOrigin): IndexedDB itself refuses the commit, as on a tablet whose disk
 * is full. Chromium lets IndexedDB approve writes from the space it last heard of for up to 30 s
 * (BucketContext's space cache), so the origin is capped before the app first writes, and filling
 * the disk ends with a write bigger than the cap, which makes IndexedDB ask the quota manager again.
 * Call before the first page.goto.
 */
export async function limitDeviceStorage(
  { context, page, baseURL }: BrowserSession,
  capBytes = 32 * MB,
): Promise<DeviceStorage> {
  if (page.url() !== 'about:blank')
    throw new Error(
      'Cap the storage before the app opens: call limitDeviceStorage before page.goto',
    );
  // The override lives as long as this session: kept for the whole test.
  const cdp = await context.newCDPSession(page);
  const origin = new URL(baseURL).origin;
  const setQuota = (quotaSize: number) =>
    cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize });
  await setQuota(capBytes);
  return {
    async fill() {
      await prepareFiller(page);
      await setQuota(1);
      const outcome = await writeFiller(page, capBytes + MB);
      if (outcome !== 'QuotaExceededError')
        throw new Error(
          `The storage did not fill up: writing ${capBytes + MB} bytes gave ${outcome}`,
        );
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const request = indexedDB.deleteDatabase('disk-filler');
            request.onsuccess = () => resolve();
            request.onerror = () => reject(request.error ?? new Error('deleteDatabase failed'));
          }),
      );
    },
    async free() {
      await setQuota(capBytes);
    },
  };
}

/** The filler's database, made while there is still room (creating a database writes too). */
function prepareFiller(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('disk-filler', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('filler');
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
        open.onerror = () => reject(open.error ?? new Error('could not open the filler database'));
      }),
  );
}

/** Writes `bytes` in one transaction; returns 'written' or the name of the error it aborted with. */
function writeFiller(page: Page, bytes: number): Promise<string> {
  return page.evaluate(
    (size) =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('disk-filler', 1);
        open.onerror = () => resolve(`open failed: ${open.error?.name}`);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('filler', 'readwrite');
          tx.objectStore('filler').put(new Blob([new Uint8Array(size)]), 'filler');
          tx.oncomplete = () => {
            db.close();
            resolve('written');
          };
          tx.onabort = () => {
            db.close();
            resolve(tx.error?.name ?? 'aborted');
          };
        };
      }),
    bytes,
  );
}

/** The IndexedDB version of the app's database (Dexie's schema version × 10). */
export async function ledgerVersion(page: Page): Promise<number> {
  const version = await page.evaluate(
    async (name) => (await indexedDB.databases()).find((d) => d.name === name)?.version,
    DATABASE,
  );
  if (version === undefined) throw new Error('The app has not opened its database yet');
  return version;
}

/**
 * What a newer Daifuku does when it starts in another window: asks for the ledger at a higher
 * version. Every window holding the ledger is asked to let go first; once they have, this
 * window's upgrade is abandoned, so the ledger stays at today's version for the reload that
 * follows (which on a real device loads the newer build). Resolves once the windows let go, with
 * how the open ended ('blocked' if a window held on).
 */
export async function newerVersionOpensTheLedger(context: BrowserContext): Promise<string> {
  const newer = await context.newPage();
  try {
    await newer.goto(NOT_THE_APP);
    const current = await ledgerVersion(newer);
    return await newer.evaluate(
      ({ name, version }) =>
        new Promise<string>((resolve) => {
          const open = indexedDB.open(name, version);
          open.onblocked = () => resolve('blocked');
          open.onupgradeneeded = () => open.transaction?.abort();
          open.onsuccess = () => {
            open.result.close();
            resolve('upgraded');
          };
          open.onerror = () => resolve('let go');
        }),
      { name: DATABASE, version: current + 10 },
    );
  } finally {
    await newer.close();
  }
}

/** Rows of a fixture in a form page.evaluate can carry (photos' Blobs as their bytes). */
type PortableRow = Record<string, unknown>;

async function portable(rows: readonly StoredRow[]): Promise<PortableRow[]> {
  return Promise.all(
    rows.map(async (row) => {
      const copy: PortableRow = { ...row };
      for (const [field, value] of Object.entries(row)) {
        if (value instanceof Blob)
          copy[field] = {
            $bytes: [...new Uint8Array(await value.arrayBuffer())],
            type: value.type,
          };
      }
      return copy;
    }),
  );
}

/**
 * The shop's ledger as the previous app version (schema 7) wrote it: its customers, timeline,
 * consents, follow-ups, 古物台帳 and photos (ledger-v7.ts, as the migration tests use it). Left out:
 * staff (the fixture's PIN hashes match no PIN, so the counter could never be unlocked) and this
 * device's own sync bookkeeping (it names a server that does not exist).
 */
export const PREVIOUS_VERSION_LEDGER: LedgerSnapshot = {
  version: ledgerV7.version,
  stores: ledgerV7.stores,
  tables: Object.fromEntries(
    Object.entries(ledgerV7.tables).filter(
      ([table]) =>
        !['staff', 'meta', 'outbox', 'fieldClocks', 'syncState', 'restoreJournal'].includes(table),
    ),
  ),
};

/**
 * A window of the previous Daifuku left open on the tablet: it wrote the ledger at schema
 * version 7 and holds it open, and (like an app from before versionchange was handled, or a
 * frozen background tab) never lets go when a newer version asks. Closing the page lets go.
 */
export async function openOlderVersionWindow(context: BrowserContext): Promise<Page> {
  const older = await context.newPage();
  await older.goto(NOT_THE_APP);
  // The same Dexie the app uses writes the rows, with the stores of every version up to 7.
  await older.evaluate(
    await readFile(path.join(repoRoot, 'node_modules', 'dexie', 'dist', 'dexie.js'), 'utf8'),
  );
  const versions = [ledgerV1, ledgerV2, ledgerV3, ledgerV4, ledgerV5, ledgerV6, ledgerV7].map(
    ({ version, stores }) => ({ version, stores }),
  );
  const tables = Object.fromEntries(
    await Promise.all(
      Object.entries(PREVIOUS_VERSION_LEDGER.tables).map(
        async ([table, rows]) => [table, await portable(rows)] as const,
      ),
    ),
  );
  await older.evaluate(
    async ({ name, versions, tables }) => {
      interface DexieTable {
        bulkPut(rows: unknown[]): Promise<unknown>;
      }
      interface DexieDatabase {
        version(n: number): { stores(s: Record<string, string>): unknown };
        open(): Promise<unknown>;
        close(): void;
        table(name: string): DexieTable;
        transaction(mode: string, tables: string[], scope: () => Promise<void>): Promise<void>;
      }
      const Dexie = (globalThis as unknown as { Dexie: new (name: string) => DexieDatabase }).Dexie;
      const db = new Dexie(name);
      for (const { version, stores } of versions) db.version(version).stores(stores);
      await db.open();
      const revive = (row: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries(row).map(([field, value]) => {
            const bytes = (value as { $bytes?: number[]; type?: string } | null)?.$bytes;
            return [
              field,
              bytes
                ? new Blob([new Uint8Array(bytes)], { type: (value as { type: string }).type })
                : value,
            ];
          }),
        );
      await db.transaction('rw', Object.keys(tables), async () => {
        for (const [table, rows] of Object.entries(tables))
          await db.table(table).bulkPut(rows.map(revive));
      });
      db.close();
      // Held open from here on, with nothing listening for versionchange: it never lets go.
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => {
          (globalThis as unknown as { heldLedger: IDBDatabase }).heldLedger = open.result;
          resolve();
        };
        open.onerror = () => reject(open.error ?? new Error('could not open the ledger'));
      });
    },
    { name: DATABASE, versions, tables },
  );
  return older;
}
