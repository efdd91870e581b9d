/**
 * The sync server's API as the app calls it: fetch with the device's bearer token, every answer
 * validated against the shared protocol (server/sync/protocol.ts). Failures become a SyncRequestError
 * whose kind says what the person can do about it.
 */
import { z } from 'zod';
import {
  clockAheadResponse,
  deviceList,
  joinedShop,
  pairingCode,
  pulledChange,
  pullResponse,
  pushResponse,
  type DeviceInfo,
  type JoinedShop,
  type PullResponse,
  type WireChange,
  whoAmI,
} from '../../server/sync/protocol';

export type SyncRequestErrorKind =
  | 'offline'
  | 'unreachable'
  | 'unauthorized'
  | 'forbidden'
  | 'encryption-required'
  | 'code-unknown'
  | 'code-expired'
  | 'code-used'
  /** Too many requests: wait `retryAfterMs` and try again; nothing was stored. */
  | 'rate-limited'
  /** The shop's storage on the server is full; nothing of the push was stored. */
  | 'shop-full'
  /** Some changes carry a time too far ahead of the server's (`refused`); nothing was stored. */
  | 'clock-ahead'
  | 'cannot-revoke-owner'
  | 'device-revoked'
  | 'server';

/**
 * Why a request got no answer from the server: the device says it has no network, the request
 * failed at the network level although the device thinks it is online (server stopped, wrong
 * address, Wi-Fi without a route to it), it timed out, or a proxy in front of the server said the
 * server is down (502/503/504).
 */
export type UnreachableReason = 'no-network' | 'network-error' | 'timeout' | 'gateway';

export interface SyncRequestErrorDetails {
  /** How long the server asked to wait (rate-limited). */
  retryAfterMs?: number;
  /** The ids of the changes the server refused (clock-ahead), its clock then, and how far ahead it allows. */
  refused?: readonly string[];
  serverTime?: number;
  maxAheadMs?: number;
  /** Why no answer came (unreachable, offline). */
  reason?: UnreachableReason;
}

export class SyncRequestError extends Error {
  readonly reason?: UnreachableReason;

  constructor(
    readonly kind: SyncRequestErrorKind,
    readonly status?: number,
    readonly details: SyncRequestErrorDetails = {},
  ) {
    super(`sync request failed: ${kind}${status ? ` (${status})` : ''}${details.reason ? ` [${details.reason}]` : ''}`);
    this.name = 'SyncRequestError';
    this.reason = details.reason;
  }
}

/** A request that hangs (a half-open Wi-Fi connection) must not leave sync "Syncing…" forever. */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * What a request that got no answer means. Only the outcome counts: a device that believes it is
 * online (navigator.onLine is often true on a Wi-Fi with no route to the server, and some
 * browsers never set it false) is told the server cannot be reached. navigator.onLine === false
 * is trusted only to name the reason once the request has already failed.
 */
export function noAnswer(error: unknown, online: boolean | undefined = globalThis.navigator?.onLine): SyncRequestError {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new SyncRequestError('unreachable', undefined, { reason: 'timeout' });
  }
  if (online === false) return new SyncRequestError('offline', undefined, { reason: 'no-network' });
  return new SyncRequestError('unreachable', undefined, { reason: 'network-error' });
}


/** A pulled change that does not match the protocol: what can be told of it, to set it aside. */
export interface UnreadableChange {
  seq?: number;
  id: string;
  table: string;
  row: string;
  hlc: string;
}

/**
 * A page of pulled changes. Changes that do not match the protocol (a stricter protocol than the
 * one they were stored under, a relay's own) come apart from the rest, so one cannot fail the page.
 */
export type PulledPage = PullResponse & { unreadable?: UnreadableChange[] };

/** What the sync loop needs from a server: the HTTP client, or a fake one in tests. */
export interface SyncTransport {
  push(changes: WireChange[]): Promise<{ accepted: number; duplicates: number }>;
  pull(after: number, limit: number): Promise<PulledPage>;
}

const okResponse = z.object({ ok: z.literal(true) });
/** The page's envelope strictly, its changes one by one (see PulledPage). */
const pullPage = pullResponse.extend({ changes: z.array(z.unknown()) });

function text(value: unknown, max: number): string {
  return (typeof value === 'string' ? value : JSON.stringify(value) ?? String(value)).slice(0, max);
}

function unreadableOf(raw: unknown, index: number): UnreadableChange {
  const fields = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const seq = typeof fields.seq === 'number' && Number.isSafeInteger(fields.seq) ? fields.seq : undefined;
  return {
    ...(seq === undefined ? {} : { seq }),
    id: `unreadable ${seq ?? `#${index}`} ${text(fields.id, 400)}`,
    table: text(fields.table, 64),
    row: text(fields.row, 256),
    hlc: text(fields.hlc, 40),
  };
}

