/**
 * Schema 3 adds the "do not contact" list. Withdrawals recorded before it existed (consents with
 * `revokedAt`) are copied into it, so they keep stopping messages once message paths consult the
 * list, including after the card is deleted.
 */
import { Dexie, type Transaction } from 'dexie';
import { CONSENT_CHANNELS, type Consent, type ConsentChannel, type Customer, type Suppression } from '../../model/types';

function isChannel(value: string): value is ConsentChannel {
  return (CONSENT_CHANNELS as readonly string[]).includes(value);
}

export async function seedSuppressionsFromWithdrawals(tx: Transaction): Promise<void> {
  const withdrawn = (await tx.table<Consent, string>('consents').toArray()).filter((c) => c.revokedAt);
  if (withdrawn.length === 0) return;
  // The hashing code is loaded only by a ledger that has withdrawals to copy, so it stays out of
  // the first screen; waitFor keeps the upgrade transaction open while it loads.
  const { contactHashes } = await Dexie.waitFor(import('../../lib/suppression'));
  const ids = [...new Set(withdrawn.map((c) => c.customerId))];
  const customers = await tx.table<Customer, string>('customers').bulkGet(ids);
  const byId = new Map(customers.filter((c): c is Customer => !!c).map((c) => [c.id, c]));
  const rows: Suppression[] = [];
  for (const consent of withdrawn) {
    const customer = byId.get(consent.customerId);
    if (!customer || !isChannel(consent.channel)) continue;
    const at = consent.revokedAt!;
    for (const hash of contactHashes(customer, consent.channel)) {
      rows.push({
        // Derived from the consent, so every device upgrading the same synced ledger writes the
        // same rows instead of one copy each.
        id: `suppression-${consent.id}-${hash.slice(0, 16)}`,
        createdAt: at,
        updatedAt: at,
        updatedBy: consent.updatedBy,
        deviceId: consent.deviceId,
        hash,
        channel: consent.channel,
        reason: 'withdrawn',
        at,
      });
    }
  }
  if (rows.length) await tx.table<Suppression, string>('suppressions').bulkAdd(rows);
}
