// Writes the import test files in test/fixtures/ (run once; the files are committed). Kept so a
// reader can see exactly how each file was made, bytes and all.
import { writeFileSync } from 'node:fs';
import Encoding from 'encoding-japanese';

const dir = new URL('../test/fixtures/', import.meta.url);
const write = (name, data) => writeFileSync(new URL(name, dir), data);

function shiftJis(text) {
  return Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
}

// Excel on Windows "CSV (comma separated)": Shift_JIS, CRLF, Japanese headers, a note with a comma.
write(
  'pos-export-shift-jis.csv',
  shiftJis(
    [
      '氏名,フリガナ,電話番号,メールアドレス,住所,誕生日,備考',
      '山田 太郎,ヤマダ タロウ,090-1111-2222,taro@example.jp,東京都台東区浅草1-1-1,1980/4/1,常連。抹茶が好き',
      '佐藤 花子,サトウ ハナコ,080-3333-4444,,大阪府大阪市北区梅田2-2-2,昭和60年5月17日,"着物、帯の相談"',
      '鈴木 一郎,スズキ イチロウ,03-5555-6666,ichiro@example.co.jp,,5/3,',
      '髙橋 美咲,タカハシ ミサキ,070-7777-8888,misaki@example.jp,京都府京都市中京区,,旧字の髙',
    ].join('\r\n') + '\r\n',
  ),
);

// "CSV UTF-8" from Excel or Google Sheets: a BOM, English headers, a quoted newline, bad rows.
write(
  'spreadsheet-utf8-bom.csv',
  '\uFEFF' +
    [
      'Name,Reading,Phone,Email,Address,Birthday,Note',
      'John Smith,ジョン スミス,+1 415 555 2671,john@example.com,"1 Market St',
      'San Francisco",1975-07-04,Ships purchases home',
      'Hana Tanaka,たなか はなこ,090-1234-5678,hana@,Kyoto,,Typo in the email',
      ',よしだ,080-9999-0000,nobody@example.jp,,,No name at all',
      '"Lucy ""Lu"" Brown",ルーシー ブラウン,070-1212-3434,lucy@example.com,,--12-25,"Line one',
      'line two, with a comma"',
      'Ken Watanabe,わたなべ けん,090-5656-7878,ken@example.com,,1990-02-30,Birthday that does not exist',
    ].join('\n') +
    '\n',
);

// A big shop's customer list: 10,000 rows, UTF-8 without BOM, POS-style headers.
{
  const families = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤'];
  const familyKana = ['さとう', 'すずき', 'たかはし', 'たなか', 'いとう', 'わたなべ', 'やまもと', 'なかむら', 'こばやし', 'かとう'];
  const givens = ['花子', '太郎', '美咲', '健', '陽子', '大輔', '愛', '翔', '由美', '誠'];
  const givenKana = ['はなこ', 'たろう', 'みさき', 'けん', 'ようこ', 'だいすけ', 'あい', 'しょう', 'ゆみ', 'まこと'];
  const lines = ['顧客名,かな,携帯,メール,住所,生年月日,メモ'];
  for (let i = 0; i < 10_000; i++) {
    const f = i % 10;
    const g = Math.floor(i / 10) % 10;
    const phone = `090-${String(2000 + Math.floor(i / 10000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')}`;
    lines.push(
      `${families[f]} ${givens[g]}${i},${familyKana[f]} ${givenKana[g]},${phone},c${i}@example.jp,東京都新宿区${(i % 9) + 1}-${(i % 30) + 1},${1950 + (i % 50)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},会員番号 ${i}`,
    );
  }
  write('customers-10000.csv', lines.join('\n') + '\n');
}

// iPhone contacts (vCard 3.0): folded lines, phonetic names, a grouped item, escaped commas.
write(
  'iphone-contacts-v3.vcf',
  [
    'BEGIN:VCARD',
    'VERSION:3.0',
    'PRODID:-//Apple Inc.//iPhone OS 17.0//EN',
    'N:中村;陽子;;;',
    'FN:中村 陽子',
    'X-PHONETIC-FIRST-NAME:ようこ',
    'X-PHONETIC-LAST-NAME:なかむら',
    'TEL;type=CELL;type=VOICE;type=pref:090-2468-1357',
    'EMAIL;type=INTERNET;type=HOME;type=pref:yoko.nakamura@example.jp',
    'item1.ADR;type=HOME;type=pref:;;中京区河原町通 3-4;京都市;京都府;604-8000;日本',
    'BDAY:1988-09-12',
    'NOTE:茶道教室の先生。お弟子さんを紹介してくれる\\, とても親切',
    'END:VCARD',
    'BEGIN:VCARD',
    'VERSION:3.0',
    'N:Brown;Emily;;;',
    'FN:Emily Brown',
    'TEL;type=CELL:+44 7911 123456',
    'EMAIL;type=INTERNET:emily.brown@exam',
    ' ple.co.uk',
    'CATEGORIES:tourist,tea',
    'END:VCARD',
  ].join('\r\n') + '\r\n',
);

// Android contacts (vCard 4.0): SORT-AS reading, tel: URIs, a year-less birthday.
write(
  'android-contacts-v4.vcf',
  [
    'BEGIN:VCARD',
    'VERSION:4.0',
    'N;SORT-AS="こばやし,まこと":小林;誠;;;',
    'FN:小林 誠',
    'TEL;TYPE=cell;VALUE=uri:tel:+81-80-1357-2468',
    'TEL;TYPE=home;VALUE=uri:tel:+81-6-6123-4567',
    'EMAIL:makoto@example.jp',
    'BDAY:--0214',
    'END:VCARD',
    'BEGIN:VCARD',
    'VERSION:4.0',
    'FN:',
    'TEL;VALUE=uri:tel:+81-90-0000-1111',
    'END:VCARD',
  ].join('\r\n') + '\r\n',
);

// An older Japanese phone (vCard 2.1): quoted-printable Shift_JIS and the IrMC reading.
{
  const qp = (text) =>
    [...shiftJis(text)].map((b) => '=' + b.toString(16).toUpperCase().padStart(2, '0')).join('');
  const vcard = [
    'BEGIN:VCARD',
    'VERSION:2.1',
    `N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:${qp('加藤')};${qp('由美')};;;`,
    `SOUND;X-IRMC-N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:${qp('ｶﾄｳ')};${qp('ﾕﾐ')};;;`,
    'TEL;CELL:09011112222',
    'EMAIL;INTERNET:yumi@example.ne.jp',
    'END:VCARD',
  ].join('\r\n');
  write('feature-phone-v21.vcf', vcard + '\r\n');
}
console.log('fixtures written');
