/**
 * The counter's tablet may be cheap and its network slow: the first screen (the search box)
 * must stay under 150 KB of gzipped JavaScript. Everything else is lazy-loaded and precached.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './server';

const BUDGET_KB = 150;

describe('the first screen stays light', () => {
  it(`loads under ${BUDGET_KB} KB of gzipped JavaScript`, async () => {
    const dist = path.join(repoRoot, 'dist');
    const html = await readFile(path.join(dist, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    let bytes = 0;
    for (const file of scripts) bytes += gzipSync(await readFile(path.join(dist, file)), { level: 9 }).length;
    const kb = bytes / 1024;
    console.log(`first-screen JavaScript: ${kb.toFixed(1)} KB gzip in ${scripts.length} files`);
    expect(kb).toBeLessThan(BUDGET_KB);
  });
});
