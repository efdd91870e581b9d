/**
 * This device's side of sync, kept in the device-local `syncState` table: whether it captures
 * changes (and its clock), how it reaches the shop's server, how far it has pulled, and the shop's
 * encryption key. None of it ever syncs.
 */
import type { Dexie } from 'dexie';
import { nodeFromDeviceId } from '../../lib/sync/hlc';
import { CLOCK_KEY, type ClockState } from './capture';
import type { DaifukuDB } from '../schema';
import type { SyncStateRow } from '../../model/types';

export interface SyncConnection {
  serverUrl: string;
  shopId: string;
  /** The server's id for this device (not the HLC node). */
  deviceId: string;
  deviceName: string;
  token: string;
  owner: boolean;
  /** Set when the server said this device's token was revoked. */
  revoked?: boolean;
}

export interface SyncProgress {
  /** The server sequence number of the last change pulled and applied. */
  cursor: number;
  /** The synced tables this device had when it pulled up to `cursor` (a new table means re-reading). */
  tables: string[];
}

export interface ShopEncryption {
  /** AES-GCM key derived from the shop passphrase; non-extractable. */
  key: CryptoKey;
  keyCheck: string;
}

const CONNECTION = 'connection';
const PROGRESS = 'progress';
const ENCRYPTION = 'encryption';

async function read<T>(db: DaifukuDB, key: string): Promise<T | undefined> {
  return (await db.syncState.get(key))?.value as T | undefined;
}

function write(db: DaifukuDB, key: string, value: unknown): Promise<string> {
  return db.syncState.put({ key, value } satisfies SyncStateRow);
}

export function readConnection(db: DaifukuDB): Promise<SyncConnection | undefined> {
  return read(db, CONNECTION);
}

export async function saveConnection(db: DaifukuDB, connection: SyncConnection): Promise<void> {
  await write(db, CONNECTION, connection);
}

export async function readProgress(db: DaifukuDB): Promise<SyncProgress> {
  return (await read<SyncProgress>(db, PROGRESS)) ?? { cursor: 0, tables: [] };
}

/** Written inside the transaction that applied the changes up to the cursor. */
export async function saveProgress(db: DaifukuDB, progress: SyncProgress): Promise<void> {
  await write(db, PROGRESS, progress);
}

export function readEncryption(db: DaifukuDB): Promise<ShopEncryption | undefined> {
  return read(db, ENCRYPTION);
}

export async function saveEncryption(db: DaifukuDB, encryption: ShopEncryption | undefined): Promise<void> {
  if (encryption) await write(db, ENCRYPTION, encryption);
  else await db.syncState.delete(ENCRYPTION);
}

export async function readClockState(db: DaifukuDB | Dexie): Promise<ClockState | undefined> {
  return (await db.table('syncState').get(CLOCK_KEY)) as ClockState | undefined;
}

export function clockStateFor(deviceId: string, previous: ClockState | undefined): ClockState {
  // What else it knows stays (rowClocks: rows here hold their own clocks, whatever happens next).
  return { ...previous, key: CLOCK_KEY, capturing: true, node: previous?.node ?? nodeFromDeviceId(deviceId), hlc: previous?.hlc };
}

/** Forgets the server (after leaving a shop); the ledger and pending changes stay. */
export async function forgetConnection(db: DaifukuDB): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    await db.syncState.bulkDelete([CONNECTION, PROGRESS, ENCRYPTION]);
  });
}