/** A reverse proxy's answers when the sync server behind it is not running. */
const GATEWAY_DOWN = new Set([502, 503, 504]);

const KNOWN_ERRORS = new Set<SyncRequestErrorKind>([
  'encryption-required',
  'code-unknown',
  'code-expired',
  'code-used',
  'forbidden',
  'shop-full',
  'cannot-revoke-owner',
  'device-revoked',
]);

/** Retry-After in seconds or as an HTTP date; a minute when missing or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  const seconds = Number(header);
  if (header !== null && header.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = header === null ? NaN : Date.parse(header);
  return Number.isNaN(date) ? 60_000 : Math.max(0, date - now);
}

/** The error a failed answer means: its kind, and for some kinds what the client needs to go on. */
async function errorFrom(response: Response): Promise<SyncRequestError> {
  if (response.status === 401) return new SyncRequestError('unauthorized', 401);
  if (response.status === 429) {
    return new SyncRequestError('rate-limited', 429, { retryAfterMs: retryAfterMs(response.headers.get('Retry-After')) });
  }
  const body: unknown = await response.json().catch(() => undefined);
  const clockAhead = clockAheadResponse.safeParse(body);
  if (clockAhead.success) {
    const { refused, serverTime, maxAheadMs } = clockAhead.data;
    return new SyncRequestError('clock-ahead', response.status, { refused, serverTime, maxAheadMs });
  }
  const code = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  if (typeof code === 'string' && KNOWN_ERRORS.has(code as SyncRequestErrorKind)) {
    return new SyncRequestError(code as SyncRequestErrorKind, response.status);
  }
  if (GATEWAY_DOWN.has(response.status)) return new SyncRequestError('unreachable', response.status, { reason: 'gateway' });
  return new SyncRequestError(response.status === 404 ? 'unreachable' : 'server', response.status);
}

/** A server address as typed ("192.168.1.20:8787") made into an origin. */
export function normalizeServerUrl(input: string): string {
  const trimmed = input.trim().replace(/\/+$/, '');
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  return new URL(withScheme).origin;
}

export class SyncHttpApi implements SyncTransport {
  constructor(
    readonly serverUrl: string,
    private readonly token?: string,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {}

  private async request<T extends z.ZodType>(method: string, path: string, schema: T, body?: unknown): Promise<z.infer<T>> {
    let response: Response;
    try {
      response = await fetch(`${this.serverUrl}/api/sync${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw noAnswer(error);
    }
    if (!response.ok) throw await errorFrom(response);
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new SyncRequestError('server', response.status);
    return parsed.data;
  }

  createShop(deviceName: string): Promise<JoinedShop> {
    return this.request('POST', '/shops', joinedShop, { deviceName });
  }

  pair(code: string, deviceName: string): Promise<JoinedShop> {
    return this.request('POST', '/pair', joinedShop, { code, deviceName });
  }

  me() {
    return this.request('GET', '/me', whoAmI);
  }

  createPairingCode() {
    return this.request('POST', '/pairing-codes', pairingCode);
  }

  async devices(): Promise<DeviceInfo[]> {
    return (await this.request('GET', '/devices', deviceList)).devices;
  }

  async revoke(deviceId: string): Promise<void> {
    await this.request('POST', `/devices/${encodeURIComponent(deviceId)}/revoke`, okResponse);
  }

  /** Makes another device the shop's owner device; this one becomes an ordinary device. */
  async makeOwner(deviceId: string): Promise<void> {
    await this.request('POST', `/devices/${encodeURIComponent(deviceId)}/make-owner`, okResponse);
  }

  async setEncryption(keyCheck: string): Promise<void> {
    await this.request('PUT', '/encryption', okResponse, { keyCheck });
  }

  push(changes: WireChange[]) {
    return this.request('POST', '/push', pushResponse, { changes });
  }

  async pull(after: number, limit: number): Promise<PulledPage> {
    const page = await this.request('GET', `/pull?after=${after}&limit=${limit}`, pullPage);
    const changes: PullResponse['changes'] = [];
    const unreadable: UnreadableChange[] = [];
    page.changes.forEach((raw, i) => {
      const parsed = pulledChange.safeParse(raw);
      if (parsed.success) changes.push(parsed.data);
      else unreadable.push(unreadableOf(raw, i));
    });
    return { ...page, changes, ...(unreadable.length ? { unreadable } : {}) };
  }
}
