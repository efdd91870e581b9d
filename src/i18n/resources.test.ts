// @vitest-environment node
import { describe, expect, it } from 'vitest';
import enShell from './en/index';
import enScreens from './en/screens';
import jaShell from './ja/index';
import jaScreens from './ja/screens';

type Tree = { [key: string]: string | string[] | Tree };

function merge(a: Tree, b: Tree): Tree {
  const out: Tree = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const held = out[key];
    out[key] =
      held && typeof held === 'object' && !Array.isArray(held) && typeof value === 'object' && !Array.isArray(value)
        ? merge(held, value)
        : value;
  }
  return out;
}

const en = merge(enShell as Tree, enScreens as Tree);
const ja = merge(jaShell as Tree, jaScreens as Tree);

/** The first screen's words, the other screens' (loaded with them), and all of them together. */
const AREAS = [
  ['first screen', enShell, jaShell],
  ['other screens', enScreens, jaScreens],
  ['whole app', en, ja],
] as const;

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
