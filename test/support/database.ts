import { db } from '../../src/db/db';
import { forgetDeviceId } from '../../src/db/device';

/** Each test starts from an empty ledger. */
export async function resetDatabase(): Promise<void> {
  db.close();
  await db.delete();
  forgetDeviceId();
  await db.open();
}
