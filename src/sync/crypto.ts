/**
 * Optional end-to-end encryption: a shop passphrase derives an AES-GCM key (PBKDF2-SHA-256, salted
 * with the shop's id so every device of the shop derives the same key), and each change's payload
 * is encrypted before it leaves the device. The server stores and relays ciphertext only.
 *
 * A "key check" (a known text encrypted with the key) is kept on the server, so a device can tell a
 * wrong passphrase at once instead of pushing changes nobody else can read.
 *
 * A change's ciphertext is bound to what it is: AES-GCM's additional data holds the shop, table,
 * row id and timestamp the change travels with, so a relay that moves a customer's ciphertext onto
 * another row (or another time) gets a payload that no longer opens. Payloads written before the
 * binding existed carry no version prefix and are still read (see docs/sync-protocol.md for what
 * that leaves open).
 */
const ITERATIONS = 600_000;
const KEY_CHECK_TEXT = 'daifuku key check v1';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class WrongPassphraseError extends Error {
  constructor() {
    super('wrong passphrase');
    this.name = 'WrongPassphraseError';
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function deriveShopKey(passphrase: string, shopId: string, iterations = ITERATIONS): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode(`daifuku-shop:${shopId}`), iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function encryptText(key: CryptoKey, text: string, additionalData?: Uint8Array<ArrayBuffer>): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const params: AesGcmParams = additionalData ? { name: 'AES-GCM', iv, additionalData } : { name: 'AES-GCM', iv };
  const sealed = new Uint8Array(await crypto.subtle.encrypt(params, key, encoder.encode(text)));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return toBase64Url(out);
}

export async function decryptText(key: CryptoKey, sealed: string, additionalData?: Uint8Array<ArrayBuffer>): Promise<string> {
  try {
    const bytes = fromBase64Url(sealed);
    const iv = bytes.subarray(0, 12);
    const params: AesGcmParams = additionalData ? { name: 'AES-GCM', iv, additionalData } : { name: 'AES-GCM', iv };
    const plain = await crypto.subtle.decrypt(params, key, bytes.subarray(12));
    return decoder.decode(plain);
  } catch {
    throw new WrongPassphraseError();
  }
}

/** Where a change belongs: what its ciphertext is bound to. */
export interface ChangeBinding {
  shopId: string;
  table: string;
  row: string;
  hlc: string;
}

/** Version 2 of a change's envelope: bound to its coordinates. Version 1 had no prefix. */
const BOUND_PREFIX = '2.';

function additionalDataOf({ shopId, table, row, hlc }: ChangeBinding): Uint8Array<ArrayBuffer> {
  // Ids, table names and timestamps hold no NUL: coordinates from a relay that do cannot line up
  // with those a payload was sealed with.
  return encoder.encode(['daifuku-change-v2', shopId, table, row, hlc].join('\u0000'));
}

/** Encrypts a change's payload, bound to the row and time it travels with. */
export async function sealChange(key: CryptoKey, text: string, binding: ChangeBinding): Promise<string> {
  return BOUND_PREFIX + (await encryptText(key, text, additionalDataOf(binding)));
}

/**
 * Opens a change's payload. A bound payload opens only with the coordinates it was sealed with;
 * one from before the binding (no prefix) opens as it always did. Throws WrongPassphraseError
 * when it does not open.
 */
export function openChange(key: CryptoKey, sealed: string, binding: ChangeBinding): Promise<string> {
  if (sealed.startsWith(BOUND_PREFIX)) return decryptText(key, sealed.slice(BOUND_PREFIX.length), additionalDataOf(binding));
  return decryptText(key, sealed);
}

/** Whether a payload was sealed before changes were bound to their rows. */
export function isUnboundPayload(sealed: string): boolean {
  return !sealed.startsWith(BOUND_PREFIX);
}

export function makeKeyCheck(key: CryptoKey): Promise<string> {
  return encryptText(key, KEY_CHECK_TEXT);
}

export async function keyMatches(key: CryptoKey, keyCheck: string): Promise<boolean> {
  try {
    return (await decryptText(key, keyCheck)) === KEY_CHECK_TEXT;
  } catch {
    return false;
  }
}
