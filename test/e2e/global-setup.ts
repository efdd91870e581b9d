/**
 * One production server for the whole e2e run, serving a temporary copy of dist/. Tests read its
 * address with `inject('baseURL')`; a test that changes served files starts its own server.
 *
 * Run: `npm run build && npm run test:e2e` (npm test does both). CHROME_PATH picks another
 * chromium than /usr/bin/chromium; failing tests leave screenshots in test-results/e2e/.
 */
import type { TestProject } from 'vitest/node';
import { startServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    staticDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startServer();
  project.provide('baseURL', server.baseURL);
  project.provide('staticDir', server.staticDir);
  return () => server.stop();
}
