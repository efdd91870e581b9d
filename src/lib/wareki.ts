/**
 * 和暦 (the Japanese era calendar): reading dates written in it, and showing it beside a date.
 *
 * Showing uses Intl's Japanese calendar (`ja-JP-u-ca-japanese`, no library). Reading is our own
 * table of the eras a living customer's birthday can fall in, so a typed era date is checked
 * against the era's real first and last day:
 *
 * - 昭和64年 is 1 to 7 January 1989, 平成元年 begins on 8 January 1989; 平成31年 ends on 30 April
 *   2019 and 令和元年 begins on 1 May 2019.
 * - A date after its era ended (平成32年 for 2020, 昭和64年1月8日) is refused, not carried over into
 *   the next era. Some forms printed before 2019 do say 平成32年, and some systems read it as
 *   2020; but a birthday typed with the wrong era is as often a slip of the era letter (S for H),
 *   and a birthday silently read one way or the other is worse than one asked for again. The
 *   refusal says which date of the next era was probably meant (`suggestion`).
 * - 元年 is year 1 (平成元年, H元.1.8). Year 0 and dates before an era began are refused.
 *
 * Forms read: 昭和60年4月12日, 昭和60.4.12, 昭和六十年四月十二日, S60.4.12, s60/4/12, R7/1/5,
 * Ｓ６０．４．１２ (full width), with or without 日 and spaces.
 */

export const ERA_NAMES = ['明治', '大正', '昭和', '平成', '令和'] as const;
export type EraName = (typeof ERA_NAMES)[number];

interface Era {
  name: EraName;
  /** The letter used in short forms (S60.4.12). */
  letter: string;
  /** First day, as [year, month, day] in the Gregorian calendar. */
  start: readonly [number, number, number];
}

/** Oldest first; each era ends the day before the next one starts. */
const ERAS: readonly Era[] = [
  // Meiji's first day as Japan's Gregorian calendar counts it (it adopted the calendar in Meiji 6).
  { name: '明治', letter: 'M', start: [1868, 1, 25] },
  { name: '大正', letter: 'T', start: [1912, 7, 30] },
  { name: '昭和', letter: 'S', start: [1926, 12, 25] },
  { name: '平成', letter: 'H', start: [1989, 1, 8] },
  { name: '令和', letter: 'R', start: [2019, 5, 1] },
];

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface WarekiDate {
  era: EraName;
  /** 1 for 元年. */
  year: number;
  month: number;
  day: number;
}

const asNumber = ({ year, month, day }: CalendarDate) => year * 10_000 + month * 100 + day;
const startOf = (era: Era) =>
  asNumber({ year: era.start[0], month: era.start[1], day: era.start[2] });

function isRealDate({ year, month, day }: CalendarDate): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** The era a Gregorian date falls in, with its year in that era; undefined before Meiji. */
export function toWareki(date: CalendarDate): WarekiDate | undefined {
  const n = asNumber(date);
  for (let i = ERAS.length - 1; i >= 0; i--) {
    const era = ERAS[i]!;
    if (n >= startOf(era))
      return {
        era: era.name,
        year: date.year - era.start[0] + 1,
        month: date.month,
        day: date.day,
      };
  }
  return undefined;
}

export type WarekiParse =
  | { ok: true; date: CalendarDate }
  /**
   * `notWareki`: not written in an era at all; `invalidDate`: no such day (4月31日, 0年);
   * `outsideEra`: a real day, but not within that era (`suggestion`: the same day in its own era).
   */
  | { ok: false; reason: 'notWareki' | 'invalidDate' | 'outsideEra'; suggestion?: string };

const KANJI_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "60", "元", "六十", "六〇", "十二", "三十一" → a number; NaN for anything else. */
function numberOf(text: string): number {
  if (text === '元') return 1;
  if (/^\d+$/.test(text)) return Number(text);
  const ten = text.indexOf('十');
  if (ten >= 0) {
    if (text.indexOf('十', ten + 1) >= 0) return Number.NaN;
    const tens = ten === 0 ? 1 : KANJI_DIGITS[text.slice(0, ten)];
    const rest = text.slice(ten + 1);
    const ones = rest === '' ? 0 : KANJI_DIGITS[rest];
    return tens === undefined || ones === undefined || ten > 1 || rest.length > 1
      ? Number.NaN
      : tens * 10 + ones;
  }
  let n = 0;
  for (const c of text) {
    const digit = KANJI_DIGITS[c];
    if (digit === undefined) return Number.NaN;
    n = n * 10 + digit;
  }
  return text.length > 0 ? n : Number.NaN;
}

