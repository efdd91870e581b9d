// @vitest-environment node
import { describe, expect, it } from 'vitest';
import enBuyIn from './en/buyin.json';
import jaBuyIn from './ja/buyin.json';
import { en, ja } from './resources';

/** The first screen's words, and each area that loads later with its screens (areas.ts). */
const AREAS = [
  ['first screen', en, ja],
  ['buy-in ledger', enBuyIn, jaBuyIn],
] as const;

type Tree = { [key: string]: string | string[] | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && !Array.isArray(value) ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function placeholdersOf(tree: Tree, key: string): string[] {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Tree)[part], tree);
  return [...String(value).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
}

describe.each(AREAS)('translations of the %s', (_area, en, ja) => {
  it('say everything in both languages', () => {
    expect(keysOf(ja as Tree).sort()).toEqual(keysOf(en as Tree).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of keysOf(en as Tree)) {
      expect(placeholdersOf(ja as Tree, key), key).toEqual(placeholdersOf(en as Tree, key));
    }
  });

  it('leave no string empty', () => {
    for (const [name, tree] of [
      ['en', en],
      ['ja', ja],
    ] as const) {
      for (const key of keysOf(tree as Tree)) {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Tree)[part], tree);
        expect(String(value).trim(), `${name}:${key}`).not.toBe('');
      }
    }
  });
});

it('loads later only areas whose top-level keys the first screen does not use', () => {
  const first = new Set(Object.keys(en));
  for (const [area, tree] of AREAS.slice(1)) {
    expect(Object.keys(tree).filter((key) => first.has(key)), area).toEqual([]);
  }
});
