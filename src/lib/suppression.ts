/**
 * The "do not contact" list matches contact values, not cards: a customer who withdrew consent or
 * had their data deleted must not be messaged again when the same email or phone comes back (an
 * import, a new card). Values are kept only as SHA-256 hashes so the list survives a deletion
 * without keeping the person's details. A phone number's hash can be reversed by trying every
 * number, so this is data minimisation, not secrecy: the list never leaves the shop's devices.
 *
 * The hash is synchronous (@noble/hashes) because schema upgrades run it inside an IndexedDB
 * transaction, which would commit early while waiting for Web Crypto.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { ConsentChannel, CustomerFields } from '../model/types';

type ContactFields = Pick<CustomerFields, 'phones' | 'email' | 'handles' | 'address'>;

function hashOf(kind: string, value: string): string {
  return bytesToHex(sha256(utf8ToBytes(`${kind}:${value}`)));
}

function clean(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Hashes of the contact values a message on `channel` would go to. */
export function contactHashes(customer: ContactFields, channel: ConsentChannel): string[] {
  const values: string[] = [];
  switch (channel) {
    case 'mail':
      if (customer.email.trim()) values.push(hashOf('email', clean(customer.email)));
      break;
    case 'sms':
    case 'phone':
      for (const phone of customer.phones) values.push(hashOf('phone', clean(phone)));
      break;
    case 'line':
      for (const handle of customer.handles) {
        if (handle.kind === 'line' && handle.value.trim()) values.push(hashOf('line', clean(handle.value)));
      }
      break;
    case 'post':
      if (customer.address.trim()) values.push(hashOf('address', clean(customer.address)));
      break;
  }
  return values;
}

/** Every contact value of a card, hashed, each once. */
export function allContactHashes(customer: ContactFields): string[] {
  const channels: ConsentChannel[] = ['mail', 'phone', 'line', 'post'];
  return [...new Set(channels.flatMap((channel) => contactHashes(customer, channel)))];
}
