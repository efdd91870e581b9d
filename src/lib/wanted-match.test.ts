import { describe, expect, it } from 'vitest';
import { matchesWanted, parseWanted, type ArrivedItem } from './wanted-match';

const now = new Date(2026, 5, 16, 12, 0).getTime();
const vase: ArrivedItem = {
  category: 'tools',
  description: '有田焼の花瓶',
  features: '染付',
  quantity: 1,
  price: 12_000,
};

describe('what counts as the wanted item coming in', () => {
  it('needs every word of "Looking for" in the description or features, folded as search folds', () => {
    expect(matchesWanted({ text: '有田焼 花瓶', category: 'tools' }, vase, now)).toBe(true);
    expect(matchesWanted({ text: '有田焼の花瓶', category: 'any' }, vase, now)).toBe(true);
    expect(matchesWanted({ text: '有田焼 壺', category: 'tools' }, vase, now)).toBe(false);
    expect(
      matchesWanted(
        { text: 'seiko', category: 'any' },
        { ...vase, description: 'SEIKO 5', features: '' },
        now,
      ),
    ).toBe(true);
    expect(
      matchesWanted(
        { text: 'vases', category: 'any' },
        { ...vase, description: 'Blue vase', features: '' },
        now,
      ),
    ).toBe(true);
  });

  it('keeps to the category, the top price per piece and the last day', () => {
    expect(matchesWanted({ text: '花瓶', category: 'clothing' }, vase, now)).toBe(false);
    expect(
      matchesWanted(
        { text: '花瓶', category: 'tools', maxPrice: 6_000 },
        { ...vase, quantity: 2 },
        now,
      ),
    ).toBe(true);
    expect(
      matchesWanted(
        { text: '花瓶', category: 'tools', maxPrice: 5_999 },
        { ...vase, quantity: 2 },
        now,
      ),
    ).toBe(false);
    expect(
      matchesWanted(
        { text: '花瓶', category: 'tools', until: new Date(2026, 5, 15).getTime() },
        vase,
        now,
      ),
    ).toBe(false);
    expect(
      matchesWanted(
        { text: '花瓶', category: 'tools', until: new Date(2026, 5, 16).getTime() },
        vase,
        now,
      ),
    ).toBe(true);
  });

  it('reads a wanted item as typed, with yen and a date', () => {
    expect(
      parseWanted({
        text: ' 花瓶 ',
        category: 'tools',
        minPrice: '¥1,000',
        maxPrice: '',
        until: '2026-12-31',
      }),
    ).toEqual({
      ok: true,
      value: {
        text: '花瓶',
        category: 'tools',
        minPrice: 1000,
        until: new Date(2026, 11, 31).getTime(),
      },
    });
    expect(
      parseWanted({
        text: '',
        category: 'nope' as never,
        minPrice: 'abc',
        maxPrice: '',
        until: 'x',
      }),
    ).toMatchObject({ ok: false });
  });
});
