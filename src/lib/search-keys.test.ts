import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  customerSortKey,
  matchRank,
  queryForms,
  type SearchableCustomer,
  type KeyRank,
  type SearchIndex,
  TRAILING_MARK,
  withoutCoveredKeys,
} from './search-keys';

function customer(overrides: Partial<SearchableCustomer> = {}): SearchableCustomer {
  return {
    name: '田中 花子',
    reading: 'たなか はなこ',
    phones: [],
    email: '',
    handles: [],
    tags: [],
    ...overrides,
  };
}

function keysOf(c: SearchableCustomer): string[] {
  return buildSearchIndex(c).searchKeys;
}

function rankFor(c: SearchableCustomer, query: string): number {
  return matchRank(buildSearchIndex(c), queryForms(query));
}

describe('the keys a customer card is indexed under', () => {
  it('indexes a Japanese name by each word, the whole, and every tail of the whole', () => {
    const keys = keysOf(customer({ name: '田中 花子', reading: '' }));
    // "田中" is the start of "田中花子": found through it, at a better rank.
    expect(keys).toEqual(expect.arrayContaining(['花子', '田中花子', '中花子', '子']));
    expect(keys).not.toContain('田中');
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('indexes a name written without a space by its tails, so the given name alone finds it', () => {
    expect(keysOf(customer({ name: '渡辺美咲', reading: '' }))).toEqual([
      '渡辺美咲',
      '辺美咲',
      '美咲',
      '咲',
    ]);
  });

  it('indexes the reading in hiragana and in romaji, word by word and whole', () => {
    const keys = keysOf(customer({ reading: 'タナカ ハナコ' }));
    expect(keys).toEqual(
      expect.arrayContaining(['はなこ', 'たなかはなこ', 'hanako', 'tanakahanako']),
    );
    expect(keys).not.toContain('タナカ');
  });

  it('writes a reading in romaji without the apostrophe staff would never type', () => {
    expect(keysOf(customer({ name: '佐藤 慎一', reading: 'さとう しんいち' }))).toContain(
      'shinichi',
    );
  });

  it('gives a reading that is not kana no romaji form', () => {
    const keys = keysOf(customer({ name: 'Mary Ann', reading: 'Mary' }));
    expect(keys).toContain('mary');
    expect(keys.some((k) => /[ぁ-ゟ]/.test(k))).toBe(false);
  });

  it('indexes a Japanese phone by national digits, and by the same digits backwards for its tail', () => {
    const keys = keysOf(customer({ phones: ['+819012345678'] }));
    expect(keys).toEqual(expect.arrayContaining(['09012345678', `${TRAILING_MARK}87654321090`]));
    expect(keys).not.toContain('819012345678');
    // The last four are one of the tails the reversed key finds, not a key of their own.
    expect(keys).not.toContain('5678');
  });

  it('indexes a foreign phone by its international digits', () => {
    const keys = keysOf(customer({ phones: ['+14155552671'] }));
    expect(keys).toEqual(expect.arrayContaining(['14155552671', `${TRAILING_MARK}17625555141`]));
  });

  it('never lets typed text pass for a phone’s tail', () => {
    const keys = keysOf(customer({ name: 'Mark', reading: '', tags: [`${TRAILING_MARK}8765`] }));
    expect(keys.filter((k) => k.startsWith(TRAILING_MARK))).toEqual([]);
    expect(keys).toContain('8765');
  });

  it('indexes a member number from another system, found from its start', () => {
    const keys = keysOf(customer({ memberNumber: 'M-00123' }));
    expect(keys).toContain('m-00123');
    expect(rankFor(customer({ memberNumber: '000123' }), '000123')).toBe(0);
    expect(rankFor(customer({ memberNumber: '000123' }), '0001')).toBe(2);
  });

  it('indexes email, handles and tags in normalised form', () => {
    const keys = keysOf(
      customer({
        email: 'Hana.Tanaka@Example.JP',
        handles: [{ value: 'Ｈａｎａ★' }],
        tags: ['着物', 'VIP 客'],
      }),
    );
    expect(keys).toEqual(
      expect.arrayContaining(['hana.tanaka@example.jp', 'hana★', '着物', '客', 'vip客']),
    );
  });

  it('does not explode an English name into tails', () => {
    expect(keysOf(customer({ name: 'John Smith', reading: '' }))).toEqual(['smith', 'johnsmith']);
  });

  it('keeps a very long name from flooding the index with tails', () => {
    const name = '寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末';
    const keys = keysOf(customer({ name, reading: '' }));
    expect(keys).toEqual([name]);
  });

  it('skips empty parts instead of indexing an empty key', () => {
    const keys = keysOf(
      customer({ name: '田中', reading: '', phones: [], email: '', tags: ['  '] }),
    );
    expect(keys).not.toContain('');
  });

  it('stores one rank per key, in step with the keys', () => {
    const index = buildSearchIndex(
      customer({ phones: ['+819012345678'], email: 'hana@example.jp', tags: ['常連'] }),
    );
    expect(index.searchRanks).toHaveLength(index.searchKeys.length);
    for (const rank of index.searchRanks) {
      expect(Number.isInteger(rank)).toBe(true);
      expect(rank).toBeGreaterThanOrEqual(0);
      expect(rank).toBeLessThan(16);
    }
    const rankOf = (key: string) => index.searchRanks[index.searchKeys.indexOf(key)];
    // prefix rank × 4 + exact rank
    expect(rankOf('たなかはなこ')).toBe(1 * 4 + 0);
    expect(rankOf('はなこ')).toBe(2 * 4 + 2);
    expect(rankOf('09012345678')).toBe(2 * 4 + 0);
    expect(rankOf(`${TRAILING_MARK}87654321090`)).toBe(3 * 4 + 3);
    expect(rankOf('中花子')).toBe(3 * 4 + 3);
  });

  it('keeps the better rank when the same key comes from two places', () => {
    // "花子" is a word of the name (start of a word) and also a tail of "田中花子" (inside).
    const index = buildSearchIndex(customer({ name: '田中 花子', reading: '' }));
    expect(index.searchKeys.filter((k) => k === '花子')).toHaveLength(1);
    expect(index.searchRanks[index.searchKeys.indexOf('花子')]).toBe(2 * 4 + 2);
  });
});

describe('leaving out keys a longer key covers', () => {
  // The best rank a query gets from a set of keys, as matchRank computes it.
  const bestRank = (keys: Map<string, KeyRank>, query: string) => {
    let best = Infinity;
    for (const [key, rank] of keys) {
      if (key === query) best = Math.min(best, rank.exact);
      else if (key.startsWith(query)) best = Math.min(best, rank.prefix);
    }
    return best;
  };
  const rank = fc
    .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
    .map(([a, b]): KeyRank => ({ prefix: Math.max(a, b), exact: Math.min(a, b) }));
  const keyMaps = fc
    .array(fc.tuple(fc.stringMatching(/^[abた]{1,4}$/), rank), { maxLength: 10 })
    .map((entries) => new Map(entries));

  it('changes the rank of no query that finds a key', () => {
    fc.assert(
      fc.property(keyMaps, (keys) => {
        const kept = withoutCoveredKeys(keys);
        for (const key of keys.keys()) {
          for (let end = 1; end <= key.length; end++) {
            const query = key.slice(0, end);
            expect(bestRank(kept, query), query).toBe(bestRank(keys, query));
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a key that a longer key only finds at a worse rank', () => {
    const keys = new Map<string, KeyRank>([
      ['0300', { prefix: 3, exact: 3 }],
      ['030012', { prefix: 2, exact: 0 }],
      ['はな', { prefix: 2, exact: 0 }],
      ['はなこ', { prefix: 2, exact: 2 }],
    ]);
    expect([...withoutCoveredKeys(keys).keys()]).toEqual(['030012', 'はな', 'はなこ']);
  });

  it('still finds a customer by the first word of the name, reading and romaji', () => {
    const hanako = customer();
    for (const query of ['田中', 'たなか', 'タナカ', 'tanaka', 'tana']) {
      expect(rankFor(hanako, query), query).toBe(1);
    }
  });
});

describe('the forms a typed query is looked up in', () => {
  it('looks up Hepburn romaji once, as typed: readings are indexed in Hepburn', () => {
    expect(queryForms('tanaka')).toEqual(['tanaka']);
    expect(queryForms('ＴＡＮＡ')).toEqual(['tana']);
  });

  it('also looks up other romaji spellings in Hepburn', () => {
    expect(queryForms('sinzi')).toEqual(['sinzi', 'shinji']);
    expect(queryForms('tina')).toEqual(['tina', 'china']);
    expect(queryForms('ru-')).toEqual(['ru-', 'ruu']);
  });

  it('looks up an English name only as typed', () => {
    expect(queryForms('John')).toEqual(['john']);
  });

  it('looks up katakana and half-width kana as hiragana', () => {
    expect(queryForms('タナカ')).toEqual(['たなか']);
    expect(queryForms('ﾀﾅｶ')).toEqual(['たなか']);
  });

  it('drops the space between words, matching the whole-name key', () => {
    expect(queryForms('田中　花子')).toEqual(['田中花子']);
  });

  it('looks up something phone-like as bare digits, from the start and, from four digits on, as a tail', () => {
    expect(queryForms('090')).toEqual(['090']);
    expect(queryForms('090-12')).toEqual(['09012', `${TRAILING_MARK}21090`]);
    expect(queryForms('(03) 1234')).toEqual(['031234', `${TRAILING_MARK}432130`]);
    expect(queryForms('０９０－１２')).toEqual(['09012', `${TRAILING_MARK}21090`]);
    expect(queryForms('5678')).toEqual(['5678', `${TRAILING_MARK}8765`]);
  });

  it('looks up an international Japanese number in national digits too', () => {
    expect(queryForms('+81 90')).toEqual(['8190', '090']);
    expect(queryForms('81-90-1234')).toEqual(['81901234', '0901234', `${TRAILING_MARK}43210918`]);
    // Four digits without a "+" are more likely the last four of a number than a country code.
    expect(queryForms('8190')).toEqual(['8190', `${TRAILING_MARK}0918`]);
  });

  it('does not turn a name with a digit into a phone query', () => {
    expect(queryForms('room 5')).toEqual(['room5']);
  });

  it('has nothing to look up for a blank query', () => {
    expect(queryForms('')).toEqual([]);
    expect(queryForms(' 　 ')).toEqual([]);
  });
});

describe('ranking how well a customer matches', () => {
  const hanako = customer({ phones: ['+819012345678'], email: 'hana@example.jp', tags: ['着物'] });

  it('ranks the whole name typed exactly first', () => {
    expect(rankFor(hanako, '田中花子')).toBe(0);
    expect(rankFor(hanako, '田中 花子')).toBe(0);
    expect(rankFor(hanako, 'tanakahanako')).toBe(0);
  });

  it('ranks the start of the whole name next', () => {
    expect(rankFor(hanako, '田中花')).toBe(1);
    expect(rankFor(hanako, 'tanakaha')).toBe(1);
  });

  it('ranks the start of a word after that', () => {
    expect(rankFor(hanako, '花子')).toBe(2);
    expect(rankFor(hanako, 'hana')).toBe(2);
    expect(rankFor(hanako, '着')).toBe(2);
  });

  it('ranks the start of the whole above a word even when both match', () => {
    // "たなか" is the start of "たなかはなこ" (1) and also the word "たなか" exactly (2).
    expect(rankFor(hanako, 'たなか')).toBe(1);
  });

  it('ranks a full phone number or email as exact', () => {
    expect(rankFor(hanako, '090-1234-5678')).toBe(0);
    expect(rankFor(hanako, 'hana@example.jp')).toBe(0);
  });

  it('ranks a match inside the name or on the trailing digits of a phone last', () => {
    expect(rankFor(hanako, '中花')).toBe(3);
    expect(rankFor(hanako, '5678')).toBe(3);
    expect(rankFor(hanako, '12345678')).toBe(3);
    expect(rankFor(hanako, '9012345678')).toBe(3);
  });

  it('finds trailing digits of any length from four on, and never fewer', () => {
    const landline = customer({ phones: ['+81312345678'] });
    for (let length = 4; length <= 9; length++) {
      const tail = '0312345678'.slice(-length);
      expect(rankFor(landline, tail), tail).toBe(3);
    }
    // Three digits would match a thousandth of the ledger; they only find numbers starting so.
    expect(rankFor(landline, '678')).toBe(Infinity);
    expect(rankFor(landline, '031')).toBe(2);
    // Digits that are in the number but not at its end are no match.
    expect(rankFor(landline, '1234')).toBe(Infinity);
  });

  it('ranks the whole number above the start of a number above its tail', () => {
    expect(rankFor(hanako, '09012345678')).toBe(0);
    expect(rankFor(hanako, '0901234')).toBe(2);
    expect(rankFor(hanako, '2345678')).toBe(3);
  });

  it('orders exact < start of whole < start of a word < inside', () => {
    const ranks = ['田中花子', '田中花', '花子', '中花'].map((q) => rankFor(hanako, q));
    expect(ranks).toEqual([0, 1, 2, 3]);
  });

  it('finds a reading with a long-vowel mark whichever script it was stored and typed in', () => {
    const inKatakana = customer({ name: 'Lucy Brown', reading: 'ルーシー ブラウン' });
    const inHiragana = customer({ name: 'Lucy Brown', reading: 'るーしー ぶらうん' });
    for (const query of ['るー', 'ルーシー', 'ﾙｰｼｰ', 'ruushii']) {
      expect(rankFor(inKatakana, query), query).toBe(1);
      expect(rankFor(inHiragana, query), query).toBe(1);
    }
  });

  it('is Infinity when nothing matches', () => {
    expect(rankFor(hanako, '佐藤')).toBe(Infinity);
    expect(rankFor(hanako, '080')).toBe(Infinity);
    expect(matchRank(buildSearchIndex(hanako), [])).toBe(Infinity);
  });

  it('treats a key without a stored rank as matching only inside', () => {
    const index: SearchIndex = { searchKeys: ['たなか'], searchRanks: [] };
    expect(matchRank(index, ['たなか'])).toBe(3);
  });
});

describe('the 50音 sort key', () => {
  it('uses the reading in hiragana without spaces', () => {
    expect(customerSortKey({ name: '田中 花子', reading: 'タナカ ハナコ' })).toBe('たなかはなこ');
  });

  it('falls back to the name when no reading was given', () => {
    expect(customerSortKey({ name: 'John Smith', reading: '' })).toBe('johnsmith');
    expect(customerSortKey({ name: '田中 花子', reading: '　' })).toBe('田中花子');
  });
});
