/**
 * One imported record (a CSV row through the column mapping, or a vCard) as a card's input, checked
 * by the same rules as the form. A record that fails is reported with its line and the reasons;
 * the others are imported.
 */
import { parseCustomerInput, type CustomerInput, type FieldError } from '../customer-input';
import { LIMITS } from '../customer-input';
import { parseBirthday, parseWareki } from '../wareki';
import type { CustomerFields, VisitSource, VisitsBefore } from '../../model/types';
import type { ColumnMapping, ImportField } from './columns';

export interface ImportRecord {
  /** Line in the file where the record starts (1 = the first line). */
  line: number;
  name: string;
  reading: string;
  phones: string[];
  email: string;
  address: string;
  birthday: string;
  note: string;
  tags: string[];
  /** The number another system gave the customer (a POS's 会員番号). */
  memberNumber?: string;
  /** What another system's export said of their visits, as written in the file. */
  visits?: ImportedVisits;
}

/** A POS export's visit columns, as written: a count, days, and where they came from. */
export interface ImportedVisits {
  source: VisitSource;
  count: string;
  first: string;
  last: string;
  /** When that system registered the customer (入会日). */
  since: string;
}

export type CheckedRecord =
  | { ok: true; line: number; fields: CustomerFields; visitsBefore?: VisitsBefore }
  | { ok: false; line: number; name: string; errors: FieldError[] };

/** Google Contacts puts several values in one cell with " ::: " between them. */
const MULTI_VALUE = /\s*:::\s*/;
const TAG_SEPARATOR = /\s*:::\s*|[,、，;；/|]/;
/** Google's own groups ("* myContacts", "* starred"): how Google files a contact, not a tag. */
const SYSTEM_GROUP = /^\*\s/;
const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

/** Family name first for a Japanese name (田中 花子), given name first for a Latin one (John Smith). */
function joinName(family: string, given: string): string {
  const parts = CJK.test(family + given) ? [family, given] : [given, family];
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ');
}

/**
 * An address from its parts: a Japanese one as Japan writes it (〒, prefecture, city, then the
 * street and building), another from the street out, as its own country writes it.
 */
