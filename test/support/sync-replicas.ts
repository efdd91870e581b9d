/**
 * Sync test bench: several devices (each its own DaifukuDB on fake-indexeddb) and a shop server
 * (the real SyncService on in-memory storage), with a transport that can lose requests, lose
 * answers and repeat them. The writes mirror the app's own (src/db/customers/customers.ts, visits.ts) on a
 * given database, so derived fields come out exactly as the app would write them.
 */
import { Dexie } from 'dexie';
import { MemoryStorage } from '../../server/sync/memory-storage';
import type { PullResponse, WireChange } from '../../server/sync/protocol';
import { SyncService, SyncServiceError } from '../../server/sync/service';
import type { StoredDevice } from '../../server/sync/storage';
import { summarizeVisits } from '../../src/lib/visit-summary';
import { DEFAULT_STAGE_RULES } from '../../src/lib/stages';
import { withDerivedFields } from '../../src/db/customers/customer-row';
import { newId } from '../../src/db/ids';
import { DaifukuDB } from '../../src/db/schema';
import { markApplyingRemote } from '../../src/db/sync/capture';
import { startCapturing } from '../../src/db/sync/snapshot';
import { clockIdOf, clocksOfRow, LOCAL_FIELDS, ROW_CLOCK, ROW_EDITS, shapeOf, syncedTableNames } from '../../src/db/sync/tables';
import type { Customer, CustomerFields, Visit } from '../../src/model/types';
import { SyncRequestError, type SyncTransport } from '../../src/sync/http-api';

export type Fault = 'none' | 'lose-request' | 'lose-answer' | 'repeat';

/** Talks to the service as the HTTP client would, failing as the schedule says. */
export class FaultyTransport implements SyncTransport {
  faults: Fault[] = [];
  pageLimit?: number;

  constructor(
    private service: SyncService,
    /** The device's token: each call authenticates it, as the HTTP routes do. */
    readonly token: string,
    readonly device: StoredDevice,
  ) {}

  private nextFault(): Fault {
    return this.faults.shift() ?? 'none';
  }

  private async authenticated(): Promise<StoredDevice> {
    try {
      return await this.service.authenticate(this.token);
    } catch (error) {
      if (error instanceof SyncServiceError && error.status === 401) throw new SyncRequestError('unauthorized', 401);
      throw error;
    }
  }

  async push(changes: WireChange[]) {
    const fault = this.nextFault();
    if (fault === 'lose-request') throw new SyncRequestError('unreachable');
    const device = await this.authenticated();
    const result = await this.service.push(device, structuredClone(changes));
    if (fault === 'repeat') await this.service.push(device, structuredClone(changes));
    if (fault === 'lose-answer') throw new SyncRequestError('unreachable');
    return result;
  }

  async pull(after: number, limit: number): Promise<PullResponse> {
    const fault = this.nextFault();
    if (fault === 'lose-request') throw new SyncRequestError('unreachable');
    const page = await this.service.pull(await this.authenticated(), after, this.pageLimit ?? limit);
    if (fault === 'lose-answer') throw new SyncRequestError('unreachable');
    return structuredClone(page);
  }
}

export interface Replica {
  db: DaifukuDB;
  transport: FaultyTransport;
  /** Milliseconds this device's clock is off by. */
  skew: number;
}

export async function openReplicaDatabases(count: number, prefix: string): Promise<DaifukuDB[]> {
  const dbs: DaifukuDB[] = [];
  for (let i = 0; i < count; i++) {
    const db = new DaifukuDB(`${prefix}-${i}`);
    await db.open();
    dbs.push(db);
  }
  return dbs;
}

/** Empties a database without capturing the emptying (sync state first, so capture is off). */
export async function wipe(db: DaifukuDB): Promise<void> {
  await db.transaction('rw', db.tables, async (tx) => {
    markApplyingRemote(tx.idbtrans);
    for (const table of db.tables) await table.clear();
  });
}

/** A shop: the first database starts sync and pairs the others. */
export async function pairedShop(dbs: DaifukuDB[], skews: readonly number[] = []): Promise<{ service: SyncService; replicas: Replica[] }> {
  const service = new SyncService(new MemoryStorage());
  const owner = await service.createShop('device 0');
  const replicas: Replica[] = [];
  for (const [i, db] of dbs.entries()) {
    const joined = i === 0 ? owner : await service.pair((await service.createPairingCode(await service.authenticate(owner.token))).code, `device ${i}`);
    const device = await service.authenticate(joined.token);
    await startCapturing(db);
    replicas.push({ db, transport: new FaultyTransport(service, joined.token, device), skew: skews[i] ?? 0 });
  }
  return { service, replicas };
}

/** Runs `work` with this device's clock skew applied to Date.now. */
export async function onDevice<T>(replica: Replica, work: () => Promise<T>): Promise<T> {
  const realNow = Date.now.bind(Date);
  const spy = Date.now;
  Date.now = () => realNow() + replica.skew;
  try {
    return await work();
  } finally {
    Date.now = spy;
  }
}

// --- the app's writes, on a given database ---------------------------------------------------

function customerFields(name: string): CustomerFields {
  return { name, reading: '', phones: [], email: '', handles: [], address: '', tags: [], about: '' };
}

export async function createCustomer(db: DaifukuDB, name: string, id = newId()): Promise<string> {
  const now = Date.now();
  await db.customers.add({
    id,
    createdAt: now,
    updatedAt: now,
    ...withDerivedFields(customerFields(name)),
    activityAt: now,
    visitTimes: [],
    referredCount: 0,
    talkAbout: [],
  });
  return id;
}

