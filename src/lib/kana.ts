/**
 * Text normalisation shared by the search index (write side) and the search box (read side).
 * Both sides must normalise identically, otherwise a stored key can never be found again.
 */
import { isKana, toHiragana, toKatakana, toRomaji } from 'wanakana';

const WHITESPACE = /[\s\u3000]+/g;

/**
 * What the kana conversion below can change: katakana, ・ and ー, and ゕ ゖ (which come back as the
 * katakana ヵ ヶ, kept as symbols). Text without them comes out of it as it went in: kanji, latin,
 * digits, and hiragana otherwise (shifted to katakana and back). That is most of what the ledger
 * normalises (names in kanji, phones, emails, readings in hiragana), and wanakana walks text a
 * character at a time through arrays: it was most of an import's normalising, and a pull's.
 */
const CONVERTED_KANA = /[\u3095-\u30fc]/;

/** NFKC folds full-width latin/digits to half-width and half-width katakana to full-width. */
export function normalizeText(input: string): string {
  const folded = input.normalize('NFKC').toLowerCase().replace(WHITESPACE, ' ').trim();
  if (!CONVERTED_KANA.test(folded)) return folded;
  // passRomaji: only kana change here; latin stays latin. Going through katakana first makes a
  // long-vowel mark read the same in either script: wanakana turns ルーシー into るうしい but leaves
  // るーしー as typed, so a reading stored in one script could not be found by typing the other.
  return toHiragana(toKatakana(folded, { passRomaji: true }), { passRomaji: true });
}

/** Whitespace-separated words of a normalised string. */
export function wordsOf(normalized: string): string[] {
  return normalized.split(' ').filter(Boolean);
}

export function compact(normalized: string): string {
  return normalized.replace(/ /g, '');
}

const ROMAJI_ONLY = /^[a-z' -]+$/;

/**
 * Romaji typed on a latin keyboard, as hiragana, when every letter converts ("tanaka" → "たなか",
 * "sinzi" → "しんじ"); undefined for anything else ("john" → "じょhん" is not clean).
 */
export function romajiToHiragana(normalized: string): string | undefined {
  if (!ROMAJI_ONLY.test(normalized)) return undefined;
  const kana = toHiragana(compact(normalized));
  return isKana(kana) ? kana : undefined;
}

/**
 * Words of readings already put in romaji. Readings are made of a few thousand family and given
 * names (たなか, はなこ), so an import of 50,000 cards converts each of them once rather than every
 * time: wanakana's conversion was about a tenth of the import worker's time. Bounded, so a long
 * session's searches cannot grow it.
 */
const romajiOfWords = new Map<string, string>();
const ROMAJI_WORDS_KEPT = 4096;

function romajiOfWord(word: string): string {
  let romaji = romajiOfWords.get(word);
  if (romaji === undefined) {
    if (romajiOfWords.size >= ROMAJI_WORDS_KEPT) romajiOfWords.clear();
    romajiOfWords.set(word, (romaji = toRomaji(word).replace(/'/g, '')));
  }
  return romaji;
}

/**
 * Hepburn romaji of a kana reading without the apostrophes wanakana adds ("shin'ichi" → "shinichi"),
 * word by word: wanakana reads no sound across a space (a test holds this for ん, っ and ー at
 * either side of one), so the words converted apart give what the whole reading would.
 */
export function kanaToRomaji(hiragana: string): string {
  return hiragana.split(' ').map(romajiOfWord).join(' ');
}

const HIRAGANA_ONLY = /^[\u3041-\u309f\u30fc ]+$/;

export function isHiraganaReading(normalized: string): boolean {
  return HIRAGANA_ONLY.test(normalized);
}
