// The sync API's payloads, validated with zod on the server and again on the client. Shared by
// both sides (the client imports this file), so it imports nothing but zod.
import { z } from 'zod';

export const HLC_PATTERN = /^\d{15}-[0-9a-f]{4}-[0-9a-f]{16}$/;

/**
 * A field's value. Payloads arrive through JSON.parse, so values are JSON by construction; checking
 * them value by value again costs more than the rest of a pull.
 */
const jsonValue = z.unknown();

export const plainPayload = z
  .object({
    set: z.record(z.string().min(1).max(100), jsonValue).optional(),
    purge: z.literal(true).optional(),
  })
  .strict();

/** What a device sends for one change: the row's coordinates in the clear, the values in `payload`. */
/** AES-GCM ciphertext of a plain payload, base64url (12-byte IV first). */
export const encryptedPayload = z.object({ enc: z.string().min(16).max(1_000_000) }).strict();

export const wireChange = z
  .object({
    id: z.string().min(1).max(400),
    table: z.string().min(1).max(64),
    row: z.string().min(1).max(256),
    hlc: z.string().regex(HLC_PATTERN),
    payload: z.union([plainPayload, encryptedPayload]),
  })
  .strict();
export type WireChange = z.infer<typeof wireChange>;
export type PlainPayload = z.infer<typeof plainPayload>;

export const pulledChange = wireChange.extend({ seq: z.number().int().positive() });
export type PulledChange = z.infer<typeof pulledChange>;

export const MAX_PUSH_CHANGES = 1000;
export const MAX_PULL_LIMIT = 1000;

export const pushRequest = z.object({ changes: z.array(wireChange).max(MAX_PUSH_CHANGES) }).strict();
export const pushResponse = z.object({ accepted: z.number().int(), duplicates: z.number().int() });

export const pullQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(500),
});
export const pullResponse = z.object({
  changes: z.array(pulledChange),
  cursor: z.number().int().min(0),
  more: z.boolean(),
  keyCheck: z.string().nullable(),
});
export type PullResponse = z.infer<typeof pullResponse>;

const deviceName = z.string().trim().min(1).max(80);

export const createShopRequest = z.object({ deviceName }).strict();
export const joinedShop = z.object({
  shopId: z.string(),
  deviceId: z.string(),
  token: z.string(),
  keyCheck: z.string().nullable(),
});
export type JoinedShop = z.infer<typeof joinedShop>;

/** A pairing code as shown: eight letters and digits without look-alikes, e.g. "K7QM-3XPD". */
export const PAIRING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function normalizePairingCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export const pairRequest = z.object({ code: z.string().min(1).max(40), deviceName }).strict();
export const pairingCode = z.object({ code: z.string(), expiresAt: z.number() });

export const deviceInfo = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.boolean(),
  createdAt: z.number(),
  lastSeenAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});
export type DeviceInfo = z.infer<typeof deviceInfo>;
export const deviceList = z.object({ devices: z.array(deviceInfo) });

export const encryptionRequest = z.object({ keyCheck: z.string().min(16).max(1000) }).strict();

/** Error bodies: `{ error: code }`, so the client can say what to do. */
export type SyncErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'invalid-request'
  | 'too-large'
  | 'code-unknown'
  | 'code-expired'
  | 'code-used'
  | 'encryption-required'
  | 'encryption-already-set'
  | 'not-found'
  | 'rate-limited'
  | 'shop-full'
  | 'clock-ahead'
  | 'cannot-revoke-owner'
  | 'device-revoked';
export const errorResponse = z.object({ error: z.string() });

/** 400 to a push with changes stamped too far ahead of the server's clock; nothing of it was stored. */
export const clockAheadResponse = z.object({
  error: z.literal('clock-ahead'),
  /** The ids of the changes refused (the rest of the push may be sent again without them). */
  refused: z.array(z.string()).max(MAX_PUSH_CHANGES),
  serverTime: z.number(),
  maxAheadMs: z.number(),
});

/** 507 to a push that would take the shop past its storage quota; nothing of it was stored. */
export const shopFullResponse = z.object({ error: z.literal('shop-full'), usedBytes: z.number(), quotaBytes: z.number() });

export const whoAmI = z.object({ shopId: z.string(), deviceId: z.string(), owner: z.boolean(), keyCheck: z.string().nullable() });
