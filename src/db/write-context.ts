import { deviceId } from './device';
import type { Id, SyncedRow } from './types';

/** Who is writing: the staff member at the counter. Every row remembers it. */
export interface WriteContext {
  staffId?: Id;
}

export type Stamp = Pick<SyncedRow, 'updatedAt' | 'updatedBy' | 'deviceId'>;

/** Bookkeeping fields for a write. Call it before opening the transaction: it may touch `meta`. */
export async function stampFor(ctx: WriteContext, now = Date.now()): Promise<Stamp> {
  return { updatedAt: now, updatedBy: ctx.staffId, deviceId: await deviceId() };
}
