/**
 * The customer search index. Each customer row carries `searchKeys`, a multi-entry IndexedDB index,
 * so every lookup is a handful of prefix range scans instead of a table scan: that is what keeps
 * search flat from 10,000 to 200,000 customers.
 *
 * Keys per customer:
 * - name: each word, the whole name without spaces, and (for Japanese names) every suffix of it,
 *   so "花子" finds "田中花子" even when typed without a space;
 * - reading: in hiragana and in Hepburn romaji, each word and the whole;
 * - phones: national digits ("09012345678"), international digits ("819012345678"), last four;
 * - email, handles and tags, normalised.
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
}

const LATIN = /^[a-z0-9 .'-]*$/;
const MAX_SUFFIX_SOURCE = 16;

/** Match quality, lower is better; see matchRank. */
const EXACT = 0;
const WHOLE_PREFIX = 1;
const WORD_PREFIX = 2;
const INSIDE = 3;

interface KeyRank {
  /** rank when the query is the start of this key */
  prefix: number;
  /** rank when the query is this key exactly */
  exact: number;
}

function indexedKeys(c: SearchableCustomer): Map<string, KeyRank> {
  const keys = new Map<string, KeyRank>();
  const add = (key: string, prefix: number, exact = prefix) => {
    if (!key) return;
    const seen = keys.get(key);
    keys.set(key, {
      prefix: Math.min(prefix, seen?.prefix ?? prefix),
      exact: Math.min(exact, seen?.exact ?? exact),
    });
  };
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

  for (const phone of c.phones) {
    const national = nationalDigits(phone);
    add(national, WORD_PREFIX, EXACT);
    add(digitsOnly(phone), WORD_PREFIX, EXACT);
    if (national.length > 4) add(national.slice(-4), INSIDE);
  }

  if (c.email) add(normalizeText(c.email), WORD_PREFIX, EXACT);
  for (const handle of c.handles) add(normalizeText(handle.value), WORD_PREFIX, EXACT);
  for (const tag of c.tags) {
    const t = normalizeText(tag);
    for (const word of wordsOf(t)) add(word, WORD_PREFIX);
    add(compact(t), WORD_PREFIX);
  }
  return keys;
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
 * - something phone-like: bare digits ("090-12" → "09012"), as phones are indexed.
 */
export function queryForms(query: string): string[] {
  const normalized = normalizeText(query);
  if (!normalized) return [];
  if (/^[\d\s()+-]+$/.test(normalized) && /\d/.test(normalized)) return [digitsOnly(normalized)];
  const forms = new Set<string>([compact(normalized)]);
  const kana = romajiToHiragana(normalized);
  // Normalised again so "ru-" folds its long-vowel mark the way stored readings do.
  if (kana) forms.add(compact(kanaToRomaji(normalizeText(kana))));
  return [...forms];
}

/**
 * How well a customer matches, lower is better: 0 the whole name, reading or a contact exactly;
 * 1 the start of the whole name or reading; 2 the start of any word, phone, email or tag;
 * 3 only inside a name or the last digits of a phone; Infinity when nothing matches.
 */
export function matchRank(index: SearchIndex, forms: readonly string[]): number {
  let best = Infinity;
  const { searchKeys, searchRanks } = index;
  for (let i = 0; i < searchKeys.length; i++) {
    const key = searchKeys[i]!;
    const rank = searchRanks[i] ?? INSIDE * 4 + INSIDE;
    for (const form of forms) {
      if (key === form) best = Math.min(best, rank % 4);
      else if (key.startsWith(form)) best = Math.min(best, Math.floor(rank / 4));
    }
  }
  return best;
}
