/**
 * Matching a file's columns to card fields from the headers other systems write, in Japanese and
 * English. The guess is only a starting point: the import screen lets the owner change it.
 *
 * Exports the guess knows by name (their headers as the systems write them, see
 * docs/data-safety.md, Import):
 * - Google Contacts' CSV, today's ("First Name", "Phonetic Last Name", "Phone 1 - Label",
 *   "Phone 1 - Value", "E-mail 1 - Value", "Address 1 - Formatted", "Labels", "Notes") and the
 *   older one ("Given Name", "Family Name Yomi", "Phone 1 - Type", "Group Membership"). Of a
 *   numbered column only the "- Value" (or an address's "- Formatted") is read: its "- Label" or
 *   "- Type" says "Mobile", which is no phone number.
 * - POS customer exports: Square ("Reference ID", "First Visit", "Last Visit", "Transaction
 *   Count"), Airレジ (お客様番号, 会計回数, 前回会計日) and スマレジ (会員コード, 入会日,
 *   最終来店日時, 来店回数): the member number, and the visits they counted.
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
  'prefecture',
  'city',
  'postalCode',
  'birthday',
  'note',
  'tags',
  'memberNumber',
  'visitCount',
  'firstVisit',
  'lastVisit',
  'registeredAt',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** For each column of the file, the field it fills (null: ignored). */
export type ColumnMapping = (ImportField | null)[];

/** Fields several columns may fill (phone 1 and 2, address and building); others take one. */
const MULTI: ReadonlySet<ImportField> = new Set(['phone', 'address', 'note', 'tags']);

function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-・･.:：()（）「」[\]]/g, '');
}

/**
 * Headers known to hold nothing for a card, matched whole (normalised). Many contain a word the
 * loose patterns below look for ("Company Name", "Nickname", "Email Subscription Status").
 */
const IGNORED: ReadonlySet<string> = new Set([
  // Google Contacts
  'middlename',
  'phoneticmiddlename',
  'nameprefix',
  'namesuffix',
  'nickname',
  'fileas',
  'organizationname',
  'organizationtitle',
  'organizationdepartment',
  'photo',
  // Google Contacts, older export
  'additionalname',
  'additionalnameyomi',
  'initials',
  'shortname',
  'maidenname',
  'gender',
  'location',
  'billinginformation',
  'directoryserver',
  'mileage',
  'occupation',
  'hobby',
  'sensitivity',
  'priority',
  'subject',
  'language',
  // Square
  'companyname',
  'squarecustomerid',
  'creationsource',
  'lifetimespend',
  'totalspend',
  'emailsubscriptionstatus',
  'instantprofile',
  'blockedfromonlinebooking',
  // POS exports in Japanese
  '会員id',
  '顧客id',
  '性別',
  '会員ランク',
  'ランク',
  'ポイント',
  '保有ポイント',
  '累計購入金額',
  '購入金額合計',
  '累計売上',
  'メール配信',
  'メール受信',
  'メールマガジン',
  'dm送付',
  '退会日',
  '会社名',
  '部署名',
  '店舗',
  '登録店舗',
  '店舗id',
]);

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
  phoneticlastname: 'familyReading',
  familynameyomi: 'familyReading',
  phoneticfirstname: 'givenReading',
  givennameyomi: 'givenReading',
  yominame: 'reading',
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
  都道府県: 'prefecture',
  state: 'prefecture',
  region: 'prefecture',
  prefecture: 'prefecture',
  市区町村: 'city',
  市区郡町村: 'city',
  city: 'city',
  zip: 'postalCode',
  birthday: 'birthday',
  note: 'note',
  notes: 'note',
  memo: 'note',
  tags: 'tags',
  tag: 'tags',
  labels: 'tags',
  groupmembership: 'tags',
  会員番号: 'memberNumber',
  会員コード: 'memberNumber',
  お客様番号: 'memberNumber',
  顧客番号: 'memberNumber',
  顧客コード: 'memberNumber',
  会員no: 'memberNumber',
  カード番号: 'memberNumber',
  会員カード番号: 'memberNumber',
  referenceid: 'memberNumber',
  membernumber: 'memberNumber',
  memberno: 'memberNumber',
  customernumber: 'memberNumber',
  来店回数: 'visitCount',
  会計回数: 'visitCount',
  利用回数: 'visitCount',
  来店数: 'visitCount',
  購入回数: 'visitCount',
  transactioncount: 'visitCount',
  visitcount: 'visitCount',
  visits: 'visitCount',
  numberofvisits: 'visitCount',
  noofvisits: 'visitCount',
  初回来店日: 'firstVisit',
  初回来店日時: 'firstVisit',
  初回会計日: 'firstVisit',
  初回利用日: 'firstVisit',
  初回購入日: 'firstVisit',
  firstvisit: 'firstVisit',
  firstvisitdate: 'firstVisit',
  最終来店日: 'lastVisit',
  最終来店日時: 'lastVisit',
  前回来店日: 'lastVisit',
  前回来店日時: 'lastVisit',
  前回会計日: 'lastVisit',
  最終会計日: 'lastVisit',
  最終利用日: 'lastVisit',
  最終購入日: 'lastVisit',
  lastvisit: 'lastVisit',
  lastvisitdate: 'lastVisit',
  入会日: 'registeredAt',
  登録日: 'registeredAt',
  登録日時: 'registeredAt',
  会員登録日: 'registeredAt',
  顧客登録日: 'registeredAt',
  membersince: 'registeredAt',
};

