// @vitest-environment node
/**
 * What the sync client concludes when the server does not answer, from real requests on loopback:
 * the reason comes from the request's outcome, never from navigator.onLine alone.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { noAnswer, SyncHttpApi, SyncRequestError } from './http-api';

const servers: Server[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An address where nothing listens any more: a sync server that was stopped. */
async function stoppedServer(): Promise<string> {
  const url = await listen(() => undefined);
  const server = servers.pop()!;
  await new Promise((resolve) => server.close(resolve));
  return url;
}

async function failure(request: Promise<unknown>): Promise<SyncRequestError> {
  const error = await request.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyncRequestError);
  return error as SyncRequestError;
}

describe('a sync request that gets no answer', () => {
  it('says the server cannot be reached when the tablet thinks it is online but the server is stopped', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    const error = await failure(new SyncHttpApi(await stoppedServer(), 'token').pull(0, 10));
    expect(error).toMatchObject({ kind: 'unreachable', reason: 'network-error' });
  });

  it('says offline only when the request failed and the device reports no network', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const error = await failure(new SyncHttpApi(await stoppedServer(), 'token').pull(0, 10));
    expect(error).toMatchObject({ kind: 'offline', reason: 'no-network' });
  });

  it('does not believe navigator.onLine === false when the server answers', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const url = await listen((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ changes: [], cursor: 0, more: false, keyCheck: null }));
    });
    await expect(new SyncHttpApi(url, 'token').pull(0, 10)).resolves.toMatchObject({ more: false });
  });

  it('gives up on a server that accepts the connection and never answers, and says it timed out', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    const url = await listen(() => undefined);
    const error = await failure(new SyncHttpApi(url, 'token', 200).pull(0, 10));
    expect(error).toMatchObject({ kind: 'unreachable', reason: 'timeout' });
  });

  it('takes a reverse proxy’s 502 for a sync server that is not running', async () => {
    const url = await listen((_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<h1>Bad Gateway</h1>');
    });
    const error = await failure(new SyncHttpApi(url, 'token').pull(0, 10));
    expect(error).toMatchObject({ kind: 'unreachable', status: 502, reason: 'gateway' });
  });

  it('names the reason from the error and the device’s hint together', () => {
    expect(noAnswer(new TypeError('Failed to fetch'), true)).toMatchObject({ kind: 'unreachable', reason: 'network-error' });
    expect(noAnswer(new TypeError('Failed to fetch'), undefined)).toMatchObject({ kind: 'unreachable', reason: 'network-error' });
    expect(noAnswer(new TypeError('Failed to fetch'), false)).toMatchObject({ kind: 'offline', reason: 'no-network' });
    expect(noAnswer(new DOMException('late', 'TimeoutError'), false)).toMatchObject({ kind: 'unreachable', reason: 'timeout' });
  });
});
