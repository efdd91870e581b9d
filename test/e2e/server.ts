/**
 * The e2e tests' server: the production build through scripts/built-server.mjs (the one way the
 * tests, benches and screenshot scripts start it), each with its own copy of dist/ and DATA_DIR.
 */
import { startBuiltServer, type BuiltServer, type BuiltServerOptions } from '../../scripts/built-server.mjs';

export { assertBuildExists, distDir, freePort, repoRoot, serverEntry } from '../../scripts/built-server.mjs';

export type RunningServer = BuiltServer;
export type ServerOptions = Pick<BuiltServerOptions, 'tls'>;

export function startServer({ tls }: ServerOptions = {}): Promise<RunningServer> {
  return startBuiltServer({ tls });
}
