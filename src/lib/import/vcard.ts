/**
 * A small vCard reader for a phone's contacts export: vCard 2.1 (older Japanese phones, with
 * quoted-printable Shift_JIS), 3.0 (iPhone, most Android) and 4.0. It reads only what a card
 * holds: name, reading (iOS/Android's X-PHONETIC-*, 3.0's SORT-STRING, 4.0's SORT-AS, feature
 * phones' SOUND;X-IRMC-N), phones, email, address, birthday, note and categories.
 * Hand-written because the libraries found either drop the phonetic fields or pull in an
 * iCalendar engine many times this size.
 */
import type { ImportRecord } from './rows';

interface Property {
  name: string;
  params: Map<string, string[]>;
  value: string;
}

export function looksLikeVCard(text: string): boolean {
  return /^\s*BEGIN:VCARD/i.test(text);
}

/** Content lines with the file line each starts on; folded and quoted-printable lines rejoined. */
function contentLines(text: string): { line: number; text: string }[] {
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const out: { line: number; text: string }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const current = raw[i]!;
    const previous = out[out.length - 1];
    if (previous && /^[ \t]/.test(current)) {
      previous.text += current.slice(1);
    } else if (previous && /QUOTED-PRINTABLE/i.test(previous.text.split(':')[0] ?? '') && previous.text.endsWith('=')) {
      previous.text = previous.text.slice(0, -1) + current;
    } else if (current.trim()) {
      out.push({ line: i + 1, text: current });
    }
  }
  return out;
}

function parseProperty(line: string): Property | undefined {
  let inQuotes = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ':' && !inQuotes) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return undefined;
  const [nameWithGroup = '', ...paramParts] = line.slice(0, colon).split(';');
  const name = nameWithGroup.split('.').pop()!.toUpperCase();
  const params = new Map<string, string[]>();
  for (const part of paramParts) {
    const eq = part.indexOf('=');
    // vCard 2.1 writes bare types ("TEL;CELL:") and bare encodings ("QUOTED-PRINTABLE").
    const key = eq < 0 ? (/^(QUOTED-PRINTABLE|BASE64|B|8BIT)$/i.test(part) ? 'ENCODING' : 'TYPE') : part.slice(0, eq).toUpperCase();
    const values = (eq < 0 ? part : part.slice(eq + 1)).replace(/^"|"$/g, '').split(',');
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return { name, params, value: decodeValue(line.slice(colon + 1), params) };
}

function decodeValue(value: string, params: Map<string, string[]>): string {
  const encoding = params.get('ENCODING')?.[0]?.toUpperCase();
  if (encoding !== 'QUOTED-PRINTABLE') return value;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(value.charCodeAt(i) & 0xff);
    }
  }
  const charset = (params.get('CHARSET')?.[0] ?? 'utf-8').toLowerCase();
  try {
    return new TextDecoder(charset).decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  }
}

/** Splits a structured value at unescaped separators and unescapes each part. */
function components(value: string, separator = ';'): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      const next = value[++i]!;
      current += next === 'n' || next === 'N' ? '\n' : next;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

const unescape = (value: string) => components(value, '\u0000')[0] ?? '';
const joined = (...parts: (string | undefined)[]) =>
  parts
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(' ');

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

function address(value: string): string {
  // post-office box; extended; street; locality; region; postal code; country
  const [box, extended, street, locality, region, postal, country] = components(value);
  if (JAPANESE.test(value)) {
    return joined(postal ? `〒${postal}` : '', region, locality, street, extended, box);
  }
  return [joined(box, extended, street), joined(locality, region, postal), country].filter(Boolean).join(', ');
}

function birthday(value: string): string {
  const v = value.trim();
  const noYear = /^--(\d{2})-?(\d{2})$/.exec(v);
  if (noYear) return `--${noYear[1]}-${noYear[2]}`;
  // Dates with a time part ("1985-05-17T00:00:00Z") keep only the date.
  return v.replace(/T.*$/, '');
}

function toRecord(line: number, properties: Property[]): ImportRecord {
  const first = (name: string) => properties.find((p) => p.name === name);
  const all = (name: string) => properties.filter((p) => p.name === name);
  const n = first('N');
  const [family = '', given = ''] = n ? components(n.value) : [];
  const sortAs = n?.params.get('SORT-AS')?.join(' ');
  const irmc = properties.find((p) => p.name === 'SOUND' && p.params.get('TYPE')?.some((t) => /X-IRMC-N/i.test(t)));
  const [irmcFamily = '', irmcGiven = ''] = irmc ? components(irmc.value) : [];
  const phoneticFamily = first('X-PHONETIC-LAST-NAME')?.value ?? '';
  const phoneticGiven = first('X-PHONETIC-FIRST-NAME')?.value ?? '';
  const reading =
    joined(unescape(phoneticFamily), unescape(phoneticGiven)) ||
    joined(irmcFamily, irmcGiven) ||
    (sortAs ? unescape(sortAs) : '') ||
    unescape(first('SORT-STRING')?.value ?? '');
  return {
    line,
    name: unescape(first('FN')?.value ?? '') || joined(family, given),
    reading: reading.normalize('NFKC'),
    phones: all('TEL').map((p) => p.value.replace(/^tel:/i, '').trim()),
    email: unescape(first('EMAIL')?.value ?? ''),
    address: first('ADR') ? address(first('ADR')!.value) : '',
    birthday: first('BDAY') ? birthday(first('BDAY')!.value) : '',
    note: unescape(first('NOTE')?.value ?? ''),
    tags: first('CATEGORIES') ? components(first('CATEGORIES')!.value, ',').filter(Boolean) : [],
  };
}

export function parseVCards(text: string): ImportRecord[] {
  const records: ImportRecord[] = [];
  let current: { line: number; properties: Property[] } | undefined;
  for (const { line, text: content } of contentLines(text)) {
    if (/^BEGIN:VCARD$/i.test(content.trim())) {
      current = { line, properties: [] };
    } else if (/^END:VCARD$/i.test(content.trim())) {
      if (current) records.push(toRecord(current.line, current.properties));
      current = undefined;
    } else if (current) {
      const property = parseProperty(content);
      if (property && property.name !== 'PHOTO') current.properties.push(property);
    }
  }
  return records;
}
