/**
 * Matching a file's columns to card fields from the headers other systems write, in Japanese and
 * English. The guess is only a starting point: the import screen lets the owner change it.
 */
export const IMPORT_FIELDS = [
  'name',
  'familyName',
  'givenName',
  'reading',
  'familyReading',
  'givenReading',
  'phone',
  'email',
  'address',
  'postalCode',
  'birthday',
  'note',
  'tags',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** For each column of the file, the field it fills (null: ignored). */
export type ColumnMapping = (ImportField | null)[];

/** Fields several columns may fill (phone 1 and 2, address and building); others take the first. */
const MULTI: ReadonlySet<ImportField> = new Set(['phone', 'address', 'note', 'tags']);

function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-・･.:：]/g, '');
}

/** Whole-header matches, tried first. */
const EXACT: Record<string, ImportField> = {
  氏名: 'name',
  名前: 'name',
  お名前: 'name',
  顧客名: 'name',
  お客様名: 'name',
  会員名: 'name',
  name: 'name',
  fullname: 'name',
  displayname: 'name',
  姓: 'familyName',
  苗字: 'familyName',
  名字: 'familyName',
  lastname: 'familyName',
  familyname: 'familyName',
  surname: 'familyName',
  名: 'givenName',
  firstname: 'givenName',
  givenname: 'givenName',
  セイ: 'familyReading',
  せい: 'familyReading',
  メイ: 'givenReading',
  めい: 'givenReading',
  reading: 'reading',
  kana: 'reading',
  furigana: 'reading',
  yomi: 'reading',
  phone: 'phone',
  tel: 'phone',
  mobile: 'phone',
  email: 'email',
  mail: 'email',
  address: 'address',
  zip: 'postalCode',
  birthday: 'birthday',
  note: 'note',
  notes: 'note',
  memo: 'note',
  tags: 'tags',
  tag: 'tags',
};

/** Parts of a header, tried in order when no whole-header match exists. */
const CONTAINS: ReadonlyArray<[RegExp, ImportField]> = [
  [/(セイ|姓).*(カナ|かな|フリガナ|ふりがな)|(カナ|フリガナ).*姓|lastnamekana|phoneticlast/, 'familyReading'],
  [/(メイ).*(カナ|フリガナ)|(カナ|フリガナ).*名$|firstnamekana|phoneticfirst/, 'givenReading'],
  [/フリガナ|ふりがな|カナ|かな|よみ|読み|reading|furigana|phonetic|yomi/, 'reading'],
  [/メール|mail/, 'email'],
  [/電話|tel|携帯|phone|mobile|cell/, 'phone'],
  [/郵便|〒|zip|postal|postcode/, 'postalCode'],
  [/住所|address|所在地/, 'address'],
  [/誕生|生年月日|birth|dob/, 'birthday'],
  [/メモ|備考|note|memo|comment|コメント|特記/, 'note'],
  [/タグ|tag|分類|ラベル|label/, 'tags'],
  [/氏名|名前|name|顧客|お客様/, 'name'],
];

export function fieldForHeader(header: string): ImportField | null {
  const key = normalizeHeader(header);
  if (!key) return null;
  const exact = EXACT[key];
  if (exact) return exact;
  for (const [pattern, field] of CONTAINS) if (pattern.test(key)) return field;
  return null;
}

export function guessMapping(headers: readonly string[]): ColumnMapping {
  const taken = new Set<ImportField>();
  return headers.map((header) => {
    const field = fieldForHeader(header);
    if (!field || (!MULTI.has(field) && taken.has(field))) return null;
    taken.add(field);
    return field;
  });
}

/** Whether the first row looks like headers: at least one of its cells names a field. */
export function looksLikeHeaders(cells: readonly string[]): boolean {
  return cells.some((c) => fieldForHeader(c) !== null);
}
