// @vitest-environment node
/**
 * Convergence under a hostile network, as Actual Budget's sync property tests do: 3 to 5 devices
 * of one shop edit, delete and restore the same customers and notes (often the same field at
 * once), with clocks that disagree, while the transport loses requests, loses answers and repeats
 * pushes, and pulls come in pages of random size. After a final full sync every device must hold
 * exactly the same ledger.
 *
 * SYNC_SCHEDULES sets the number of schedules (default 1,000). To replay a failure, pass the seed
 * and path fast-check printed as SYNC_SEED and SYNC_PATH: the failing step's error is then logged.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCustomer,
  deleteCustomer,
  deleteVisit,
  editCustomer,
  editVisit,
  eraseVisit,
  onDevice,
  openReplicaDatabases,
  pairedShop,
  recordVisit,
  restoreCustomer,
  visibleState,
  wipe,
  type Fault,
  type Replica,
} from '../../test/support/sync-replicas';
import type { DaifukuDB } from '../db/schema';
import { SyncRequestError } from './http-api';
import { syncRound } from './engine';
import { countPending } from '../db/sync/outbox';

const SCHEDULES = Number(process.env.SYNC_SCHEDULES ?? 1000);
const MAX_DEVICES = 5;

type Step =
  | { kind: 'create'; device: number; name: string }
  | { kind: 'edit'; device: number; target: number; field: 'name' | 'about' | 'tags'; value: string }
  | { kind: 'delete' | 'restore'; device: number; target: number }
  | { kind: 'visit'; device: number; target: number; note: string; at: number }
  | { kind: 'editVisit'; device: number; target: number; note: string }
  | { kind: 'deleteVisit' | 'purgeVisit'; device: number; target: number }
  | { kind: 'setting'; device: number; value: string }
  | { kind: 'sync'; device: number; faults: Fault[]; pageLimit: number };

const device = fc.nat(MAX_DEVICES - 1);
const target = fc.nat(7);
const word = fc.constantFrom('Hana', 'Ken', 'Yui', '花子', 'けん', '');
const fault = fc.constantFrom<Fault>('none', 'none', 'lose-request', 'lose-answer', 'repeat');

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const), device, name: word }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('edit' as const), device, target, field: fc.constantFrom('name' as const, 'about' as const, 'tags' as const), value: word }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('delete' as const, 'restore' as const), device, target }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('visit' as const), device, target, note: word, at: fc.integer({ min: 0, max: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('editVisit' as const), device, target, note: word }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('deleteVisit' as const, 'purgeVisit' as const), device, target }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('setting' as const), device, value: word }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('sync' as const), device, faults: fc.array(fault, { maxLength: 3 }), pageLimit: fc.integer({ min: 1, max: 4 }) }),
  },
);

const schedule = fc.record({
  devices: fc.integer({ min: 3, max: MAX_DEVICES }),
  skews: fc.array(fc.integer({ min: -120_000, max: 120_000 }), { minLength: MAX_DEVICES, maxLength: MAX_DEVICES }),
  steps: fc.array(step, { minLength: 1, maxLength: 14 }),
});

async function pick(keys: Promise<string[]>, index: number): Promise<string | undefined> {
  const all = (await keys).sort();
  return all.length ? all[index % all.length] : undefined;
}

const BASE_TIME = Date.UTC(2026, 3, 1);

async function run(replica: Replica, s: Step): Promise<void> {
  const { db } = replica;
  const customer = () => pick(db.customers.toCollection().primaryKeys(), s.kind === 'sync' ? 0 : 'target' in s ? s.target : 0);
  const visit = () => pick(db.visits.toCollection().primaryKeys(), 'target' in s ? s.target : 0);
  switch (s.kind) {
    case 'create':
      await createCustomer(db, s.name);
      return;
    case 'edit': {
      const id = await customer();
      if (id) await editCustomer(db, id, s.field === 'tags' ? { tags: s.value ? [s.value] : [] } : { [s.field]: s.value });
      return;
    }
    case 'delete':
    case 'restore': {
      const id = await customer();
      if (id) await (s.kind === 'delete' ? deleteCustomer(db, id) : restoreCustomer(db, id));
      return;
    }
    case 'visit': {
      const id = await customer();
      if (id) await recordVisit(db, id, s.note, BASE_TIME + s.at * 3_600_000);
      return;
    }
    case 'editVisit': {
      const id = await visit();
      if (id) await editVisit(db, id, { note: s.note });
      return;
    }
    case 'deleteVisit': {
      const id = await visit();
      if (id) await deleteVisit(db, id);
      return;
    }
    case 'purgeVisit': {
      const id = await visit();
      if (id) await eraseVisit(db, id);
      return;
    }
    case 'setting':
      await db.settings.put({ key: 'shopName', value: s.value, updatedAt: Date.now() });
      return;
    case 'sync':
      replica.transport.faults = [...s.faults];
      replica.transport.pageLimit = s.pageLimit;
      try {
        await syncRound(db, replica.transport);
      } catch (error) {
        if (!(error instanceof SyncRequestError)) throw error;
      }
      replica.transport.faults = [];
      replica.transport.pageLimit = undefined;
  }
}

async function syncEveryone(replicas: Replica[]): Promise<void> {
  // Twice round: the first pass carries every push to the server, the second brings them all back.
  for (let pass = 0; pass < 2; pass++) {
    for (const replica of replicas) {
      await onDevice(replica, () => syncRound(replica.db, replica.transport)).catch((error: unknown) => {
        if (process.env.SYNC_SEED) console.log('sync', replicas.indexOf(replica), error instanceof Error ? error.stack : error);
        throw error;
      });
    }
  }
}

describe('every device ends up with the same ledger', () => {
  let dbs: DaifukuDB[];

  beforeAll(async () => {
    dbs = await openReplicaDatabases(MAX_DEVICES, 'convergence');
  });

  afterAll(async () => {
    for (const db of dbs) await db.delete();
  });

  it(`after ${SCHEDULES} random schedules of edits, deletes, clock skew, lost and repeated requests`, async () => {
    const started = performance.now();
    let devicesUsed = 0;
    await fc.assert(
      fc.asyncProperty(schedule, async ({ devices, skews, steps }) => {
        const used = dbs.slice(0, devices);
        for (const db of used) await wipe(db);
        const { replicas } = await pairedShop(used, skews);
        devicesUsed += devices;
        // Two customers everybody knows, so devices edit the same rows and fields.
        const first = replicas[0]!;
        await onDevice(first, async () => {
          await createCustomer(first.db, '田中 花子');
          await createCustomer(first.db, 'John Smith');
        });
        await syncEveryone(replicas);

        for (const s of steps) {
          const replica = replicas[s.device % devices]!;
          await onDevice(replica, () => run(replica, s)).catch((error: unknown) => {
            if (process.env.SYNC_SEED) console.log(JSON.stringify(s), error instanceof Error ? error.stack : error);
            throw error;
          });
        }
        await syncEveryone(replicas);

        const states = await Promise.all(replicas.map((r) => visibleState(r.db)));
        for (const [i, state] of states.entries()) expect(state, `device ${i} differs from device 0`).toStrictEqual(states[0]);
        for (const r of replicas) expect(await countPending(r.db)).toBe(0);
      }),
      {
        numRuns: SCHEDULES,
        ...(process.env.SYNC_SEED ? { seed: Number(process.env.SYNC_SEED), path: process.env.SYNC_PATH, endOnFailure: true } : {}),
      },
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`convergence: ${SCHEDULES} schedules, ${devicesUsed} devices in all, ${seconds.toFixed(1)} s`);
  }, 600_000);
});