const NUMBER = '(\\d{1,2}|元|[〇零一二三四五六七八九十]{1,3})';
const ERA_DATE = new RegExp(
  `^(明治|大正|昭和|平成|令和|[MTSHR])\\.?${NUMBER}(?:年|[./-])${NUMBER}(?:月|[./-])${NUMBER}日?$`,
  'i',
);

/** Reads a date written in an era. Full-width characters and spaces are fine. */
export function parseWareki(typed: string): WarekiParse {
  const text = typed.normalize('NFKC').replace(/\s+/g, '');
  const m = ERA_DATE.exec(text);
  if (!m) return { ok: false, reason: 'notWareki' };
  const token = m[1]!;
  const era = ERAS.find((e) => e.name === token || e.letter === token.toUpperCase())!;
  const eraYear = numberOf(m[2]!);
  const month = numberOf(m[3]!);
  const day = numberOf(m[4]!);
  if (!(eraYear >= 1)) return { ok: false, reason: 'invalidDate' };
  const date = { year: era.start[0] + eraYear - 1, month, day };
  if (!isRealDate(date)) return { ok: false, reason: 'invalidDate' };
  const next = ERAS[ERAS.indexOf(era) + 1];
  if (asNumber(date) < startOf(era) || (next && asNumber(date) >= startOf(next))) {
    const actual = toWareki(date);
    return {
      ok: false,
      reason: 'outsideEra',
      ...(actual ? { suggestion: formatWarekiDate(actual) } : {}),
    };
  }
  return { ok: true, date };
}

/** 昭和60年4月12日, with 元年 for the first year. */
export function formatWarekiDate({ era, year, month, day }: WarekiDate): string {
  return `${era}${year === 1 ? '元' : year}年${month}月${day}日`;
}

const eraYearFormat = new Map<string, Intl.DateTimeFormat>();

/**
 * The era and year of a calendar day as Japanese writes it beside a date ("昭和60年", "平成元年"),
 * through Intl's Japanese calendar. Undefined where Intl has no Japanese calendar.
 */
export function eraYearOf(date: CalendarDate): string | undefined {
  if (!isRealDate(date)) return undefined;
  let format = eraYearFormat.get('ja');
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
        era: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
    } catch {
      return undefined;
    }
    if (format.resolvedOptions().calendar !== 'japanese') return undefined;
    eraYearFormat.set('ja', format);
  }
  return format.format(Date.UTC(date.year, date.month - 1, date.day));
}

/** "1985-04-12" → its era year ("昭和60年"); undefined for "--04-12" (no year) or anything else. */
export function eraYearOfIsoDate(iso: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? eraYearOf({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }) : undefined;
}

/** A moment's era year in the device's time zone (a ledger record's date). */
export function eraYearOfMoment(ms: number): string | undefined {
  const d = new Date(ms);
  return eraYearOf({ year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() });
}

const pad = (n: number) => String(n).padStart(2, '0');

export type BirthdayParse =
  | { ok: true; value: string }
  | { ok: false; reason: 'invalidDate' | 'outsideEra'; suggestion?: string };

/**
 * A birthday as staff type it or spreadsheets write it, as stored (YYYY-MM-DD, or --MM-DD when the
 * year is not known): 1985-04-12, 1985/4/12, 1985年4月12日, 19850412, the era forms above, or only
 * 4/12, 4月12日, --04-12. Empty stays empty ('').
 */
export function parseBirthday(typed: string): BirthdayParse {
  const s = typed.normalize('NFKC').trim().replace(/\s+/g, '');
  if (!s) return { ok: true, value: '' };
  const gregorian = (year: number, month: number, day: number): BirthdayParse =>
    isRealDate({ year, month, day })
      ? { ok: true, value: `${year}-${pad(month)}-${pad(day)}` }
      : { ok: false, reason: 'invalidDate' };
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) return gregorian(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return gregorian(Number(m[1]), Number(m[2]), Number(m[3]));
  const era = parseWareki(s);
  if (era.ok) return gregorian(era.date.year, era.date.month, era.date.day);
  if (era.reason !== 'notWareki') {
    return {
      ok: false,
      reason: era.reason === 'outsideEra' ? 'outsideEra' : 'invalidDate',
      ...(era.suggestion ? { suggestion: era.suggestion } : {}),
    };
  }
  m = /^(?:--)?(\d{1,2})[-/月](\d{1,2})日?$/.exec(s);
  if (m) {
    const month = Number(m[1]);
    const day = Number(m[2]);
    // A leap year, so 2月29日 is a birthday too.
    return isRealDate({ year: 2000, month, day })
      ? { ok: true, value: `--${pad(month)}-${pad(day)}` }
      : { ok: false, reason: 'invalidDate' };
  }
  return { ok: false, reason: 'invalidDate' };
}
