/**
 * Starting sync on a device: from now on every write is captured (src/db/sync/capture.ts), and
 * everything written before is recorded once as a snapshot, so the first push carries the whole
 * ledger. A ledger that never starts sync never writes an outbox.
 *
 * Snapshot operations are stamped with each row's own `updatedAt` (counter 0), not with "now": when
 * two devices that were used apart merge, the value edited last wins, not the device that happened
 * to join last. The snapshot runs in small transactions (Dexie #869) and only stamps fields that
 * have no clock yet, so it can be repeated, and edits made while it runs are not overwritten.
 */
import { hlcAt, receive } from '../../lib/sync/hlc-seen';
import { changeId, fieldsOf, type Change, type Clocks, type Json, type Row } from '../../lib/sync/merge';
import { newId } from '../ids';
import type { DaifukuDB } from '../schema';
import { CLOCK_KEY, type ClockState } from './capture';
import { PHOTOS_RESENT_KEY } from './repair';
import { clockStateFor, readClockState } from './state';
import { clockIdOf, clocksOfRow, isSyncedTable, shapeOf } from './tables';
import type { FieldClockRow } from '../../model/types';
import { outboxRows } from './outbox-rows';

const SNAPSHOT_CHUNK = 1000;
/** What a fresh ledger gets at start-up; a device joining a shop with nothing else takes the shop's. */
const BOOTSTRAP_TABLES = new Set(['staff', 'settings']);

async function deviceIdOf(db: DaifukuDB): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get('deviceId');
    if (typeof row?.value === 'string') return row.value;
    const fresh = newId();
    await db.meta.put({ key: 'deviceId', value: fresh });
    return fresh;
  });
}

function syncedTables(db: DaifukuDB) {
  return db.core.schema.tables.filter(isSyncedTable);
}

/** Whether this ledger holds nothing but what start-up wrote (one owner, default settings). */
export async function holdsOnlyStartupRows(db: DaifukuDB): Promise<boolean> {
  for (const table of syncedTables(db)) {
    if (BOOTSTRAP_TABLES.has(table.name)) continue;
    if ((await db.table(table.name).count()) > 0) return false;
  }
  return true;
}

export interface StartCaptureOptions {
  /** Joining a shop with an empty ledger: drop the start-up owner and settings for the shop's. */
  adoptShopSetup?: boolean;
}

/** Turns capturing on and records everything already in the ledger. Returns the number of changes. */
export async function startCapturing(db: DaifukuDB, options: StartCaptureOptions = {}): Promise<number> {
  const deviceId = await deviceIdOf(db);
  const tables = syncedTables(db);
  await db.transaction('rw', [...tables.map((t) => t.name), 'syncState'], async () => {
    const previous = await readClockState(db);
    if (previous?.capturing) return;
    if (options.adoptShopSetup && (await holdsOnlyStartupRows(db))) {
      // Not captured yet: these rows go without a trace, and the shop's arrive with the first pull.
      for (const name of BOOTSTRAP_TABLES) if (tables.some((t) => t.name === name)) await db.table(name).clear();
    }
    await db.syncState.put(clockStateFor(deviceId, previous));
    // Photos captured from now on travel encoded: none of this device's went out as `{}`.
    await db.syncState.put({ key: PHOTOS_RESENT_KEY, value: true });
  });
  let recorded = 0;
  for (const table of tables) recorded += await snapshotTable(db, table.name);
  return recorded;
}

async function snapshotTable(db: DaifukuDB, name: string): Promise<number> {
  const schema = db.core.schema.tables.find((t) => t.name === name)!;
  const shape = shapeOf(schema);
  let after: string | undefined;
  let recorded = 0;
  for (;;) {
    const done = await db.transaction('rw', [name, 'fieldClocks', 'outbox', 'syncState'], async () => {
      const query = after === undefined ? db.table(name).toCollection() : db.table(name).where(':id').above(after);
      const rows = (await query.limit(SNAPSHOT_CHUNK).toArray()) as Row[];
      if (rows.length === 0) return true;
      after = rows[rows.length - 1]![shape.keyPath] as string;
      const keyed = rows.filter((r) => typeof r[shape.keyPath] === 'string');
      const ids = keyed.map((r) => clockIdOf(name, r[shape.keyPath] as string));
      const existing = await db.fieldClocks.bulkGet(ids);
      const clock = (await readClockState(db)) as ClockState;
      const now = Date.now();
      const outbox: Change[] = [];
      const clockRows: FieldClockRow[] = [];
      let latest = clock.hlc;
      keyed.forEach((row, i) => {
        const key = row[shape.keyPath] as string;
        // Fields a row's own clock covers (a row written whole since capturing began) have theirs.
        const clocks: Clocks = { ...clocksOfRow(row, existing[i]?.clocks, shape) };
        const editedAt = typeof row.updatedAt === 'number' ? row.updatedAt : typeof row.createdAt === 'number' ? row.createdAt : now;
        // A row dated after now (a clock that was wrong when it was written) is stamped now: the
        // server and the other devices would set a far-future stamp aside.
        const hlc = hlcAt(Math.min(editedAt, now), clock.node);
        const set: Record<string, Json> = {};
        for (const [field, value] of Object.entries(fieldsOf(row, shape))) {
          if (clocks[field]) continue;
          clocks[field] = hlc;
          set[field] = value;
        }
        if (Object.keys(set).length === 0) return;
        const change: Change = { id: changeId(hlc, name, key), table: name, row: key, hlc, set };
        outbox.push(change);
        clockRows.push({ id: clockIdOf(name, key), clocks });
        if (!latest || hlc > latest) latest = receive(latest, hlc, now);
      });
      if (outbox.length) {
        await db.outbox.bulkAdd(outboxRows(outbox));
        await db.fieldClocks.bulkPut(clockRows);
        await db.syncState.put({ ...clock, key: CLOCK_KEY, hlc: latest } satisfies ClockState);
      }
      recorded += outbox.length;
      return rows.length < SNAPSHOT_CHUNK;
    });
    if (done) return recorded;
  }
}
