/**
 * The sync server's API as the app calls it: fetch with the device's bearer token, every answer
 * validated against the shared protocol (server/sync/protocol.ts). Failures become a SyncRequestError
 * whose kind says what the person can do about it.
 */
import { z } from 'zod';
import {
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
  | 'server';

export class SyncRequestError extends Error {
  constructor(
    readonly kind: SyncRequestErrorKind,
    readonly status?: number,
  ) {
    super(`sync request failed: ${kind}${status ? ` (${status})` : ''}`);
    this.name = 'SyncRequestError';
  }
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

const KNOWN_ERRORS = new Set<SyncRequestErrorKind>(['encryption-required', 'code-unknown', 'code-expired', 'code-used', 'forbidden']);

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
      });
    } catch {
      throw new SyncRequestError(globalThis.navigator?.onLine === false ? 'offline' : 'unreachable');
    }
    if (response.status === 401) throw new SyncRequestError('unauthorized', 401);
    if (!response.ok) {
      const code = await response
        .json()
        .then((b: { error?: unknown }) => b.error)
        .catch(() => undefined);
      if (typeof code === 'string' && KNOWN_ERRORS.has(code as SyncRequestErrorKind)) {
        throw new SyncRequestError(code as SyncRequestErrorKind, response.status);
      }
      throw new SyncRequestError(response.status === 404 ? 'unreachable' : 'server', response.status);
    }
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
