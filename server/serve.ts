// Listening for the shop's devices, over plain HTTP or HTTPS. Tablets reach the server over the
// shop's Wi-Fi at a LAN address, and a browser gives a page at http://192.168.…/ no service
// worker and no crypto.subtle: no offline use, no PIN check, no encryption. So the server can
// serve TLS itself from a certificate and key on disk (mkcert makes ones the tablets trust, see
// docs/shop-network.md); a reverse proxy in front (Caddy) is the other way.
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
  /** Where they came from, for the start-up message. */
  certPath: string;
}

export class ServeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServeConfigError';
  }
}

/**
 * The certificate and key named by TLS_CERT and TLS_KEY (PEM files), checked now so that a typo
 * stops the start with a message that says which file, rather than a server nobody can reach.
 * Neither set: plain HTTP.
 */
export function readTlsFiles(env: NodeJS.ProcessEnv): TlsFiles | undefined {
  const certPath = env.TLS_CERT?.trim();
  const keyPath = env.TLS_KEY?.trim();
  if (!certPath && !keyPath) return undefined;
  if (!certPath || !keyPath) {
    throw new ServeConfigError(
      `HTTPS needs both TLS_CERT and TLS_KEY; only ${certPath ? 'TLS_CERT' : 'TLS_KEY'} is set`,
    );
  }
  const cert = readPem(certPath, 'TLS_CERT');
  const key = readPem(keyPath, 'TLS_KEY');
  let certificate: X509Certificate;
  let privateKey: KeyObject;
  try {
    certificate = new X509Certificate(cert);
  } catch {
    throw new ServeConfigError(`TLS_CERT (${certPath}) is not a PEM certificate`);
  }
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new ServeConfigError(
      `TLS_KEY (${keyPath}) is not a PEM private key (or it is protected by a passphrase)`,
    );
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new ServeConfigError(
      `TLS_KEY (${keyPath}) is not the key of the certificate in TLS_CERT (${certPath})`,
    );
  }
  return { cert, key, certPath };
}

function readPem(file: string, variable: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const missing = error instanceof Error && 'code' in error && error.code === 'ENOENT';
    throw new ServeConfigError(
      `${variable} names ${file}, which ${missing ? 'does not exist' : 'cannot be read'}`,
    );
  }
}

export interface ServeOptions {
  app: Hono;
  port: number;
  host: string;
  tls?: TlsFiles;
}

export interface Listening {
  server: ServerType;
  port: number;
  /** The address to show people: https when serving TLS. */
  url: string;
}

/** Starts listening; resolves once the port is open, rejects when it cannot be (port in use…). */
export function listen({ app, port, host, tls }: ServeOptions): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const options = { fetch: app.fetch, port, hostname: host };
    const server = tls
      ? serve(
          {
            ...options,
            createServer: createHttpsServer,
            serverOptions: { cert: tls.cert, key: tls.key },
          },
          onListening,
        )
      : serve(options, onListening);
    server.once('error', reject);
    function onListening(info: AddressInfo) {
      server.off('error', reject);
      // A wildcard bind is reachable on localhost too, and that address is the one people can click.
      const shownHost =
        host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
      resolve({
        server,
        port: info.port,
        url: `${tls ? 'https' : 'http'}://${shownHost}:${info.port}`,
      });
    }
  });
}
