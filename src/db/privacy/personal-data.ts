/**
 * A customer's rights over their data (APPI): stop every message at once, see everything held on
 * them, and have it deleted. Plus the separate consent that health-related notes need.
 *
 * Where personal data lives is listed once, in PERSONAL_DATA: each table holding data about a
 * customer says how to find that customer's rows and which fields to blank. A table added later
 * (follow-ups, referrals, …) joins the list and deletion covers it with no other change.
 */
import { Dexie, type Collection } from 'dexie';
import { allContactHashes, contactHashes } from '../../lib/suppression';
import { auditEntriesAbout, recordAudit } from '../audit';
import { isActive } from '../customers/consents';
import { db } from '../db';
import { guardWrite } from '../errors';
import { newId } from '../ids';
import { requireOwner } from '../staff/roles';
import { eraseLedgerDataOf } from '../ledger/ledger';
import { ledgerRecordsOf } from '../ledger/queries';
import type { Appraisal, LedgerEntry } from '../../model/ledger-types';
import type {
  AuditEntry,
  CautionEvent,
  Consent,
  ConsentChannel,
  ConsentMethod,
  Customer,
  FollowUp,
  Id,
  Suppression,
  Visit,
  WantedItem,
} from '../../model/types';
import { stampFor, type Stamp, type WriteContext } from '../write-context';
import { withoutRowClock } from '../sync/tables';

interface PersonalDataTable {
  table: string;
  /** The rows of this table about one customer. */
  rowsOf: (customerId: Id) => Collection;
  /** Fields set to these values. */
  blank: Record<string, unknown>;
  /** Fields removed altogether. */
  drop: readonly string[];
}

export const PERSONAL_DATA: readonly PersonalDataTable[] = [
  {
    table: 'customers',
    rowsOf: (id) => db.customers.where('id').equals(id),
    blank: {
      name: '',
      reading: '',
      phones: [],
      email: '',
      handles: [],
      address: '',
      tags: [],
      about: '',
      talkAbout: [],
      searchKeys: [],
      searchRanks: [],
    },
    drop: ['birthday', 'birthMonthDay', 'healthConsent', 'caution', 'referredBy', 'referredAt', 'sortKey', 'activityAt', 'memberNumber'],
  },
  {
    // Visits stay, without their notes, so the shop's anonymous visit counts stay right.
    table: 'visits',
    rowsOf: (id) => db.visits.where('[customerId+at]').between([id, Dexie.minKey], [id, Dexie.maxKey]),
    blank: { note: '' },
    drop: ['health'],
  },
  {
    table: 'followUps',
    rowsOf: (id) => db.followUps.where('customerId').equals(id),
    // What the message would name: what they bought, sold or are looking for.
    blank: { note: '', subject: '' },
    drop: [],
  },
  {
    // What the shop wrote about a caution flag describes the person.
    table: 'cautionHistory',
    rowsOf: (id) => db.cautionHistory.where('customerId').equals(id),
    blank: { reason: '' },
    drop: [],
  },
  {
    // 探しもの帳: what they are looking for, in their words, and what they would pay.
    table: 'wantedItems',
    rowsOf: (id) => db.wantedItems.where('customerId').equals(id),
    blank: { text: '' },
    drop: ['minPrice', 'maxPrice'],
  },
];

function suppressionRows(hashes: string[], channel: Suppression['channel'], reason: Suppression['reason'], stamp: Stamp): Suppression[] {
  return hashes.map((hash) => ({ id: newId(), createdAt: stamp.updatedAt, ...stamp, hash, channel, reason, at: stamp.updatedAt }));
}

/**
 * "Please stop contacting me": every active consent is withdrawn and every contact value of the
 * card joins the do-not-contact list, so no message path (follow-ups, campaigns, a re-imported
 * copy of the card) reaches them until they consent again.
 */
export async function withdrawAllConsent(customerId: Id, ctx: WriteContext): Promise<void> {
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', db.customers, db.consents, db.suppressions, db.audit, async () => {
      const customer = await db.customers.get(customerId);
      if (!customer) throw new Error(`customer ${customerId} not found`);
      const active = (await db.consents.where('customerId').equals(customerId).toArray()).filter(isActive);
      for (const consent of active) await db.consents.update(consent.id, { ...stamp, revokedAt: stamp.updatedAt });
      await db.suppressions.bulkAdd(suppressionRows(allContactHashes(customer), 'all', 'withdrawn', stamp));
      await recordAudit('consent-withdraw', stamp, customerId, { channels: active.map((c) => c.channel).join(',') || 'none' });
    }),
  );
}

