// @vitest-environment node
/**
 * HTTPS on the shop's network: with a certificate and key the server serves the app and the sync
 * API over TLS (a self-signed certificate made by openssl here stands in for mkcert's), and a
 * wrong set-up stops the start with a message that names the file.
 */
import { writeFile } from 'node:fs/promises';
import { get } from 'node:https';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCertificate, type TestCertificate } from '../test/support/tls';
import { createApp } from './app.js';
import { listen, readTlsFiles, type Listening } from './serve.js';
import { MemoryStorage } from './sync/memory-storage.js';
import { SyncService } from './sync/service.js';

let certificate: TestCertificate;
let other: TestCertificate;

beforeAll(async () => {
  [certificate, other] = await Promise.all([makeTestCertificate(), makeTestCertificate()]);
  await writeFile(path.join(certificate.dir, 'index.html'), '<!doctype html><title>大福帳</title>');
});

afterAll(async () => {
  await Promise.all([certificate.remove(), other.remove()]);
});

function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('serving HTTPS', () => {
  let listening: Listening;

  afterAll(async () => {
    await new Promise((resolve) => listening?.server.close(resolve));
  });

  it('serves the app and the sync API over TLS with the certificate TLS_CERT and TLS_KEY name', async () => {
    const tls = readTlsFiles({ TLS_CERT: certificate.certPath, TLS_KEY: certificate.keyPath });
    expect(tls).toBeDefined();
    const app = createApp({
      staticDir: certificate.dir,
      sync: new SyncService(new MemoryStorage()),
    });
    listening = await listen({ app, port: 0, host: '127.0.0.1', tls });
    expect(listening.url).toBe(`https://127.0.0.1:${listening.port}`);

    const page = await httpsGet(`https://localhost:${listening.port}/`, certificate.cert);
    expect(page).toEqual({ status: 200, body: '<!doctype html><title>大福帳</title>' });
    const health = await httpsGet(
      `https://127.0.0.1:${listening.port}/api/health`,
      certificate.cert,
    );
    expect(JSON.parse(health.body)).toMatchObject({ ok: true });
    // A device that does not trust the certificate is refused by TLS itself.
    await expect(httpsGet(`https://localhost:${listening.port}/`, other.cert)).rejects.toThrow(
      /self[- ]signed|certificate/i,
    );
    // Plain HTTP to the TLS port gets no page.
    const plain = await new Promise<string>((resolve) => {
      const req = httpRequest(`http://127.0.0.1:${listening.port}/`, (response) =>
        resolve(`status ${response.statusCode}`),
      );
      req.on('error', (error) => resolve(error.message));
      req.end();
    });
    expect(plain).not.toBe('status 200');
  });

  it('serves plain HTTP when neither variable is set', () => {
    expect(readTlsFiles({})).toBeUndefined();
    expect(readTlsFiles({ TLS_CERT: ' ', TLS_KEY: '' })).toBeUndefined();
  });

  it.each([
    [{ TLS_CERT: 'cert' }, /both TLS_CERT and TLS_KEY; only TLS_CERT is set/],
    [{ TLS_KEY: 'key' }, /only TLS_KEY is set/],
    [
      { TLS_CERT: '/nowhere/cert.pem', TLS_KEY: '/nowhere/key.pem' },
      /TLS_CERT names \/nowhere\/cert.pem, which does not exist/,
    ],
  ])('refuses to start with %o', (env, message) => {
    expect(() => readTlsFiles(env)).toThrow(message);
  });

  it('says which file is wrong when the certificate is not one, or the key belongs to another', () => {
    expect(() =>
      readTlsFiles({ TLS_CERT: certificate.keyPath, TLS_KEY: certificate.keyPath }),
    ).toThrow(/TLS_CERT .* is not a PEM certificate/);
    expect(() =>
      readTlsFiles({ TLS_CERT: certificate.certPath, TLS_KEY: certificate.certPath }),
    ).toThrow(/TLS_KEY .* is not a PEM private key/);
    expect(() => readTlsFiles({ TLS_CERT: certificate.certPath, TLS_KEY: other.keyPath })).toThrow(
      /is not the key of the certificate/,
    );
  });
});
