/**
 * Staff PINs (4 to 6 digits) are kept only as a salted PBKDF2-SHA-256 hash. A PIN is a counter
 * lock, not a password: with the device's data in hand, a million PINs can be tried offline, so
 * the hash keeps the digits from being read at a glance (in a backup, in sync), nothing more.
 */
import type { PinHash } from '../model/types';
import { fromBase64, toBase64 } from './base64';

export const PIN_ITERATIONS = 100_000;

export function isValidPin(pin: string): boolean {
  return /^\d{4,6}$/.test(pin);
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256));
}

export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { hash: toBase64(await derive(pin, salt, iterations)), salt: toBase64(salt), iterations };
}

export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  if (!isValidPin(pin)) return false;
  const actual = await derive(pin, fromBase64(stored.salt), stored.iterations);
  const expected = fromBase64(stored.hash);
  if (actual.length !== expected.length) return false;
  let difference = 0;
  for (let i = 0; i < actual.length; i++) difference |= actual[i]! ^ expected[i]!;
  return difference === 0;
}
