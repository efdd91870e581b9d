/** The import/export test files in test/fixtures/ (made by scripts/make-import-fixtures.mjs). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(process.cwd(), 'test', 'fixtures', name)));
}

export function fixtureText(name: string): string {
  return new TextDecoder().decode(fixtureBytes(name)).replace(/^\uFEFF/, '');
}
