/**
 * The production build keeps source maps for reading a stack trace from a shop, but the server
 * never hands them out, and the bundles do not point to them.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, inject, test } from 'vitest';

test('the server answers 404 to every source map the build wrote, and no bundle names one', async () => {
  const assets = path.join(inject('staticDir'), 'assets');
  const files = await readdir(assets);
  const maps = files.filter((f) => f.endsWith('.map'));
  expect(maps.length, 'the build keeps its maps for debugging').toBeGreaterThan(0);
  for (const map of maps) {
    const response = await fetch(`${inject('baseURL')}/assets/${map}`);
    expect(response.status, map).toBe(404);
    expect(await response.text()).not.toContain('sourcesContent');
  }
  for (const bundle of files.filter((f) => f.endsWith('.js'))) {
    expect(await readFile(path.join(assets, bundle), 'utf8'), bundle).not.toContain(
      'sourceMappingURL=',
    );
  }
});
