/**
 * The second-hand dealers law (古物営業法) as data: which buy-ins need the seller's identity checked
 * and a ledger record, which sales need a record, what a minor's sale needs, what must never be
 * stored, and how long records are kept. Pure functions, so the forms (to say which rule applies
 * before saving) and the data layer (to refuse an incomplete record) decide the same way.
 *
 * What this relies on (public sources, checked 2026):
 * - 古物営業法 第15条第1項: before buying, confirm the seller's 住所・氏名・職業・年齢 by one of the
 *   listed measures (1号: confirm them, in practice from an ID document shown such as a driver's
 *   licence or health-insurance card, 施行規則 第15条第1項; 2号: a signed statement handed over,
 *   written in front of staff, 施行規則 第15条第2項; 3号/4号: electronic signature and the other
 *   methods of 施行規則 第15条第3項, mostly for non-face-to-face trade).
 * - 第15条第2項第1号 with 施行規則 第16条: no check is needed when the total paid (対価の総額) is under
 *   ¥10,000, except for motorcycles and mopeds and their parts, home video-game software, things
 *   recording sound or images by optical means (CD, DVD, Blu-ray) and books (the last two since
 *   1 April 2011). Police guidance (e.g. 山梨県警察, 岐阜県警察) states the same list.
 * - 第16条: the record holds 取引の年月日, 古物の品目及び数量, 古物の特徴, the other party's 住所・氏名・職業・
 *   年齢 and the measure taken to confirm them (区分及び方法). The same exemptions apply; it may be kept
 *   electronically. Selling needs a record only for some goods (works of art, watches and jewellery,
 *   cars, motorcycles and their parts); public summaries differ on whether the ¥10,000 threshold
 *   applies to each, so the shop's owner sets those rules (DEFAULT_SALE_RECORD_RULES is the cautious
 *   reading).
 * - 第18条: records are kept for three years (from the last entry).
 * - Minors: prefectural youth ordinances (e.g. 東京都青少年の健全な育成に関する条例 第15条) forbid buying
 *   from anyone under 18 unless a guardian asked, came along or consented; adulthood is 18 since
 *   April 2022 (民法 第4条).
 * - My Number (個人番号): the law on its use (番号法) lets a shop look at the card as an ID but not
 *   keep the number; its check digit is defined in 総務省令第85号 第5条.
 */

/** Kinds of goods at the counter, each tied to one of the law's 13 classes (施行規則 第2条). */
export const ITEM_CATEGORIES = [
  'clothing',
  'watch-jewellery',
  'bags-shoes',
  'art',
  'household',
  'game-software',
  'recorded-media',
  'books',
  'game-consoles',
  'electronics',
  'camera',
  'office-equipment',
  'tools',
  'bicycle',
  'motorcycle',
  'motorcycle-parts',
  'car',
  'vouchers',
  'other',
] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

export const LAW_CLASSES = [
  'art',
  'clothing',
  'watch-jewellery',
  'car',
  'motorcycle',
  'bicycle',
  'camera',
  'office-equipment',
  'machinery-tools',
  'goods',
  'leather-rubber',
  'books',
  'vouchers',
] as const;
export type LawClass = (typeof LAW_CLASSES)[number];

/** 古物の区分: game consoles and electrical goods count as machinery, software and discs as goods. */
export const LAW_CLASS_OF: Readonly<Record<ItemCategory, LawClass>> = {
  clothing: 'clothing',
  'watch-jewellery': 'watch-jewellery',
  'bags-shoes': 'leather-rubber',
  art: 'art',
  household: 'goods',
  'game-software': 'goods',
  'recorded-media': 'goods',
  books: 'books',
  'game-consoles': 'machinery-tools',
  electronics: 'machinery-tools',
  camera: 'camera',
  'office-equipment': 'office-equipment',
  tools: 'machinery-tools',
  bicycle: 'bicycle',
  motorcycle: 'motorcycle',
  'motorcycle-parts': 'motorcycle',
  car: 'car',
  vouchers: 'vouchers',
  other: 'goods',
};

/** 対価の総額 at or above this (yen) needs the check and the record (施行規則 第16条第1項). */
export const RECORD_THRESHOLD_YEN = 10_000;

/** Bought at any price, these always need the check and the record (施行規則 第16条第2項). */
export const ALWAYS_RECORDED: ReadonlySet<ItemCategory> = new Set<ItemCategory>([
  'motorcycle',
  'motorcycle-parts',
  'game-software',
  'recorded-media',
  'books',
]);

export interface PricedItem {
  category: ItemCategory;
  /** Yen paid for this line (all of its quantity). */
  price: number;
}

export interface RecordRuleOutcome {
  required: boolean;
  /** The total reached the threshold. */
  byTotal: boolean;
  /** Categories in the transaction that need a record whatever the price, in category order. */
  categories: ItemCategory[];
  total: number;
}

export function totalOf(items: readonly PricedItem[]): number {
  return items.reduce((sum, item) => sum + item.price, 0);
}

function categoriesIn(items: readonly PricedItem[], wanted: (category: ItemCategory) => boolean): ItemCategory[] {
  const present = new Set(items.map((item) => item.category));
  return ITEM_CATEGORIES.filter((category) => present.has(category) && wanted(category));
}