/**
 * The one question every message path asks before sending: may this customer be contacted on
 * this channel now? Yes only with an active consent for the channel that is newer than any
 * do-not-contact entry for the address the message would go to.
 */
export async function canContact(customerId: Id, channel: ConsentChannel): Promise<boolean> {
  const customer = await db.customers.get(customerId);
  if (!customer || customer.deletedAt) return false;
  const consents = (await db.consents.where('customerId').equals(customerId).toArray()).filter(
    (c) => isActive(c) && c.channel === channel,
  );
  if (consents.length === 0) return false;
  const grantedAt = Math.max(...consents.map((c) => c.grantedAt));
  const hashes = contactHashes(customer, channel);
  // LINE messages go through the share sheet and need no stored address; other channels do.
  if (hashes.length === 0) return channel === 'line';
  const stops = await db.suppressions.where('hash').anyOf(hashes).toArray();
  return !stops.some((s) => !s.deletedAt && (s.channel === 'all' || s.channel === channel) && s.at >= grantedAt);
}

export async function contactableChannels(customerId: Id): Promise<ConsentChannel[]> {
  const channels: ConsentChannel[] = ['mail', 'sms', 'line', 'post', 'phone'];
  const allowed = await Promise.all(channels.map((c) => canContact(customerId, c)));
  return channels.filter((_, i) => allowed[i]);
}

/** Whether a contact value on a new or imported card belongs to someone who asked not to be contacted. */
export async function isSuppressed(fields: Pick<Customer, 'phones' | 'email' | 'handles' | 'address'>): Promise<boolean> {
  const hashes = allContactHashes(fields);
  if (hashes.length === 0) return false;
  return (await db.suppressions.where('hash').anyOf(hashes).filter((s) => !s.deletedAt).count()) > 0;
}

/**
 * Deletes a customer's personal data on request. Owner only. The card becomes an anonymous
 * tombstone (so sync passes the deletion on), visit notes are blanked while the visits stay for
 * anonymous counts, consents are withdrawn, the contact values join the do-not-contact list (as
 * hashes), and the audit log records the deletion, all in one transaction.
 */
export async function deletePersonalData(customerId: Id, ctx: WriteContext): Promise<void> {
  await requireOwner(ctx);
  const stamp = await stampFor(ctx);
  const tables = [...PERSONAL_DATA.map((p) => db.table(p.table)), db.consents, db.suppressions, db.audit];
  await guardWrite(() =>
    db.transaction('rw', tables, async () => {
      const customer = await db.customers.get(customerId);
      if (!customer) throw new Error(`customer ${customerId} not found`);
      if (customer.anonymizedAt) return;
      await db.suppressions.bulkAdd(suppressionRows(allContactHashes(customer), 'all', 'deleted', stamp));
      const active = (await db.consents.where('customerId').equals(customerId).toArray()).filter(isActive);
      for (const consent of active) await db.consents.update(consent.id, { ...stamp, revokedAt: stamp.updatedAt });
      for (const place of PERSONAL_DATA) {
        const rows = (await place.rowsOf(customerId).toArray()) as Record<string, unknown>[];
        const table = db.table(place.table);
        for (const row of rows) {
          const next: Record<string, unknown> = { ...row, ...place.blank, ...stamp };
          for (const field of place.drop) delete next[field];
          if (place.table === 'customers') {
            next.deletedAt = row.deletedAt ?? stamp.updatedAt;
            next.anonymizedAt = stamp.updatedAt;
          }
          await table.put(next);
        }
      }
      await recordAudit('personal-data-delete', stamp, customerId);
    }),
  );
  // The 古物台帳 keeps purchase records for three years whatever the request (古物営業法): the
  // deletion notice told the owner so. Appraisals, photos and older records go now.
  await eraseLedgerDataOf(customerId, Date.now(), ctx);
}

export interface CustomerDataExport {
  format: 'daifuku-customer-data';
  exportedAt: number;
  customer: Omit<Customer, 'searchKeys' | 'searchRanks' | 'sortKey'>;
  visits: Visit[];
  consents: Consent[];
  /** What the shop recorded when buying from them (古物台帳) and appraising their goods. */
  ledgerEntries: LedgerEntry[];
  appraisals: Appraisal[];
  followUps: FollowUp[];
  cautionHistory: CautionEvent[];
  /** 探しもの帳: what they told the shop they are looking for. */
  wantedItems: WantedItem[];
  auditLog: AuditEntry[];
}

