/**
 * Handing data out of the ledger: customers or visits as CSV, one customer as a vCard. Owner only,
 * and each export is written in the audit log (APPI: a shop must be able to say when personal data
 * left it).
 */
import {
  customersToCsv,
  encodeText,
  visitsToCsv,
  type CsvEncoding,
  type CustomerColumn,
  type VisitColumn,
} from '../../lib/csv-export';
import { customerToVCard, vcardFileName } from '../../lib/vcard-export';
import { recordAudit } from '../audit';
import { db } from '../db';
import { guardWrite } from '../errors';
import { requireOwner } from '../staff/roles';
import type { Customer, Id, Visit } from '../../model/types';
import { stampFor, type WriteContext } from '../write-context';

export interface ExportedFile {
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
  mimeType: string;
  rows: number;
}

export interface CsvExportOptions {
  what: 'customers' | 'visits';
  encoding: CsvEncoding;
  customerHeaders: Record<CustomerColumn, string>;
  visitHeaders: Record<VisitColumn, string>;
  kindLabel: (kind: Visit['kind']) => string;
}

const today = () => new Date().toISOString().slice(0, 10);

export async function exportCsv(ctx: WriteContext, options: CsvExportOptions): Promise<ExportedFile> {
  await requireOwner(ctx);
  const customers = (await db.customers.orderBy('sortKey').toArray()).filter((c) => !c.deletedAt);
  let text: string;
  let rows: number;
  if (options.what === 'customers') {
    text = customersToCsv(customers, options.customerHeaders);
    rows = customers.length;
  } else {
    const byId = new Map<Id, Customer>(customers.map((c) => [c.id, c]));
    const visits = (await db.visits.orderBy('at').toArray()).filter((v) => !v.deletedAt && byId.has(v.customerId));
    text = visitsToCsv(visits, byId, options.visitHeaders, options.kindLabel);
    rows = visits.length;
  }
  const stamp = await stampFor(ctx);
  await guardWrite(() =>
    db.transaction('rw', db.audit, () => recordAudit('csv-export', stamp, undefined, { what: options.what, encoding: options.encoding, rows })),
  );
  return {
    fileName: `daifuku-${options.what}-${today()}${options.encoding === 'shift_jis' ? '-sjis' : ''}.csv`,
    bytes: await encodeText(text, options.encoding),
    mimeType: `text/csv;charset=${options.encoding === 'shift_jis' ? 'shift_jis' : 'utf-8'}`,
    rows,
  };
}

export async function exportCustomerVCard(customerId: Id, ctx: WriteContext): Promise<ExportedFile> {
  await requireOwner(ctx);
  const customer = await db.customers.get(customerId);
  if (!customer || customer.deletedAt) throw new Error(`customer ${customerId} not found`);
  const stamp = await stampFor(ctx);
  await guardWrite(() => db.transaction('rw', db.audit, () => recordAudit('customer-export', stamp, customerId, { as: 'vcard' })));
  return {
    fileName: vcardFileName(customer),
    bytes: new TextEncoder().encode(customerToVCard(customer)),
    mimeType: 'text/vcard;charset=utf-8',
    rows: 1,
  };
}
