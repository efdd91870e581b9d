/**
 * Consent to be contacted, one row per channel, keeping the exact purpose text the customer was
 * shown and its version (Japan's APPI asks the shop to be able to show what was agreed, when,
 * and how). A withdrawn consent is kept with `revokedAt`, never erased.
 *
 * These helpers run inside the caller's transaction, so a card and its consents commit together.
 */
import { db } from '../db';
import { newId } from '../ids';
import type { Consent, ConsentChannel, ConsentMethod, Id } from '../../model/types';
import type { Stamp } from '../write-context';

export interface ConsentGrant {
  /** Ticked channels; an empty list records no consent (and, on edit, withdraws every channel). */
  channels: ConsentChannel[];
  purposeText: string;
  purposeVersion: number;
  method: ConsentMethod;
}

export async function grantConsents(customerId: Id, grant: ConsentGrant, stamp: Stamp) {
  const rows: Consent[] = grant.channels.map((channel) => ({
    id: newId(),
    createdAt: stamp.updatedAt,
    ...stamp,
    customerId,
    channel,
    purposeText: grant.purposeText,
    purposeVersion: grant.purposeVersion,
    grantedAt: stamp.updatedAt,
    method: grant.method,
    staffId: stamp.updatedBy,
  }));
  if (rows.length) await db.consents.bulkAdd(rows);
}

export function isActive(consent: Consent): boolean {
  return !consent.revokedAt && !consent.deletedAt;
}

export async function activeConsents(customerId: Id): Promise<Consent[]> {
  const rows = await db.consents.where('customerId').equals(customerId).toArray();
  return rows.filter(isActive);
}

/** Revokes channels no longer ticked and grants newly ticked ones; unchanged ones keep their date. */
export async function reconcileConsents(customerId: Id, grant: ConsentGrant, stamp: Stamp) {
  const active = await activeConsents(customerId);
  const wanted = new Set(grant.channels);
  for (const consent of active) {
    if (!wanted.has(consent.channel)) {
      await db.consents.update(consent.id, { ...stamp, revokedAt: stamp.updatedAt });
    }
  }
  const have = new Set(active.map((c) => c.channel));
  await grantConsents(customerId, { ...grant, channels: grant.channels.filter((c) => !have.has(c)) }, stamp);
}
