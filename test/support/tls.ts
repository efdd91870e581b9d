/**
 * A throwaway self-signed certificate for tests of HTTPS, made with the machine's openssl (Node
 * cannot make certificates by itself, and this keeps a dependency out of the app). Valid for
 * localhost, 127.0.0.1 and daifuku.test, the name the e2e tests map to the loopback address.
 */
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const TEST_HOSTNAME = 'daifuku.test';

export interface TestCertificate {
  dir: string;
  certPath: string;
  keyPath: string;
  cert: Buffer;
  /** base64 SHA-256 of the public key, for chromium's --ignore-certificate-errors-spki-list. */
  spkiHash: string;
  remove(): Promise<void>;
}

export async function makeTestCertificate(): Promise<TestCertificate> {
  const dir = await mkdtemp(path.join(tmpdir(), 'daifuku-tls-'));
  const certPath = path.join(dir, 'cert.pem');
  const keyPath = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${TEST_HOSTNAME}`,
      '-addext',
      `subjectAltName=DNS:${TEST_HOSTNAME},DNS:localhost,IP:127.0.0.1`,
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'ignore' },
  );
  const cert = await readFile(certPath);
  const spki = createPublicKey(cert).export({ type: 'spki', format: 'der' });
  return {
    dir,
    certPath,
    keyPath,
    cert,
    spkiHash: createHash('sha256').update(spki).digest('base64'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
