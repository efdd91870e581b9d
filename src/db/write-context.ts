import { deviceId } from './device';
import { guardWrite } from './errors';
import type { Id, SyncedRow } from '../model/types';

/** Who is writing: the staff member at the counter. Every row remembers it. */
export interface WriteContext {
  staffId?: Id;
}

export type Stamp = Pick<SyncedRow, 'updatedAt' | 'updatedBy' | 'deviceId'>;

/**
 * Bookkeeping fields for a write. Call it before opening the transaction: it may touch `meta`, and
 * a failure there (database closed, disk full) is reported as the StorageError the write would give.
 */
export async function stampFor(ctx: WriteContext, now = Date.now()): Promise<Stamp> {
  return { updatedAt: now, updatedBy: ctx.staffId, deviceId: await guardWrite(deviceId) };
}
