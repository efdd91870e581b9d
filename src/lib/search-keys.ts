/**
 * The customer search index. Each customer row carries `searchKeys`, a multi-entry IndexedDB index,
 * so every lookup is a handful of prefix range scans instead of a table scan: that is what keeps
 * search flat from 10,000 to 200,000 customers.
 *
 * Keys per customer:
 * - name: each word, the whole name without spaces, and (for Japanese names) every suffix of it,
 *   so "花子" finds "田中花子" even when typed without a space;
 * - reading: in hiragana and in Hepburn romaji, each word and the whole;
 * - phones: national digits ("09012345678"; other countries' numbers in international digits),
 *   and the same digits reversed behind TRAILING_MARK, so trailing digits of any length are a
 *   prefix lookup too ("5678", a landline's "1234-5678" without its area code);
 * - the member number another system (a POS) gave the customer;
 * - email, handles and tags, normalised.
 * A key that a longer key of the same card starts with is left out when that changes no search
 * (see withoutCoveredKeys).
 */
import { compact, isHiraganaReading, kanaToRomaji, normalizeText, romajiToHiragana, wordsOf } from './kana';
import { digitsOnly, nationalDigits } from './phone-digits';

export interface SearchableCustomer {
  name: string;
  reading: string;
  phones: readonly string[];
  email: string;
  handles: readonly { value: string }[];
  tags: readonly string[];
  memberNumber?: string;
}

/**
 * Starts the key of a phone's digits written backwards: a query's trailing digits, reversed, are
 * then the start of that key, found by the same sorted prefix lookup as every other key, as fast at
 * 200,000 cards as at 10,000. A private-use character no keyboard or IME types; no other key may
 * start with it (see `add`), so a trailing query can only ever find phones.
 */
export const TRAILING_MARK = '\uE000';

/**
 * Fewest trailing digits looked up. Three would find about one card in a thousand: 50 cards at
 * 50,000 customers and 200 at 200,000, a screenful of strangers. Four ("下4桁", what a customer
 * says at the counter) find about one in ten thousand: a handful at 50,000, about twenty at
 * 200,000. Shorter input still finds numbers that start with it.
 */
export const MIN_TRAILING_DIGITS = 4;

function reversed(digits: string): string {
  let out = '';
  for (let i = digits.length - 1; i >= 0; i--) out += digits[i];
  return out;
}

/** The key under which a number's trailing digits are found: its digits backwards, marked. */
export function trailingDigitsKey(digits: string): string {
  return TRAILING_MARK + reversed(digits);
}

const LATIN = /^[a-z0-9 .'-]*$/;
const MAX_SUFFIX_SOURCE = 16;

/** Match quality, lower is better; see matchRank. */
const EXACT = 0;
const WHOLE_PREFIX = 1;
const WORD_PREFIX = 2;
const INSIDE = 3;

export interface KeyRank {
  /** rank when the query is the start of this key */
  prefix: number;
  /** rank when the query is this key exactly */
  exact: number;
}

function indexedKeys(c: SearchableCustomer): Map<string, KeyRank> {
  const keys = new Map<string, KeyRank>();
  const put = (key: string, prefix: number, exact = prefix) => {
    if (!key) return;
    const seen = keys.get(key);
    keys.set(key, {
      prefix: Math.min(prefix, seen?.prefix ?? prefix),
      exact: Math.min(exact, seen?.exact ?? exact),
    });
  };
  // Typed text never starts with the trailing mark: it would be found as a phone's tail.
  const add = (key: string, prefix: number, exact = prefix) =>
    put(key.startsWith(TRAILING_MARK) ? key.slice(TRAILING_MARK.length) : key, prefix, exact);
  const addWordsAndWhole = (normalized: string) => {
    for (const word of wordsOf(normalized)) add(word, WORD_PREFIX);
    add(compact(normalized), WHOLE_PREFIX, EXACT);
  };

  const name = normalizeText(c.name);
  addWordsAndWhole(name);
  const wholeName = compact(name);
  if (!LATIN.test(name) && wholeName.length <= MAX_SUFFIX_SOURCE) {
    for (let i = 1; i < wholeName.length; i++) add(wholeName.slice(i), INSIDE);
  }

  const reading = normalizeText(c.reading);
  if (reading) {
    addWordsAndWhole(reading);
    if (isHiraganaReading(reading)) addWordsAndWhole(kanaToRomaji(reading));
  }

  // A Japanese number is indexed in national digits only: a query in international digits
  // ("81 90…") is looked up in national form too (see queryForms). Its trailing digits, of any
  // length, rank below a number typed from its start.
  for (const phone of c.phones) {
    const national = nationalDigits(phone);
    add(national, WORD_PREFIX, EXACT);
    if (national) put(trailingDigitsKey(national), INSIDE);
  }
  if (c.memberNumber) add(compact(normalizeText(c.memberNumber)), WORD_PREFIX, EXACT);

  if (c.email) add(normalizeText(c.email), WORD_PREFIX, EXACT);
  for (const handle of c.handles) add(normalizeText(handle.value), WORD_PREFIX, EXACT);
  for (const tag of c.tags) {
    const t = normalizeText(tag);
    for (const word of wordsOf(t)) add(word, WORD_PREFIX);
    add(compact(t), WORD_PREFIX);
  }
  return withoutCoveredKeys(keys);
}

/**
 * Drops each key that a longer key of the same customer starts with, when the longer one ranks
 * at least as well as the shorter one typed exactly: every query that finds the shorter key then
 * finds the longer one at the same or a better rank, so no search result or rank changes. The
 * first word of a name or reading ("たなか" under "たなかはなこ") is the usual case. Each key is
 * one more IndexedDB index entry to write on every change to the card, so fewer keys make
 * imports and note saves faster.
 */
export function withoutCoveredKeys(keys: Map<string, KeyRank>): Map<string, KeyRank> {
  const sorted = [...keys.keys()].sort();
  const covered = new Set<string>();
  // In sorted order the keys that start with a key come right after it.
  for (let i = 0; i < sorted.length; i++) {
    const key = sorted[i]!;
    const { exact } = keys.get(key)!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.startsWith(key); j++) {
      if (keys.get(sorted[j]!)!.prefix <= exact) {
        covered.add(key);
        break;
      }
    }
  }
  if (covered.size === 0) return keys;
  return new Map([...keys].filter(([key]) => !covered.has(key)));
}

