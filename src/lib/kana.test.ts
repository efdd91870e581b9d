import fc from 'fast-check';
import { toHiragana, toKatakana, toRomaji } from 'wanakana';
import { describe, expect, it } from 'vitest';
import {
  compact,
  isHiraganaReading,
  kanaToRomaji,
  normalizeText,
  romajiToHiragana,
  wordsOf,
} from './kana';

describe('normalising what staff type and what the ledger stores', () => {
  it('folds full-width latin letters and digits to half-width', () => {
    expect(normalizeText('ＴＡＮＡＫＡ１２３')).toBe('tanaka123');
    expect(normalizeText('０９０－１２３４')).toBe('090-1234');
  });

  it('turns half-width katakana from an old register printout into hiragana, voiced marks included', () => {
    expect(normalizeText('ﾀﾅｶ ﾊﾅｺ')).toBe('たなか はなこ');
    expect(normalizeText('ｶﾞｷﾞｸﾞ')).toBe('がぎぐ');
    expect(normalizeText('ﾊﾟﾝ')).toBe('ぱん');
  });

  it('turns full-width katakana into hiragana', () => {
    expect(normalizeText('スズキ')).toBe('すずき');
    expect(normalizeText('ヴァイオリン')).toBe('ゔぁいおりん');
  });

  it('reads a long-vowel mark the same whether the reading was typed in katakana or hiragana', () => {
    expect(normalizeText('ルーシー')).toBe('るうしい');
    expect(normalizeText('るーしー')).toBe('るうしい');
    expect(normalizeText('ﾙｰｼｰ')).toBe('るうしい');
  });

  it('lowercases latin text but leaves kanji alone', () => {
    expect(normalizeText('John SMITH')).toBe('john smith');
    expect(normalizeText('田中 花子')).toBe('田中 花子');
  });

  it('collapses ideographic and repeated spaces into one and trims the ends', () => {
    expect(normalizeText('田中　花子')).toBe('田中 花子');
    expect(normalizeText('　 タナカ　　 ハナコ \t')).toBe('たなか はなこ');
    expect(normalizeText('   ')).toBe('');
  });

  it('keeps latin letters latin when a name mixes scripts', () => {
    expect(normalizeText('ＭＡＲＹ　アン')).toBe('mary あん');
  });

  it('gives what wanakana gives for any text, though most text skips it (keys stored before must still be found)', () => {
    const throughWanakana = (input: string) => {
      const folded = input.normalize('NFKC').toLowerCase().replace(/[\s\u3000]+/g, ' ').trim();
      return toHiragana(toKatakana(folded, { passRomaji: true }), { passRomaji: true });
    };
    // Every kana code unit and its neighbours, with what text at the counter mixes them with.
    const kana = Array.from({ length: 0x3100 - 0x3040 }, (_, i) => String.fromCharCode(0x3040 + i));
    const alphabet = [...kana, '田', '中', 'a', 'Z', '0', '-', '－', ' ', '\u3000', 'ｶ', 'ﾞ', 'ｰ', '･', '々', '😀'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        expect(normalizeText(text)).toBe(throughWanakana(text));
      }),
      { numRuns: 20_000 },
    );
    for (const text of ['やまだ たろう', 'ゕゖ', 'ゔぁ', 'かー', 'か-', '田中・花子', 'ヶ月', '一ヵ所', 'ゝゞ', 'ｶｰ']) {
      expect(normalizeText(text), text).toBe(throughWanakana(text));
    }
  });

  it('is stable: normalising twice changes nothing', () => {
    for (const typed of ['ﾀﾅｶ　ﾊﾅｺ', 'ＪＯＨＮ', 'ヴァイオリン', '０９０－１２']) {
      const once = normalizeText(typed);
      expect(normalizeText(once), typed).toBe(once);
    }
  });
});