/** Parts of a header, tried in order when no whole-header match exists. */
const CONTAINS: ReadonlyArray<[RegExp, ImportField]> = [
  [/会員番号|会員コード|お客様番号|顧客番号|顧客コード|membernumber|memberno/, 'memberNumber'],
  [/来店回数|会計回数|利用回数|来店数|購入回数|visitcount|numberofvisits/, 'visitCount'],
  [/初回来店|初回会計|初回利用|初回購入|firstvisit/, 'firstVisit'],
  [/最終来店|前回来店|前回会計|最終会計|最終利用|最終購入|lastvisit/, 'lastVisit'],
  [/入会日|会員登録日|顧客登録日|membersince/, 'registeredAt'],
  [/(セイ|姓).*(カナ|かな|フリガナ|ふりがな)|(カナ|フリガナ).*姓|lastnamekana|phoneticlast/, 'familyReading'],
  [/(メイ).*(カナ|フリガナ)|^名(?!前).*(カナ|フリガナ)|(カナ|フリガナ).*名$|firstnamekana|phoneticfirst/, 'givenReading'],
  [/フリガナ|ふりがな|カナ|かな|よみ|読み|reading|furigana|phonetic|yomi/, 'reading'],
  [/メール|mail/, 'email'],
  [/電話|tel|携帯|phone|mobile|cell/, 'phone'],
  [/郵便|〒|zip|postal|postcode/, 'postalCode'],
  [/住所|address|所在地|番地|建物/, 'address'],
  [/誕生|生年月日|birth|dob/, 'birthday'],
  [/メモ|備考|note|memo|comment|コメント|特記/, 'note'],
  [/タグ|tag|分類|ラベル|label/, 'tags'],
  [/氏名|名前|name|顧客|お客様/, 'name'],
];

/**
 * Google's numbered columns, "Phone 1 - Value", "E-mail 2 - Type", "Address 1 - Formatted": the
 * thing, and which part of it the column holds.
 */
const NUMBERED = /^(.+?)\s*\d+\s*-\s*(.+)$/;

function numberedField(header: string): ImportField | null | undefined {
  const m = NUMBERED.exec(header.normalize('NFKC').trim());
  if (!m) return undefined;
  const thing = normalizeHeader(m[1]!);
  const part = normalizeHeader(m[2]!);
  if (thing === 'phone' && part === 'value') return 'phone';
  if (thing === 'email' && part === 'value') return 'email';
  // The formatted address holds the street, city, region and postal code already.
  if (thing === 'address' && part === 'formatted') return 'address';
  // Labels, types, address parts, organisations, websites, events, relations, custom fields.
  return null;
}

export function fieldForHeader(header: string): ImportField | null {
  const numbered = numberedField(header);
  if (numbered !== undefined) return numbered;
  const key = normalizeHeader(header);
  if (!key || IGNORED.has(key)) return null;
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

/** Which system's export a header row is, for the visits it counted ('file': any other). */
export function visitSourceOf(headers: readonly string[]): 'square' | 'airregi' | 'smaregi' | 'file' {
  const keys = new Set(headers.map(normalizeHeader));
  if (keys.has('squarecustomerid') || keys.has('transactioncount')) return 'square';
  if (keys.has('お客様番号') || keys.has('会計回数') || keys.has('前回会計日')) return 'airregi';
  if (keys.has('会員コード') || keys.has('最終来店日時')) return 'smaregi';
  return 'file';
}
