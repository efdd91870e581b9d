/**
 * Optional end-to-end encryption: a shop passphrase derives an AES-GCM key (PBKDF2-SHA-256, salted
 * with the shop's id so every device of the shop derives the same key), and each change's payload
 * is encrypted before it leaves the device. The server stores and relays ciphertext only.
 *
 * A "key check" (a known text encrypted with the key) is kept on the server, so a device can tell a
 * wrong passphrase at once instead of pushing changes nobody else can read.
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

export async function encryptText(key: CryptoKey, text: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(text)));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return toBase64Url(out);
}

export async function decryptText(key: CryptoKey, sealed: string): Promise<string> {
  const bytes = fromBase64Url(sealed);
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12) }, key, bytes.subarray(12));
    return decoder.decode(plain);
  } catch {
    throw new WrongPassphraseError();
  }
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
