/** This device's identity, kept beside the data it wrote so both are lost or kept together. */
import { db } from './db';
import { newId } from './ids';

const DEVICE_ID_KEY = 'deviceId';
let cached: string | undefined;

export async function deviceId(): Promise<string> {
  if (cached) return cached;
  // A read first: a write transaction at every start would hold up the first screen's reads.
  const known = await db.meta.get(DEVICE_ID_KEY);
  if (typeof known?.value === 'string') return (cached = known.value);
  const id = await db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(DEVICE_ID_KEY);
    if (typeof row?.value === 'string') return row.value;
    const fresh = newId();
    await db.meta.put({ key: DEVICE_ID_KEY, value: fresh });
    return fresh;
  });
  cached = id;
  return id;
}

/** Tests replace the database between cases; the cached id must go with it. */
export function forgetDeviceId(): void {
  cached = undefined;
}
