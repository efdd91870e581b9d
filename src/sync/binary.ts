/**
 * Binary field values (a photo's Blob) on the wire. JSON has no bytes, and JSON.stringify turns a
 * Blob into `{}`, so a photo used to arrive on other devices as an empty object. On the wire a Blob
 * is a tagged JSON object that survives JSON and encryption:
 *
 *   { "$binary": "blob", "type": "image/jpeg", "base64": "/9j/4AAQ…" }
 *
 * and applying it gives back a real Blob. On this device (rows, outbox) a Blob stays a Blob:
 * reading its bytes is asynchronous, which an IndexedDB transaction cannot wait for, so the outbox
 * keeps the Blob itself and it is encoded when the change is pushed.
 *
 * An object whose `$binary` key is set is reserved for this form: one that is not exactly a
 * well-formed tagged Blob is refused rather than stored as it came.
 */
import { fromBase64, toBase64 } from '../lib/base64';
import { isBlob } from '../lib/is-blob';

export const BINARY_TAG = '$binary';

/** The largest Blob accepted from another device. Photos are resized to far less (photo-resize.ts). */
export const MAX_BLOB_BYTES = 4 * 1024 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MIME = /^[\w.+-]+\/[\w.+-]+$|^$/;

export interface TaggedBlob {
  [BINARY_TAG]: 'blob';
  type: string;
  base64: string;
}

export class BinaryValueError extends Error {
  constructor(
    reason: string,
    /** A kind of binary value this version does not know (a newer version may send more). */
    readonly newer = false,
  ) {
    super(`binary value: ${reason}`);
    this.name = 'BinaryValueError';
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !isBlob(value)
  );
}

function holdsBlob(value: unknown): boolean {
  if (isBlob(value)) return true;
  if (Array.isArray(value)) return value.some(holdsBlob);
  if (isPlainObject(value)) return Object.values(value).some(holdsBlob);
  return false;
}

/** `value` with every Blob in it replaced by its tagged form. Values without a Blob come back as they are. */
export async function encodeBinary<T>(value: T): Promise<T> {
  if (!holdsBlob(value)) return value;
  return (await encodeDeep(value)) as T;
}

async function encodeDeep(value: unknown): Promise<unknown> {
  if (isBlob(value)) {
    const tagged: TaggedBlob = {
      [BINARY_TAG]: 'blob',
      type: value.type,
      base64: toBase64(new Uint8Array(await value.arrayBuffer())),
    };
    return tagged;
  }
  if (Array.isArray(value)) return Promise.all(value.map(encodeDeep));
  if (isPlainObject(value)) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([k, v]) => [k, await encodeDeep(v)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * `value` with every tagged Blob turned back into a Blob. Throws BinaryValueError for a malformed
 * tag (wrong keys, not base64, too large): the change holding it is set aside.
 */
export function decodeBinary<T>(value: T): T {
  return decodeDeep(value) as T;
}

function decodeDeep(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const decoded = decodeDeep(value[i]);
      if (decoded !== value[i]) (copy ??= [...value])[i] = decoded;
    }
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  if (Object.prototype.hasOwnProperty.call(value, BINARY_TAG)) return blobOf(value);
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const decoded = decodeDeep(value[key]);
    if (decoded !== value[key]) (copy ??= { ...value })[key] = decoded;
  }
  return copy ?? value;
}

function blobOf(tagged: Record<string, unknown>): Blob {
  const kind = tagged[BINARY_TAG];
  if (kind !== 'blob')
    throw new BinaryValueError('unknown kind', typeof kind === 'string' && kind.length <= 40);
  if (Object.keys(tagged).sort().join(',') !== `${BINARY_TAG},base64,type`)
    throw new BinaryValueError('unknown form');
  const { type, base64 } = tagged;
  if (typeof type !== 'string' || type.length > 100 || !MIME.test(type))
    throw new BinaryValueError('type');
  if (typeof base64 !== 'string' || base64.length % 4 !== 0 || !BASE64.test(base64))
    throw new BinaryValueError('not base64');
  if ((base64.length / 4) * 3 > MAX_BLOB_BYTES + 2) throw new BinaryValueError('too large');
  return new Blob([fromBase64(base64)], { type });
}
