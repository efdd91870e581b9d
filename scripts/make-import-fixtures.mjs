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
// Google Contacts' "Google CSV" export as it is today: UTF-8, LF, every numbered column in label
// and value pairs ("Phone 1 - Label" says Mobile, "- Value" holds the number), several values in a
// cell joined with " ::: ", Google's own groups in Labels, a quoted multi-line note and address,
// and a row with an email Google accepted but the card cannot (line 7).
write(
  'google-contacts.csv',
  [
    'First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Website 1 - Label,Website 1 - Value',
    '花子,,田中,はなこ,,たなか,,,はなちゃん,,,,,1985-04-12,"柴犬のポチ',
    '着物の寸法はM",,* myContacts ::: 常連,* Home,hana@example.jp,,,Mobile,090-1234-5678,Home,075-123-4567,Home,"河原町通3-4',
    '京都市中京区, 京都府 604-8000",河原町通3-4,京都市中京区,,京都府,604-8000,JP,,,',
    'John,,Smith,,,,,,,,,,,--12-25,Ships purchases home,,* myContacts,* Work,john@example.com,,,Mobile ::: Work,+1 415-555-2671 ::: +81 80-2345-6789,,,,,,,,,,,,,',
    '美咲,,渡辺,みさき,,わたなべ,,,,,茶道教室,先生,,,,,* starred ::: * myContacts,,misaki@example.jp,,,Work,03-1234-5678,,,,,,,,,,,,,',
    '一郎,,佐藤,いちろう,,さとう,,,,,,,,,,,* myContacts,* Home,ichiro@example,,,Mobile,080-1111-2222,,,,,,,,,,,,,',
  ].join('\n') + '\n',
);

// The older Google CSV (before 2020, still what some phones' backups hold): Name and Yomi columns,
// "- Type" instead of "- Label", Group Membership, Excel's UTF-8 BOM and CRLF; line 4 has a phone
// number cut short.
write(
  'google-contacts-legacy.csv',
  '\uFEFF' +
    [
      'Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address',
      '鈴木 慎一,慎一,,鈴木,,しんいち,,すずき,,,,,,,1978-11-03,,,,,,,,,,,骨董の目利き,,,* My Contacts ::: 骨董,* Home,shin@example.jp,Mobile,080-9876-5432,Work,06-6312-3456,Home,大阪府大阪市北区梅田2-2-2,,,,,,,',
      '中村 陽子,陽子,,中村,,ようこ,,なかむら,,,,,,,,,,,,,,,,,,,,,* My Contacts,,,Mobile,090-2468-1357,,,,,,,,,,,',
      '小林 誠,誠,,小林,,まこと,,こばやし,,,,,,,,,,,,,,,,,,,,,* My Contacts,,,Mobile,090-12,,,,,,,,,,,',
    ].join('\r\n') +
    '\r\n',
);

// Square's customer export (Customers → Directory → Export): its English headers, a Japanese shop's
// customers, visits it counted (First Visit, Last Visit, Transaction Count), its own id and the
// shop's Reference ID (the member card number); line 5 has a count that is no number.
write(
  'square-customers.csv',
  [
    'Reference ID,First Name,Last Name,Email Address,Phone Number,Nickname,Company Name,Street Address 1,Street Address 2,City,State,Postal Code,Birthday,Memo,Square Customer ID,Creation Source,First Visit,Last Visit,Transaction Count,Lifetime Spend,Email Subscription Status,Instant Profile,Blocked from online booking',
    'M-00123,花子,田中,hana@example.jp,+81 90-1234-5678,,,河原町通3-4,スズランビル2F,京都市中京区,京都府,604-8000,1985-04-12,抹茶が好き,7Q9J1V0F2D3X8K4M5N6P,Directory,2021-04-02,2025-11-30,24,"¥186,400",Subscribed,No,No',
    ',Taro,Yamada,taro@example.com,+81 80-3333-4444,,,,,,,,,,3R8T2Y6U1I9O0P4A5S7D,Third Party,2025-10-05,2025-10-05,1,"¥3,200",Unknown,No,No',
    'M-00456,美咲,渡辺,,03-1234-5678,,茶道教室,,,,,,,,1B2N3M4Q5W6E7R8T9Y0U,Directory,,,0,¥0,Unknown,No,No',
    'M-00789,一郎,佐藤,ichiro@example.jp,080-5555-6666,,,,,,,,,,9Z8X7C6V5B4N3M2L1K0J,Directory,2024-01-10,2025-09-01,many,"¥12,000",Unknown,No,No',
  ].join('\n') + '\n',
);

// Airレジ's customer list as its back office downloads it: Shift_JIS, CRLF, the words of its own
// 顧客登録 screen (お客様番号, 名前(カナ)…) and what it counts of each customer (会計回数,
// 前回会計日); line 4 has a last visit on a day that does not exist.
write(
  'airregi-customers.csv',
  shiftJis(
    [
      'お客様番号,名前,名前(カナ),電話番号,メールアドレス,生年月日,性別,郵便番号,都道府県,市区町村,番地,建物名,メモ,会計回数,前回会計日,登録日',
      'A0001,渡辺 美咲,ワタナベ ミサキ,03-1234-5678,misaki@example.jp,1990/02/14,女性,150-0001,東京都,渋谷区神宮前,1-2-3,ハイツ青山201,季節の和菓子を予約,12,2025/12/20,2023/05/01',
      'A0002,山本 健,ヤマモト ケン,090-5555-1212,,1982/07/07,男性,,,,,,,1,2025/11/02,2025/11/02',
      'A0003,加藤 由美,カトウ ユミ,080-7777-3434,,,女性,,,,,,,5,2025/13/45,2024/02/10',
      'A0004,小林 誠,コバヤシ マコト,,,,,,,,,,電話番号は未登録,0,,2025/06/30',
    ].join('\r\n') + '\r\n',
  ),
);

// スマレジ's member (会員) export as Excel's "CSV UTF-8" keeps it: a BOM, its field names (会員ID
// is its own id, 会員コード the card's), 入会日, 最終来店日時 with a time, 来店回数; line 5 has a
// visit count that is negative.
write(
  'smaregi-members.csv',
  '\uFEFF' +
    [
      '会員ID,会員コード,姓,名,姓カナ,名カナ,性別,生年月日,郵便番号,都道府県,住所1,住所2,電話番号,携帯電話番号,メールアドレス,会員ランク,ポイント,入会日,最終来店日時,来店回数,備考',
      '1001,8800123456789,高橋,陽子,タカハシ,ヨウコ,女性,1975-08-03,604-8000,京都府,京都市中京区河原町通3-4,,075-123-4567,090-2222-3333,yoko@example.jp,ゴールド,1250,2019-06-15,2025-12-01 14:05:00,48,お茶の先生',
      '1002,8800123456790,伊藤,大輔,イトウ,ダイスケ,男性,,,,,,,080-4444-5555,,一般,20,2025-11-20,2025-11-20 11:30:00,1,',
      '1003,8800123456791,中村,愛,ナカムラ,アイ,女性,平成2年5月5日,,,,,,070-6666-7777,ai@example.jp,一般,0,2024-04-01,,0,',
      '1004,8800123456792,林,翔,ハヤシ,ショウ,男性,,,,,,,090-8888-9999,,一般,0,2024-08-01,2025-01-10 10:00:00,-3,',
    ].join('\r\n') +
    '\r\n',
);
console.log('fixtures written');
