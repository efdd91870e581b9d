/**
 * One imported record (a CSV row through the column mapping, or a vCard) as a card's input, checked
 * by the same rules as the form. A record that fails is reported with its line and the reasons;
 * the others are imported.
 */
import { parseCustomerInput, type CustomerInput, type FieldError } from '../customer-input';
import { LIMITS } from '../customer-input';
import { parseBirthday } from '../wareki';
import type { CustomerFields } from '../../model/types';
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
}

export type CheckedRecord =
  | { ok: true; line: number; fields: CustomerFields }
  | { ok: false; line: number; name: string; errors: FieldError[] };

const TAG_SEPARATOR = /[,、，;；/|]/;

function joinName(family: string, given: string): string {
  return [family.trim(), given.trim()].filter(Boolean).join(' ');
}

/** A CSV row's cells through the mapping. */
export function recordFromCells(cells: readonly string[], mapping: ColumnMapping, line: number): ImportRecord {
  const by = new Map<ImportField, string[]>();
  mapping.forEach((field, i) => {
    const value = (cells[i] ?? '').trim();
    if (!field || !value) return;
    by.set(field, [...(by.get(field) ?? []), value]);
  });
  const one = (field: ImportField) => by.get(field)?.[0] ?? '';
  const postal = one('postalCode');
  const address = (by.get('address') ?? []).join(' ');
  return {
    line,
    name: one('name') || joinName(one('familyName'), one('givenName')),
    reading: one('reading') || joinName(one('familyReading'), one('givenReading')),
    phones: (by.get('phone') ?? []).flatMap((p) => p.split(/[/／,、]/)).map((p) => p.trim()).filter(Boolean),
    email: one('email'),
    address: postal && address ? `〒${postal.replace(/^〒/, '')} ${address}` : address,
    birthday: one('birthday'),
    note: (by.get('note') ?? []).join('\n'),
    tags: (by.get('tags') ?? []).flatMap((t) => t.split(TAG_SEPARATOR)),
  };
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

export function checkRecord(record: ImportRecord): CheckedRecord {
  const parsed = parseCustomerInput(recordToInput(record));
  if (parsed.ok) return { ok: true, line: record.line, fields: parsed.value };
  return { ok: false, line: record.line, name: record.name, errors: parsed.errors };
}