function joinAddress(postal: string, prefecture: string, city: string, rest: readonly string[]): string {
  const code = postal.replace(/^〒/, '');
  const parts = [prefecture, city, ...rest].filter(Boolean);
  if (parts.length === 0) return '';
  if (parts.some((part) => CJK.test(part))) {
    return [code ? `〒${code}` : '', prefecture, city, ...rest].filter(Boolean).join(' ');
  }
  return [...rest, city, [prefecture, code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/** A CSV row's cells through the mapping; `source`: whose export the file is (see visitSourceOf). */
export function recordFromCells(
  cells: readonly string[],
  mapping: ColumnMapping,
  line: number,
  source: VisitSource = 'file',
): ImportRecord {
  const by = new Map<ImportField, string[]>();
  mapping.forEach((field, i) => {
    const value = (cells[i] ?? '').trim();
    if (!field || !value) return;
    by.set(field, [...(by.get(field) ?? []), value]);
  });
  const one = (field: ImportField) => by.get(field)?.[0] ?? '';
  const record: ImportRecord = {
    line,
    name: one('name') || joinName(one('familyName'), one('givenName')),
    reading: one('reading') || joinName(one('familyReading'), one('givenReading')),
    phones: (by.get('phone') ?? [])
      .flatMap((p) => p.split(MULTI_VALUE))
      .flatMap((p) => p.split(/[/／,、]/))
      .map((p) => p.trim())
      .filter(Boolean),
    email: one('email').split(MULTI_VALUE)[0] ?? '',
    address: joinAddress(one('postalCode'), one('prefecture'), one('city'), by.get('address') ?? []),
    birthday: one('birthday'),
    note: (by.get('note') ?? []).join('\n'),
    tags: (by.get('tags') ?? [])
      .flatMap((t) => t.split(TAG_SEPARATOR))
      .map((t) => t.trim())
      .filter((t) => t && !SYSTEM_GROUP.test(t)),
  };
  const memberNumber = one('memberNumber');
  if (memberNumber) record.memberNumber = memberNumber;
  const visits = { count: one('visitCount'), first: one('firstVisit'), last: one('lastVisit'), since: one('registeredAt') };
  if (visits.count || visits.first || visits.last) record.visits = { source, ...visits };
  return record;
}

/**
 * Birthdays as spreadsheets write them: 1985/5/17, 1985-05-17, 1985年5月17日, 19850517, 昭和60年5月17日,
 * S60.5.17, or only 5/17 (no year), as stored (see lib/wareki). Anything else is passed on as
 * typed, and validation says what is wrong with it.
 */
export function normalizeBirthday(typed: string): string {
  const parsed = parseBirthday(typed);
  return parsed.ok ? parsed.value : typed.trim();
}

/** Notes longer than the card's memo holds are cut, not refused: losing a row loses more. */
function fitAbout(note: string): string {
  const chars = [...note];
  return chars.length > LIMITS.about ? chars.slice(0, LIMITS.about).join('') : note;
}

export function recordToInput(record: ImportRecord): CustomerInput {
  return {
    ...(record.memberNumber ? { memberNumber: record.memberNumber } : {}),
    name: record.name,
    reading: record.reading,
    phones: record.phones.slice(0, LIMITS.phones),
    email: record.email,
    address: record.address,
    birthday: normalizeBirthday(record.birthday),
    tags: record.tags.slice(0, LIMITS.tags),
    about: fitAbout(record.note),
  };
}

/** "12", "12回", "1,234" → 12; empty → undefined; anything else → NaN. */
function parseCount(typed: string): number | undefined {
  const cleaned = typed.normalize('NFKC').replace(/[,\s回件]/g, '');
  if (!cleaned) return undefined;
  return /^\d{1,6}$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

const DAY_MS = 86_400_000;

/**
 * A day (and maybe a time) as POS exports write it: 2025-11-30, 2025/11/30 14:05, 2025年11月30日,
 * 20251130, 11/30/2025 (Square in the US), or an era date (令和7年11月30日). A day without a time
 * is taken at noon in the device's zone, so no time zone moves it to another day. Empty →
 * undefined; not a day, before 1900 or after tomorrow → NaN.
 */
export function parseVisitDate(typed: string): number | undefined {
  const s = typed.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (!s) return undefined;
  let year: number;
  let month: number;
  let day: number;
  let hour = 12;
  let minute = 0;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4] !== undefined) [hour, minute] = [Number(m[4]), Number(m[5])];
  } else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) {
    [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    const era = parseWareki(s);
    if (!era.ok) return Number.NaN;
    ({ year, month, day } = era.date);
  }
  const at = new Date(year, month - 1, day, hour, minute);
  const real = at.getFullYear() === year && at.getMonth() === month - 1 && at.getDate() === day && hour < 24 && minute < 60;
  return real && year >= 1900 && at.getTime() <= Date.now() + DAY_MS ? at.getTime() : Number.NaN;
}

/**
 * The visits another system counted, checked: a count and days it gave. A count smaller than the
 * days given is raised to them; none at all (a member who never came) is no summary.
 */
function checkVisits(visits: ImportedVisits, errors: FieldError[]): VisitsBefore | undefined {
  const count = parseCount(visits.count);
  const firstAt = parseVisitDate(visits.first);
  const lastAt = parseVisitDate(visits.last);
  const since = parseVisitDate(visits.since);
  if (Number.isNaN(count)) errors.push({ field: 'visitCount', code: 'invalid' });
  if (Number.isNaN(firstAt)) errors.push({ field: 'firstVisit', code: 'invalidDate' });
  if (Number.isNaN(lastAt)) errors.push({ field: 'lastVisit', code: 'invalidDate' });
  if (Number.isNaN(since)) errors.push({ field: 'registeredAt', code: 'invalidDate' });
  if (firstAt !== undefined && lastAt !== undefined && firstAt > lastAt) errors.push({ field: 'firstVisit', code: 'invalidDate' });
  if (errors.length) return undefined;
  const days = new Set([firstAt, lastAt].filter((t): t is number => t !== undefined).map((t) => Math.floor(t / DAY_MS)));
  const total = Math.max(count ?? 0, days.size);
  if (total === 0) return undefined;
  return {
    source: visits.source,
    count: total,
    ...(firstAt !== undefined ? { firstAt } : {}),
    ...(lastAt !== undefined ? { lastAt } : {}),
    ...(since !== undefined ? { since } : {}),
  };
}

export function checkRecord(record: ImportRecord): CheckedRecord {
  const parsed = parseCustomerInput(recordToInput(record));
  const errors: FieldError[] = parsed.ok ? [] : [...parsed.errors];
  const visitsBefore = record.visits ? checkVisits(record.visits, errors) : undefined;
  if (!parsed.ok || errors.length) return { ok: false, line: record.line, name: record.name, errors };
  return { ok: true, line: record.line, fields: parsed.value, ...(visitsBefore ? { visitsBefore } : {}) };
}
