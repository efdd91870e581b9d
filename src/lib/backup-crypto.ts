/**
 * Optional encryption of a backup with a passphrase: AES-GCM (which also detects a wrong
 * passphrase or a damaged file) under a key derived with PBKDF2-SHA-256 from the passphrase and a
 * random salt. Only Web Crypto is used; the passphrase is never stored.
 *
 * {
 *   "format": "daifuku-backup-encrypted", "formatVersion": 1,
 *   "kdf": { "name": "PBKDF2", "hash": "SHA-256", "iterations": 600000, "salt": "<base64>" },
 *   "cipher": { "name": "AES-GCM", "iv": "<base64>" },
 *   "data": "<base64 of the encrypted backup JSON>"
 * }
 */
import * as z from 'zod';
import { fromBase64, toBase64 } from './base64';

export const ENCRYPTED_FORMAT = 'daifuku-backup-encrypted';
/** OWASP's 2023 figure for PBKDF2-SHA-256; about a second on a shop tablet, once per backup. */
export const BACKUP_KDF_ITERATIONS = 600_000;

const encryptedSchema = z.object({
  format: z.literal(ENCRYPTED_FORMAT),
  formatVersion: z.literal(1),
  kdf: z.object({
    name: z.literal('PBKDF2'),
    hash: z.literal('SHA-256'),
    iterations: z.number().int().positive(),
    salt: z.string(),
  }),
  cipher: z.object({ name: z.literal('AES-GCM'), iv: z.string() }),
  data: z.string(),
});

export type EncryptedBackup = z.infer<typeof encryptedSchema>;

export function isEncryptedBackup(value: unknown): value is EncryptedBackup {
  return encryptedSchema.safeParse(value).success;
}

export class WrongPassphraseError extends Error {
  constructor() {
    super('wrong passphrase or damaged file');
    this.name = 'WrongPassphraseError';
  }
}

async function keyFrom(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function encryptText(
  plain: string,
  passphrase: string,
  iterations = BACKUP_KDF_ITERATIONS,
): Promise<EncryptedBackup> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await keyFrom(passphrase, salt, iterations);
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(plain));
  return {
    format: ENCRYPTED_FORMAT,
    formatVersion: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    data: toBase64(new Uint8Array(data)),
  };
}

export async function decryptText(file: EncryptedBackup, passphrase: string): Promise<string> {
  const key = await keyFrom(passphrase, fromBase64(file.kdf.salt), file.kdf.iterations);
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(file.cipher.iv) }, key, fromBase64(file.data));
    return new TextDecoder().decode(plain);
  } catch {
    throw new WrongPassphraseError();
  }
}