/**
 * What a customer row stores for search: `searchKeys` (the multi-entry index) and, in step,
 * `searchRanks` so results can be ranked from the row alone, without normalising text again
 * for every candidate while someone is typing.
 */
export interface SearchIndex {
  searchKeys: string[];
  searchRanks: number[];
}

export function buildSearchIndex(c: SearchableCustomer): SearchIndex {
  const searchKeys: string[] = [];
  const searchRanks: number[] = [];
  for (const [key, rank] of indexedKeys(c)) {
    searchKeys.push(key);
    searchRanks.push(rank.prefix * 4 + rank.exact);
  }
  return { searchKeys, searchRanks };
}

/** Sort key for the 50音 list: the reading in hiragana, or the name when no reading was given. */
export function customerSortKey(c: Pick<SearchableCustomer, 'name' | 'reading'>): string {
  return compact(normalizeText(c.reading)) || compact(normalizeText(c.name));
}

/**
 * The forms a typed query is looked up in, usually just one (each form costs a range scan):
 * - kana, kanji, latin: as typed, normalised, spaces removed;
 * - clean romaji: also in Hepburn when that differs ("sinzi" → "shinji", "tina" → "china"),
 *   because every reading is indexed in Hepburn romaji besides hiragana;
 * - something phone-like: bare digits ("090-12" → "09012"), as phones are indexed, and an
 *   international Japanese number also in national digits ("+81 90" → "8190", "090");
 * - four digits or more typed without a "+": also as the trailing digits of a number ("5678",
 *   "1234-5678" for 03-1234-5678), reversed as they are indexed.
 */
export function queryForms(query: string): string[] {
  const normalized = normalizeText(query);
  if (!normalized) return [];
  if (/^[\d\s()+-]+$/.test(normalized) && /\d/.test(normalized)) {
    const digits = digitsOnly(normalized);
    // Japanese numbers are indexed in national digits; "+81 90" or "8190123" is looked up that
    // way as well (four digits without a "+" are more likely the last four of a number).
    const plus = normalized.startsWith('+');
    const international = digits.startsWith('81') && (plus || digits.length > 4);
    const forms = international ? [digits, `0${digits.slice(2)}`] : [digits];
    if (!plus && digits.length >= MIN_TRAILING_DIGITS) forms.push(trailingDigitsKey(digits));
    return forms;
  }
  const forms = new Set<string>([compact(normalized)]);
  const kana = romajiToHiragana(normalized);
  // Normalised again so "ru-" folds its long-vowel mark the way stored readings do.
  if (kana) forms.add(compact(kanaToRomaji(normalizeText(kana))));
  return [...forms];
}

/**
 * How well a customer matches, lower is better: 0 the whole name, reading, a contact or the member
 * number exactly; 1 the start of the whole name or reading; 2 the start of any word, phone, email,
 * tag or member number; 3 only inside a name or the trailing digits of a phone; Infinity when
 * nothing matches.
 */
export function matchRank(
  index: { searchKeys: readonly string[]; searchRanks: readonly number[] | string },
  forms: readonly string[],
): number {
  let best = Infinity;
  const { searchKeys, searchRanks } = index;
  for (let i = 0; i < searchKeys.length; i++) {
    const key = searchKeys[i]!;
    // The ranks as a row stores them, or one character each as the search index holds them.
    const rank =
      i >= searchRanks.length ? INSIDE * 4 + INSIDE : typeof searchRanks === 'string' ? searchRanks.charCodeAt(i) : searchRanks[i]!;
    for (const form of forms) {
      if (key === form) best = Math.min(best, rank % 4);
      else if (key.startsWith(form)) best = Math.min(best, Math.floor(rank / 4));
    }
  }
  return best;
}
