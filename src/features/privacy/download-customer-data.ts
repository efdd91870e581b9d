import { exportCustomerData } from '../../db/privacy/personal-data';
import type { Id } from '../../model/types';
import type { WriteContext } from '../../db/write-context';
import { downloadFile } from '../../lib/download';

/** Records the export in the audit log and saves the customer's data as readable JSON. */
export async function downloadCustomerData(customerId: Id, ctx: WriteContext): Promise<void> {
  const data = await exportCustomerData(customerId, ctx);
  const day = new Date(data.exportedAt).toISOString().slice(0, 10);
  downloadFile(`daifuku-customer-${customerId.slice(-8)}-${day}.json`, JSON.stringify(data, null, 2), 'application/json');
}