/** Everything the shop holds on one person, for the printable page (reads only). */
export async function collectCustomerData(customerId: Id, now = Date.now()): Promise<CustomerDataExport | undefined> {
  const customer = await db.customers.get(customerId);
  if (!customer) return undefined;
  const { searchKeys: _k, searchRanks: _r, sortKey: _s, ...held } = withoutRowClock(customer);
  const [visits, consents, auditLog, ledger, followUps, cautionHistory, wantedItems] = await Promise.all([
    PERSONAL_DATA[1]!.rowsOf(customerId).toArray() as Promise<Visit[]>,
    db.consents.where('customerId').equals(customerId).toArray(),
    auditEntriesAbout(customerId),
    ledgerRecordsOf(customerId),
    db.followUps.where('customerId').equals(customerId).toArray(),
    db.cautionHistory.where('customerId').equals(customerId).toArray(),
    db.wantedItems.where('customerId').equals(customerId).toArray(),
  ]);
  return {
    format: 'daifuku-customer-data',
    exportedAt: now,
    customer: held,
    visits: visits.filter((v) => !v.deletedAt).sort((a, b) => a.at - b.at).map(withoutRowClock),
    consents: consents.sort((a, b) => a.grantedAt - b.grantedAt).map(withoutRowClock),
    ledgerEntries: ledger.ledgerEntries.map(withoutRowClock),
    appraisals: ledger.appraisals.map(withoutRowClock),
    followUps: followUps.filter((f) => !f.deletedAt).map(withoutRowClock),
    cautionHistory: cautionHistory.map(withoutRowClock),
    wantedItems: wantedItems.filter((w) => !w.deletedAt).map(withoutRowClock),
    auditLog: auditLog.map(withoutRowClock),
  };
}

/** Everything the shop holds on one person (APPI disclosure), as readable JSON. Owner only; audited. */
export async function exportCustomerData(customerId: Id, ctx: WriteContext): Promise<CustomerDataExport> {
  await requireOwner(ctx);
  const stamp = await stampFor(ctx);
  if (!(await db.customers.get(customerId))) throw new Error(`customer ${customerId} not found`);
  await guardWrite(() => db.transaction('rw', db.audit, () => recordAudit('customer-export', stamp, customerId)));
  return (await collectCustomerData(customerId, stamp.updatedAt))!;
}

/** Consent to keep health-related notes, with the wording the customer was shown. */
export async function grantHealthConsent(
  customerId: Id,
  purposeText: string,
  method: ConsentMethod,
  ctx: WriteContext,
): Promise<void> {
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', db.customers, db.audit, async () => {
      const customer = await db.customers.get(customerId);
      if (!customer || customer.deletedAt) throw new Error(`customer ${customerId} not found`);
      await db.customers.update(customerId, {
        ...stamp,
        healthConsent: { grantedAt: stamp.updatedAt, purposeText, method, ...(ctx.staffId ? { staffId: ctx.staffId } : {}) },
      });
      await recordAudit('consent-grant', stamp, customerId, { scope: 'health' });
    }),
  );
}

/** Withdrawing health consent also removes the health notes' text (they may not be kept without it). */
export async function withdrawHealthConsent(customerId: Id, ctx: WriteContext): Promise<void> {
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', db.customers, db.visits, db.audit, async () => {
      const customer = await db.customers.get(customerId);
      if (!customer?.healthConsent || customer.healthConsent.revokedAt) return;
      await db.customers.update(customerId, { ...stamp, healthConsent: { ...customer.healthConsent, revokedAt: stamp.updatedAt } });
      const notes = (await PERSONAL_DATA[1]!.rowsOf(customerId).toArray()) as Visit[];
      for (const visit of notes.filter((v) => v.health)) {
        await db.visits.update(visit.id, { ...stamp, note: '', health: false });
      }
      await recordAudit('consent-withdraw', stamp, customerId, { scope: 'health' });
    }),
  );
}

export function hasHealthConsent(customer: Pick<Customer, 'healthConsent'> | undefined): boolean {
  return Boolean(customer?.healthConsent && !customer.healthConsent.revokedAt);
}