/**
 * Whether buying these items needs the seller's identity checked and a ledger record. The
 * threshold is on the whole transaction's total, not per item: two ¥6,000 items need a record.
 */
export function buyInRecordRule(items: readonly PricedItem[]): RecordRuleOutcome {
  const total = totalOf(items);
  const byTotal = items.length > 0 && total >= RECORD_THRESHOLD_YEN;
  const categories = categoriesIn(items, (category) => ALWAYS_RECORDED.has(category));
  return { required: byTotal || categories.length > 0, byTotal, categories, total };
}

/** For each category: never recorded when sold, recorded from the threshold, or always. */
export type SaleRecordMode = 'never' | 'threshold' | 'always';

export interface SaleRecordRules {
  /** Yen; a sale whose total reaches it is recorded for categories set to 'threshold'. */
  threshold: number;
  byCategory: Partial<Record<ItemCategory, SaleRecordMode>>;
}

/** The cautious reading of 第16条 for sales; the owner can change it (see the module comment). */
export const DEFAULT_SALE_RECORD_RULES: SaleRecordRules = {
  threshold: RECORD_THRESHOLD_YEN,
  byCategory: {
    art: 'threshold',
    'watch-jewellery': 'threshold',
    car: 'threshold',
    motorcycle: 'always',
    'motorcycle-parts': 'always',
  },
};

export function saleRecordMode(rules: SaleRecordRules, category: ItemCategory): SaleRecordMode {
  return rules.byCategory[category] ?? 'never';
}

/** Whether selling these items needs a record under the shop's rules. */
export function saleRecordRule(items: readonly PricedItem[], rules: SaleRecordRules): RecordRuleOutcome {
  const total = totalOf(items);
  const reachesThreshold = items.length > 0 && total >= rules.threshold;
  const always = categoriesIn(items, (category) => saleRecordMode(rules, category) === 'always');
  const byThreshold = reachesThreshold
    ? categoriesIn(items, (category) => saleRecordMode(rules, category) === 'threshold')
    : [];
  const categories = ITEM_CATEGORIES.filter((c) => always.includes(c) || byThreshold.includes(c));
  return { required: categories.length > 0, byTotal: byThreshold.length > 0, categories, total };
}

/** Adulthood in Japan since 1 April 2022 (民法 第4条). */
export const ADULT_AGE = 18;

/** A seller under 18 may sell only with a guardian's consent, request or presence. */
export function needsGuardianConsent(age: number | undefined): boolean {
  return age !== undefined && age < ADULT_AGE;
}

/** Age in whole years on a day, from a birthday stored as YYYY-MM-DD; undefined without a year. */
export function ageOn(birthday: string | undefined, at: number): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthday ?? '');
  if (!m) return undefined;
  const day = new Date(at);
  const year = day.getFullYear() - Number(m[1]);
  const hadBirthday =
    day.getMonth() + 1 > Number(m[2]) || (day.getMonth() + 1 === Number(m[2]) && day.getDate() >= Number(m[3]));
  const age = hadBirthday ? year : year - 1;
  return age >= 0 ? age : undefined;
}

/** How the seller's identity was confirmed: the measures of 第15条第1項. */
export const ID_METHODS = ['id-document', 'signed-statement', 'other'] as const;
export type IdMethod = (typeof ID_METHODS)[number];

/** Documents commonly shown at the counter; "other" names the document in words. */
export const ID_DOCUMENTS = [
  'drivers-licence',
  'my-number-card',
  'passport',
  'residence-card',
  'health-insurance',
  'driving-record',
  'other-document',
] as const;
export type IdDocument = (typeof ID_DOCUMENTS)[number];

/** The ID check needs words of its own: another document's name, or another method described. */
export function idCheckNeedsDetail(method: IdMethod, document: IdDocument | undefined): boolean {
  return method === 'other' || (method === 'id-document' && document === 'other-document');
}

/** How a guardian's consent was given (ordinances accept a request, their presence or consent). */
export const GUARDIAN_METHODS = ['present', 'written', 'phone'] as const;
export type GuardianMethod = (typeof GUARDIAN_METHODS)[number];

const MY_NUMBER_WEIGHTS = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** Whether 12 digits are a valid 個人番号: the last is the check digit of the first 11. */
export function isMyNumber(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  const sum = MY_NUMBER_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(digits[i]), 0);
  const remainder = sum % 11;
  const check = remainder <= 1 ? 0 : 11 - remainder;
  return check === Number(digits[11]);
}

/**
 * Whether typed text holds something that is a valid My Number (12 digits, possibly in groups of
 * four separated by spaces or hyphens, full-width or not). The shop may look at the card but must
 * not keep the number, so the forms and the data layer refuse such text.
 */
export function containsMyNumber(text: string): boolean {
  const normalised = text.normalize('NFKC');
  for (const match of normalised.matchAll(/\d(?:[\s-]?\d){11,}/g)) {
    const digits = match[0].replace(/[\s-]/g, '');
    for (let start = 0; start + 12 <= digits.length; start++) {
      if (isMyNumber(digits.slice(start, start + 12))) return true;
    }
  }
  return false;
}

// 第18条 (three years), in a module of its own: the ledger's guard sits under every write, so it
// is part of the first screen's code, and the rest of the rules are not.
export { isRetained, retentionEndsAt, RETENTION_YEARS } from './kobutsu-retention';
