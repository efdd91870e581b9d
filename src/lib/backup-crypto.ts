/**
 * Optional encryption of a backup with a passphrase: AES-GCM (which also detects a wrong
 * passphrase or a damaged file) under a key derived with PBKDF2-SHA-256 from the passphrase and a
 * random salt. Only Web Crypto is used; the passphrase is never stored.
 *
 * Version 2 encrypts the backup in chunks of a megabyte, one per line, so a file of any size is
 * written and read a piece at a time:
 *
 * {"format":"daifuku-backup-encrypted","formatVersion":2,"kdf":{"name":"PBKDF2","hash":"SHA-256","iterations":600000,"salt":"<base64>"},"cipher":{"name":"AES-GCM","chunked":true},"chunks":[
 * "<base64 of iv ‖ ciphertext>"
 * ,"<base64 …>"
 * ]}
 *
 * Each chunk has its own random IV; its index is authenticated data, so chunks cannot be reordered
 * or moved between positions, and the first byte of its plain text says whether it is the last
 * one, so a file cut short is recognised rather than restored in part.
 *
 * Version 1 (one ciphertext of the whole backup in `data`) is still read.
 */
import * as z from 'zod';
import { fromBase64, toBase64 } from './base64';

export const ENCRYPTED_FORMAT = 'daifuku-backup-encrypted';
export const ENCRYPTED_FORMAT_VERSION = 2;
/** OWASP's 2023 figure for PBKDF2-SHA-256; about a second on a shop tablet, once per backup. */
export const BACKUP_KDF_ITERATIONS = 600_000;
/** Plain text per chunk. */
export const CHUNK_BYTES = 1024 * 1024;
/** A PBKDF2 count beyond this is a hostile file making the tablet work for minutes. */
const MAX_ITERATIONS = 10_000_000;

const kdfSchema = z.object({
  name: z.literal('PBKDF2'),
  hash: z.literal('SHA-256'),
  iterations: z.number().int().positive().max(MAX_ITERATIONS),
  salt: z.string().max(100),
});

const encryptedV1Schema = z.object({
  format: z.literal(ENCRYPTED_FORMAT),
  formatVersion: z.literal(1),
  kdf: kdfSchema,
  cipher: z.object({ name: z.literal('AES-GCM'), iv: z.string() }),
  data: z.string(),
});

const chunkedHeaderSchema = z.object({
  format: z.literal(ENCRYPTED_FORMAT),
  formatVersion: z.literal(2),
  kdf: kdfSchema,
  cipher: z.object({ name: z.literal('AES-GCM'), chunked: z.literal(true) }),
});

export type EncryptedBackup = z.infer<typeof encryptedV1Schema>;
export type ChunkedHeader = z.infer<typeof chunkedHeaderSchema>;

/** A whole version 1 encrypted file. */
export function isEncryptedBackup(value: unknown): value is EncryptedBackup {
  return encryptedV1Schema.safeParse(value).success;
}

export function isChunkedHeader(value: unknown): value is ChunkedHeader {
  return chunkedHeaderSchema.safeParse(value).success;
}

/** Whether a value says it is an encrypted backup of a version this app does not know. */
export function isNewerEncryptedFormat(value: unknown): boolean {
  const { format, formatVersion } = (value ?? {}) as { format?: unknown; formatVersion?: unknown };
  return format === ENCRYPTED_FORMAT && typeof formatVersion === 'number' && formatVersion > ENCRYPTED_FORMAT_VERSION;
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

function kdfFor(salt: Uint8Array, iterations: number): ChunkedHeader['kdf'] {
  return { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) };
}

/** Version 1: the whole text in one ciphertext (kept to make test files of the older format). */
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
    kdf: kdfFor(salt, iterations),
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

// --- version 2: chunks ---------------------------------------------------------------------

function chunkIndex(index: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, index);
  return bytes;
}

export interface ChunkCipher {
  header: ChunkedHeader;
  key: CryptoKey;
}

/** A new key (fresh salt) for writing an encrypted backup. */
export async function newChunkCipher(passphrase: string, iterations = BACKUP_KDF_ITERATIONS): Promise<ChunkCipher> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return {
    key: await keyFrom(passphrase, salt, iterations),
    header: {
      format: ENCRYPTED_FORMAT,
      formatVersion: 2,
      kdf: kdfFor(salt, iterations),
      cipher: { name: 'AES-GCM', chunked: true },
    },
  };
}

/** The key of an encrypted file, from its header and the passphrase. */
export function chunkKeyFor(header: ChunkedHeader, passphrase: string): Promise<CryptoKey> {
  return keyFrom(passphrase, fromBase64(header.kdf.salt), header.kdf.iterations);
}

/** One chunk as its line's string: base64 of IV ‖ ciphertext. */
export async function encryptChunk(key: CryptoKey, index: number, last: boolean, plain: Uint8Array): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const framed = new Uint8Array(plain.length + 1);
  framed[0] = last ? 1 : 0;
  framed.set(plain, 1);
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: chunkIndex(index) }, key, framed);
  const out = new Uint8Array(12 + sealed.byteLength);
  out.set(iv);
  out.set(new Uint8Array(sealed), 12);
  return toBase64(out);
}

/** Opens chunk `index`; a wrong key, a changed byte or a chunk out of place all fail the same way. */
export async function decryptChunk(key: CryptoKey, index: number, line: string): Promise<{ last: boolean; plain: Uint8Array }> {
  let sealed: Uint8Array<ArrayBuffer>;
  try {
    sealed = fromBase64(line);
  } catch {
    throw new WrongPassphraseError();
  }
  if (sealed.length < 12 + 16 + 1) throw new WrongPassphraseError();
  try {
    const framed = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.subarray(0, 12), additionalData: chunkIndex(index) }, key, sealed.subarray(12)),
    );
    return { last: framed[0] === 1, plain: framed.subarray(1) };
  } catch {
    throw new WrongPassphraseError();
  }
}