export async function editCustomer(db: DaifukuDB, id: string, patch: Partial<CustomerFields>): Promise<boolean> {
  return db.transaction('rw', db.customers, async () => {
    const existing = await db.customers.get(id);
    if (!existing || existing.deletedAt) return false;
    await db.customers.put({ ...existing, ...withDerivedFields({ ...existing, ...patch }), updatedAt: Date.now() });
    return true;
  });
}

export async function deleteCustomer(db: DaifukuDB, id: string): Promise<void> {
  await db.transaction('rw', db.customers, async () => {
    const existing = await db.customers.get(id);
    if (!existing || existing.deletedAt) return;
    // As the app's deleteCustomer: the derived index fields leave with the card.
    const { sortKey: _s, activityAt: _a, birthMonthDay: _b, lapseAt: _l, ...rest } = existing;
    const now = Date.now();
    await db.customers.put({ ...rest, updatedAt: now, deletedAt: now, searchKeys: [], searchRanks: [] });
  });
}

/** As the app's refreshVisitSummary, on a given database (the replicas keep the default stage rules). */
async function refreshLastVisit(db: DaifukuDB, customerId: string): Promise<void> {
  const visits = await db.visits
    .where('[customerId+at]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .toArray();
  const summary = summarizeVisits(visits, DEFAULT_STAGE_RULES);
  const customer = await db.customers.get(customerId);
  if (customer && !customer.deletedAt) {
    await db.customers.update(customerId, {
      visitTimes: summary.visitTimes,
      lastVisitAt: summary.lastVisitAt,
      lapseAt: summary.lapseAt,
      activityAt: Math.max(customer.createdAt, summary.lastVisitAt ?? 0),
    });
  }
}

export async function restoreCustomer(db: DaifukuDB, id: string): Promise<void> {
  await db.transaction('rw', db.customers, db.visits, async () => {
    const existing = await db.customers.get(id);
    if (!existing || !existing.deletedAt) return;
    const { deletedAt: _d, ...rest } = existing;
    await db.customers.put({ ...rest, ...withDerivedFields(rest), updatedAt: Date.now() });
    await refreshLastVisit(db, id);
  });
}

export async function recordVisit(db: DaifukuDB, customerId: string, note: string, at: number): Promise<string | undefined> {
  const now = Date.now();
  const visit: Visit = { id: newId(), createdAt: now, updatedAt: now, customerId, at, kind: 'purchase', note };
  return db.transaction('rw', db.visits, db.customers, async () => {
    const customer = await db.customers.get(customerId);
    if (!customer || customer.deletedAt) return undefined;
    await db.visits.add(visit);
    await refreshLastVisit(db, customerId);
    return visit.id;
  });
}

export async function editVisit(db: DaifukuDB, id: string, patch: Partial<Pick<Visit, 'note' | 'at'>>): Promise<void> {
  await db.transaction('rw', db.visits, db.customers, async () => {
    const existing = await db.visits.get(id);
    if (!existing || existing.deletedAt) return;
    await db.visits.put({ ...existing, updatedAt: Date.now(), ...patch });
    await refreshLastVisit(db, existing.customerId);
  });
}

export async function deleteVisit(db: DaifukuDB, id: string): Promise<void> {
  await db.transaction('rw', db.visits, db.customers, async () => {
    const existing = await db.visits.get(id);
    if (!existing || existing.deletedAt) return;
    const now = Date.now();
    await db.visits.put({ ...existing, updatedAt: now, deletedAt: now });
    await refreshLastVisit(db, existing.customerId);
  });
}

/** Erasing a note for good (as a deletion on request would), keeping the card's last visit right. */
export async function eraseVisit(db: DaifukuDB, id: string): Promise<void> {
  await db.transaction('rw', db.visits, db.customers, async () => {
    const existing = await db.visits.get(id);
    if (!existing) return;
    await db.visits.delete(id);
    await refreshLastVisit(db, existing.customerId);
  });
}

/** What must be identical on every device after a full sync: synced fields, and what shows. */
export async function visibleState(db: DaifukuDB): Promise<Record<string, unknown[]>> {
  const state: Record<string, unknown[]> = {};
  // Each row's clocks, wherever this device keeps them (a field clocks row, or the row itself).
  const clocks = new Map((await db.fieldClocks.toArray()).map((row) => [row.id, row.clocks]));
  for (const table of syncedTableNames(db.core.schema).sort()) {
    const local = new Set(LOCAL_FIELDS[table] ?? []);
    const schema = db.core.schema.tables.find((t) => t.name === table)!;
    const rows = (await db.table(table).toArray()) as Record<string, unknown>[];
    state[table] = rows.map((row) => {
      const id = clockIdOf(table, row[schema.primaryKey.keyPath as string] as string);
      const held = clocksOfRow(row, clocks.get(id), shapeOf(schema));
      if (held) clocks.set(id, held);
      const kept: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(row)) {
        // Derived fields must match too, except on deleted cards where nothing shows them.
        if (field === ROW_CLOCK || field === ROW_EDITS || (local.has(field) && (table !== 'customers' || row.deletedAt))) continue;
        kept[field] = value;
      }
      return kept;
    });
  }
  state.fieldClocks = [...clocks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, of]) => ({ id, clocks: of }));
  return state;
}

export type { Customer };