describe('romaji typed on a latin keyboard', () => {
  it('converts clean Hepburn and Kunrei romaji to hiragana', () => {
    expect(romajiToHiragana('tanaka')).toBe('たなか');
    expect(romajiToHiragana('shinji')).toBe('しんじ');
    expect(romajiToHiragana('sinzi')).toBe('しんじ');
    expect(romajiToHiragana('kyouko')).toBe('きょうこ');
  });

  it('drops spaces between words, the way the index stores a whole reading', () => {
    expect(romajiToHiragana('tanaka hanako')).toBe('たなかはなこ');
  });

  it('understands an apostrophe that separates ん from a vowel', () => {
    expect(romajiToHiragana("shin'ichi")).toBe('しんいち');
  });

  it('leaves an English name alone instead of half-converting it', () => {
    expect(romajiToHiragana('john')).toBeUndefined();
    expect(romajiToHiragana('smith')).toBeUndefined();
  });

  it('leaves input with digits or kana alone', () => {
    expect(romajiToHiragana('tanaka1')).toBeUndefined();
    expect(romajiToHiragana('090')).toBeUndefined();
    expect(romajiToHiragana('たなか')).toBeUndefined();
    expect(romajiToHiragana('taなか')).toBeUndefined();
  });

  it('expects normalised input: capitals are not romaji until normalizeText lowercases them', () => {
    expect(romajiToHiragana('TANAKA')).toBeUndefined();
    expect(romajiToHiragana(normalizeText('TANAKA'))).toBe('たなか');
  });
});

describe('a reading written out in romaji', () => {
  it('is Hepburn without the apostrophes, so staff can type it without one', () => {
    expect(kanaToRomaji('しんいち')).toBe('shinichi');
    expect(kanaToRomaji('じゅんいちろう')).toBe('junichirou');
  });

  it('keeps the spaces between words', () => {
    expect(kanaToRomaji('たなか はなこ')).toBe('tanaka hanako');
  });

  it('is the same word by word as for the whole reading, whatever sits beside a space', () => {
    // Words are converted apart (and remembered): that must never read a sound across a space.
    const asWhole = (reading: string) => toRomaji(reading).replace(/'/g, '');
    const edges = ['ん', 'っ', 'ー', 'ゃ', 'あ', 'や', 'しん', 'かっ', 'らー', 'いち', 'ゆう'];
    for (const before of edges) {
      for (const after of edges) {
        const reading = `${before} ${after}`;
        expect(kanaToRomaji(reading), reading).toBe(asWhole(reading));
      }
    }
    const hiragana = fc.string({ unit: fc.constantFrom(...'あいうえおかきくけこしんっゃゅょーたなはまやらわ '.split('')), maxLength: 12 });
    fc.assert(
      fc.property(hiragana, (reading) => {
        // Asked twice: the remembered words give what converting them did.
        expect(kanaToRomaji(reading)).toBe(asWhole(reading));
        expect(kanaToRomaji(reading)).toBe(asWhole(reading));
      }),
    );
  });

  it('round-trips a reading through romaji back to the same hiragana', () => {
    for (const reading of ['たなか', 'わたなべみさき', 'きょうこ', 'さとう']) {
      expect(romajiToHiragana(kanaToRomaji(reading)), reading).toBe(reading);
    }
  });
});

describe('words and the whole', () => {
  it('splits a normalised string into its words, ignoring empty ones', () => {
    expect(wordsOf('田中 花子')).toEqual(['田中', '花子']);
    expect(wordsOf('john')).toEqual(['john']);
    expect(wordsOf('')).toEqual([]);
  });

  it('joins the words into one string without spaces', () => {
    expect(compact('たなか はなこ')).toBe('たなかはなこ');
    expect(compact('a b c')).toBe('abc');
    expect(compact('')).toBe('');
  });

  it('recognises a reading written only in hiragana (with spaces and long-vowel marks)', () => {
    expect(isHiraganaReading('たなか はなこ')).toBe(true);
    expect(isHiraganaReading('こーひー')).toBe(true);
    expect(isHiraganaReading('田中')).toBe(false);
    expect(isHiraganaReading('tanaka')).toBe(false);
    expect(isHiraganaReading('')).toBe(false);
  });
});
