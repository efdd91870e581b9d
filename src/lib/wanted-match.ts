/**
 * 探しもの帳: what counts as "the thing they were looking for came in". Pure, so the buy-in's own
 * transaction and the app's regular look at the week's buy-ins decide alike, and the rule can be
 * told to an owner in one sentence:
 *
 *   an item the shop bought matches a wanted item when it is in the wanted item's category (any,
 *   when none was chosen), every word of "Looking for" appears in its description or features
 *   (as the ledger's search folds text: full-width, case and katakana/hiragana do not matter),
 *   the shop paid no more for one piece than the customer's top price, and the wanted item's last
 *   day has not passed.
 *
 * A Japanese phrase typed without spaces (有田焼の花瓶) counts by its words (有田, 焼, 花瓶): the
 * browser's word segmenter splits it, and one-kana particles (の, と, や) are left out. Which open
 * wanted items to test is found by category through an index (src/db/wanted), never by reading
 * every card.
 */
import { foldForLedgerSearch } from './ledger-search';
import { charCount } from './char-count';
import { dayNumber, dayOfIsoDate, startOfDayNumber } from './days';
import type { FieldError } from './customer-input';
import { parseYen } from './yen';
import { ITEM_CATEGORIES, type ItemCategory } from './kobutsu-rules';
import type { WantedCategory, WantedItem } from '../model/types';

export const WANTED_TEXT_MAX = 200;
export const ANY_CATEGORY = 'any';
export const WANTED_CATEGORIES: readonly WantedCategory[] = [ANY_CATEGORY, ...ITEM_CATEGORIES];

/** What the match needs of an item the shop bought. */
export interface ArrivedItem {
  category: ItemCategory;
  description: string;
  features: string;
  quantity: number;
  /** Yen paid for the whole line. */
  price: number;
}

export type WantedCriteria = Pick<WantedItem, 'text' | 'category' | 'maxPrice' | 'until'>;

const SPLIT = /[\s\u3000,、。.,/・:;()（）「」『』!?！？]+/;
const ONE_KANA = /^[\u3041-\u309f]$/;

let segmenter: Intl.Segmenter | undefined | null;
function wordSegmenter(): Intl.Segmenter | undefined {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl.Segmenter === 'function'
        ? new Intl.Segmenter('ja', { granularity: 'word' })
        : null;
  }
  return segmenter ?? undefined;
}

/** Pieces of one typed word: itself when it has no Japanese in it, its words when it does. */
function piecesOf(word: string): string[] {
  const segments = wordSegmenter();
  if (!segments || !/[\u3040-\u30ff\u3400-\u9fff]/.test(word)) return [word];
  return [...segments.segment(word)]
    .map((s) => s.segment)
    .filter((piece) => piece.trim() && !ONE_KANA.test(piece));
}

/**
 * The words an item must show, each as alternatives any one of which will do: the word as typed,
 * or all of its pieces ("有田焼の花瓶" is found as itself, or as 有田 + 焼 + 花瓶).
 */
export function wantedWords(text: string): string[][][] {
  return text
    .normalize('NFKC')
    .split(SPLIT)
    .filter(Boolean)
    .map((word) => {
      const whole = foldForLedgerSearch(word);
      const pieces = piecesOf(word).map(foldForLedgerSearch).filter(Boolean);
      // An English plural finds the singular too ("vases" → a "vase").
      const singular = /^[a-z]{4,}s$/.test(whole) ? [[whole.slice(0, -1)]] : [];
      return [[whole], ...(pieces.length > 1 ? [pieces] : []), ...singular];
    })
    .filter((alternatives) => alternatives[0]![0]);
}

function showsWord(itemText: string, alternatives: string[][]): boolean {
  return alternatives.some((pieces) => pieces.every((piece) => itemText.includes(piece)));
}

/** Whether an item the shop bought is what a wanted item asks for (see the rule above). */
export function matchesWanted(wanted: WantedCriteria, item: ArrivedItem, now: number): boolean {
  if (wanted.category !== ANY_CATEGORY && wanted.category !== item.category) return false;
  if (wanted.until !== undefined && dayNumber(now) > dayNumber(wanted.until)) return false;
  if (wanted.maxPrice !== undefined && item.price / Math.max(1, item.quantity) > wanted.maxPrice)
    return false;
  const words = wantedWords(wanted.text);
  if (words.length === 0) return false;
  const itemText = foldForLedgerSearch(`${item.description}\n${item.features}`);
  return words.every((alternatives) => showsWord(itemText, alternatives));
}

/** A wanted item as typed on the card. */
export interface WantedInput {
  text: string;
  category: WantedCategory;
  minPrice: string;
  maxPrice: string;
  /** yyyy-mm-dd, or empty. */
  until: string;
}

export type WantedFields = Pick<
  WantedItem,
  'text' | 'category' | 'minPrice' | 'maxPrice' | 'until'
>;

/** Checks a wanted item as typed; the form and the data layer use the same rules. */
export function parseWanted(
  input: WantedInput,
): { ok: true; value: WantedFields } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const text = input.text.trim();
  if (!text) errors.push({ field: 'text', code: 'required' });
  else if (charCount(text) > WANTED_TEXT_MAX)
    errors.push({ field: 'text', code: 'tooLong', max: WANTED_TEXT_MAX });
  if (!WANTED_CATEGORIES.includes(input.category))
    errors.push({ field: 'category', code: 'invalid' });
  const minPrice = parseYen(input.minPrice);
  const maxPrice = parseYen(input.maxPrice);
  if (Number.isNaN(minPrice)) errors.push({ field: 'minPrice', code: 'invalidAmount' });
  if (Number.isNaN(maxPrice)) errors.push({ field: 'maxPrice', code: 'invalidAmount' });
  else if (
    minPrice !== undefined &&
    maxPrice !== undefined &&
    !Number.isNaN(minPrice) &&
    maxPrice < minPrice
  )
    errors.push({ field: 'maxPrice', code: 'invalid' });
  const typedUntil = input.until.trim();
  const untilDay = typedUntil ? dayOfIsoDate(typedUntil) : undefined;
  if (typedUntil && untilDay === undefined) errors.push({ field: 'until', code: 'invalidDate' });
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      text,
      category: input.category,
      ...(minPrice !== undefined ? { minPrice } : {}),
      ...(maxPrice !== undefined ? { maxPrice } : {}),
      ...(untilDay !== undefined ? { until: startOfDayNumber(untilDay) } : {}),
    },
  };
}
