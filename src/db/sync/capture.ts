/**
 * Captures every local write to a synced table as operations in the outbox, inside the write's own
 * transaction (a Dexie DBCore middleware, after dexie-cloud's mutation tracking). No feature has to
 * remember to: a write that commits has its operations committed with it, and a write that fails
 * leaves none behind.
 *
 * - Every read-write transaction that touches a synced table also takes the outbox, the field
 *   clocks and the sync state into its scope.
 * - Each put/add reads the row as it was (through the lower layer, in the same transaction), diffs
 *   it with the new value, stamps the changed fields with one new HLC timestamp, and records them.
 *   A hard delete becomes a purge.
 * - Nothing is captured until this device starts sync (the sync state says so; read once per
 *   transaction so another tab that started sync is honoured at once). Starting sync records a
 *   snapshot of what was there before (src/db/sync/snapshot.ts). A ledger that never syncs writes
 *   no outbox at all.
 * - Changes applied from other devices (src/db/sync/apply.ts) and schema upgrades are not captured.
 */
import type {
  DBCore,
  DBCoreRangeType,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import { changeId, diffRow, holdsSyncedField, PURGED, withDeletionRule, type Change, type Clocks, type Row } from '../../lib/sync/merge';
import { tick } from '../../lib/sync/hlc';
import {
  clockIdOf,
  clocksOfRow,
  FIELD_CLOCKS,
  isSyncedTable,
  OUTBOX,
  ROW_CLOCK,
  ROW_EDITS,
  shapeOf,
  SYNC_BOOKKEEPING_TABLES,
  SYNC_STATE,
  withoutRowClock,
} from './tables';
import type { FieldClockRow } from '../../model/types';
import { outboxRows, type OutboxEntry } from './outbox-rows';

export const CLOCK_KEY = 'clock';

/** This device's clock and whether it captures changes (sync state row `clock`). */
export type ClockState = {
  key: typeof CLOCK_KEY;
  capturing: boolean;
  /** The HLC node of this device (from its device id). */
  node: string;
  /** The latest timestamp this device has made or seen. */
  hlc?: string;
  /** Set once a row here has held its own clock (ROW_CLOCK): a pull then reads rows without field clocks. */
  rowClocks?: true;
};

/** Rows added at once from which their clocks are looked for by one range read (see clocksOfNewRows). */
const RANGE_READ_FROM = 8;
/** DBCoreRangeType.Range: a const enum, which this build cannot read from Dexie's types. */
const RANGE = 2 as DBCoreRangeType;

const opened = new WeakSet<DBCoreTransaction>();
const applyingRemote = new WeakSet<DBCoreTransaction>();
const clockStates = new WeakMap<DBCoreTransaction, Promise<ClockState | undefined>>();

/** Marks a transaction as applying other devices' changes: those must not be sent back out. */
export function markApplyingRemote(trans: DBCoreTransaction): void {
  applyingRemote.add(trans);
}

function readClock(trans: DBCoreTransaction, stateTable: DBCoreTable): Promise<ClockState | undefined> {
  let pending = clockStates.get(trans);
  if (!pending) {
    pending = stateTable.get({ trans, key: CLOCK_KEY }) as Promise<ClockState | undefined>;
    clockStates.set(trans, pending);
  }
  return pending;
}

/** The clocks `row` holds itself (ROW_CLOCK, and ROW_EDITS if any), to keep in what is written over it. */
function clocksHeldBy(row: Row): Row {
  const held: Row = { [ROW_CLOCK]: row[ROW_CLOCK] };
  if (row[ROW_EDITS]) held[ROW_EDITS] = row[ROW_EDITS];
  return held;
}

function rowKeyOf(value: unknown, keyPath: string): string | undefined {
  const key = (value as Row | undefined)?.[keyPath];
  return typeof key === 'string' ? key : undefined;
}

export function syncCaptureMiddleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'sync-outbox',
    create(down) {
      const synced = new Set(down.schema.tables.filter(isSyncedTable).map((t) => t.name));
      const hasBookkeeping = SYNC_BOOKKEEPING_TABLES.every((name) => down.schema.tables.some((t) => t.name === name));
      if (!hasBookkeeping) return down;
      const outbox = down.table(OUTBOX);
      const fieldClocks = down.table(FIELD_CLOCKS);
      const syncState = down.table(SYNC_STATE);

      return {
        ...down,
        transaction(stores, mode, options) {
          if (mode !== 'readwrite' || !stores.some((s) => synced.has(s))) {
            return down.transaction(stores, mode, options);
          }
          const trans = down.transaction([...new Set([...stores, ...SYNC_BOOKKEEPING_TABLES])], mode, options);
          opened.add(trans);
          return trans;
        },
        table(name) {
          const table = down.table(name);
          if (!synced.has(name)) return table;
          const shape = shapeOf(table.schema);

          /**
           * The clocks of rows being added: almost always none (new rows have new ids). Ids are
           * time-ordered (UUIDv7), so the rows of one write span a narrow range of keys: one read
           * of that range, which holds no other rows or few, rather than a request per row (an
           * import's batch of 2,000 cards asked 2,000 times for nothing). A range that holds more
           * than the write's own rows is read row by row as before.
           */
          async function clocksOfNewRows(trans: DBCoreTransaction, ids: string[]): Promise<unknown[]> {
            if (ids.length < RANGE_READ_FROM) return fieldClocks.getMany({ trans, keys: ids });
            let lower = ids[0]!;
            let upper = ids[0]!;
            for (const id of ids) {
              if (id < lower) lower = id;
              if (id > upper) upper = id;
            }
            const found = await fieldClocks.query({
              trans,
              values: true,
              limit: ids.length + 1,
              query: {
                index: fieldClocks.schema.primaryKey,
                range: { type: RANGE, lower, upper, lowerOpen: false, upperOpen: false },
              },
            });
            if (found.result.length > ids.length) return fieldClocks.getMany({ trans, keys: ids });
            const byId = new Map((found.result as FieldClockRow[]).map((row) => [row.id, row]));
            return ids.map((id) => byId.get(id));
          }

          async function capture(req: DBCoreMutateRequest, clock: ClockState): Promise<DBCoreMutateResponse> {
            const { trans } = req;
            if (req.type === 'deleteRange') {
              const found = await table.query({ trans, query: { index: table.schema.primaryKey, range: req.range }, values: false });
              return capture({ type: 'delete', trans, keys: found.result }, clock);
            }
            const values = req.type === 'delete' ? [] : [...req.values];
            const keys = req.type === 'delete' ? req.keys : values.map((v) => rowKeyOf(v, shape.keyPath));
            const syncKeys = keys.filter((k): k is string => typeof k === 'string');
            const clockIds = syncKeys.map((k) => clockIdOf(name, k));
            const [before, clockRows] = await Promise.all([
              req.type === 'add' ? Promise.resolve([]) : table.getMany({ trans, keys: syncKeys }),
              req.type === 'add' ? clocksOfNewRows(trans, clockIds) : fieldClocks.getMany({ trans, keys: clockIds }),
            ]);
            const beforeByKey = new Map<string, Row | undefined>(syncKeys.map((k, i) => [k, before[i] as Row | undefined]));
            const clocksByKey = new Map<string, Clocks | undefined>(
              syncKeys.map((k, i) => [k, (clockRows[i] as FieldClockRow | undefined)?.clocks]),
            );

            // Changes by request position, so failed positions can be left out after the write.
            // `clocks` is absent where the row holds them: one written whole (ROW_CLOCK), which
            // the outbox names rather than copying its fields (WrittenWhole), and one edited since
            // (ROW_EDITS).
            const changes = new Map<number, { change: OutboxEntry; clocks?: Clocks }>();
            keys.forEach((key, i) => {
              if (typeof key !== 'string') return;
              const previous = beforeByKey.get(key);
              if (req.type === 'delete') {
                if (!previous) return;
                const hlc = (clock.hlc = tick(clock.hlc, clock.node, Date.now()));
                changes.set(i, { change: { id: changeId(hlc, name, key), table: name, row: key, hlc, purge: true }, clocks: { [PURGED]: hlc } });
                return;
              }
              const value = values[i] as Row;
              const held = clocksOfRow(previous, clocksByKey.get(key), shape);
              if (!previous && !held) {
                // A row with nothing that syncs has nothing to send.
                if (!holdsSyncedField(value, shape)) return;
                const hlc = (clock.hlc = tick(clock.hlc, clock.node, Date.now()));
                values[i] = { ...withoutRowClock(value), [ROW_CLOCK]: hlc };
                clock.rowClocks = true;
                changes.set(i, { change: { whole: true, table: name, row: key, hlc } });
                return;
              }
              const set = diffRow(previous, value, shape);
              // The clocks the row holds itself, as long as it has no field clocks row.
              const inRow = clocksByKey.get(key) ? undefined : (previous?.[ROW_CLOCK] as string | undefined);
              if (!set) {
                // Its synced fields stand as they were, and so do the clocks the row held for them.
                if (inRow) values[i] = { ...withoutRowClock(value), ...clocksHeldBy(previous!) };
                return;
              }
              const hlc = (clock.hlc = tick(clock.hlc, clock.node, Date.now()));
              const change: Change = { id: changeId(hlc, name, key), table: name, row: key, hlc, set };
              const clocks = { ...held };
              const edits = { ...(previous?.[ROW_EDITS] as Clocks | undefined) };
              for (const field in set) clocks[field] = edits[field] = hlc;
              // Applied here too, so this device shows what every other device will.
              const next = withoutRowClock(withDeletionRule(value, clocks));
              values[i] = inRow ? { ...next, [ROW_CLOCK]: inRow, [ROW_EDITS]: edits } : next;
              changes.set(i, inRow ? { change } : { change, clocks });
            });
            const write = req.type === 'delete' ? req : { ...req, values };
            if (changes.size === 0) return table.mutate(write);

            const response = await table.mutate(write);
            const committed = [...changes].filter(([i]) => !response.failures[i]).map(([, c]) => c);
            if (committed.length > 0) {
              const written = committed.filter(({ clocks }) => clocks);
              await Promise.all([
                outbox.mutate({ type: 'add', trans, values: outboxRows(committed.map(({ change }) => change)) }),
                fieldClocks.mutate({
                  type: 'put',
                  trans,
                  values: written.map(({ change, clocks }): FieldClockRow => ({ id: clockIdOf(name, change.row), clocks: clocks! })),
                }),
                syncState.mutate({ type: 'put', trans, values: [clock] }),
              ]);
            }
            return response;
          }

          return {
            ...table,
            // A read-write transaction usually reads before it writes: ask for the clock then,
            // alongside that read, rather than one round trip later before the first write.
            get(req) {
              if (opened.has(req.trans) && !applyingRemote.has(req.trans)) {
                readClock(req.trans, syncState).catch(() => undefined);
              }
              return table.get(req);
            },
            async mutate(req) {
              const { trans } = req;
              if (!opened.has(trans) || applyingRemote.has(trans)) return table.mutate(req);
              const clock = await readClock(trans, syncState);
              if (!clock?.capturing) return table.mutate(req);
              return capture(req, clock);
            },
          };
        },
      };
    },
  };
}
