// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fieldForHeader, guessMapping, visitSourceOf, type ColumnMapping } from './columns';
import { csvChunks, parseCsvChunk } from './csv';
import { decodeBytes } from './decode';
import { checkRecord, normalizeBirthday, parseVisitDate, recordFromCells } from './rows';
import { parseVCards } from './vcard';

import { fixtureBytes as fixture } from '../../../test/support/fixture-files';

function rowsOf(text: string, perChunk = 1000) {
  return [...csvChunks(text, perChunk)].flatMap((chunk) => parseCsvChunk(chunk, ','));
}

describe('reading the bytes of a file', () => {
  it('reads Excel’s Shift_JIS CSV as Japanese text', () => {
    const { text, encoding } = decodeBytes(fixture('pos-export-shift-jis.csv'));
    expect(encoding).toBe('shift_jis');
    expect(text.split('\r\n')[0]).toBe('氏名,フリガナ,電話番号,メールアドレス,住所,誕生日,備考');
    expect(text).toContain('髙橋 美咲');
  });

  it('reads UTF-8 with a BOM without keeping the BOM', () => {
    const { text, encoding } = decodeBytes(fixture('spreadsheet-utf8-bom.csv'));
    expect(encoding).toBe('utf-8');
    expect(text.startsWith('Name,')).toBe(true);
  });

  it('reads UTF-8 without a BOM as UTF-8', () => {
    expect(decodeBytes(new TextEncoder().encode('氏名\n田中🐶\n'))).toEqual({ text: '氏名\n田中🐶\n', encoding: 'utf-8' });
  });
});

describe('matching columns from their headers', () => {
  it('knows the common Japanese and English headers', () => {
    const cases: Record<string, string> = {
      氏名: 'name', 名前: 'name', お名前: 'name', Name: 'name', フリガナ: 'reading', ふりがな: 'reading', カナ: 'reading',
      ﾌﾘｶﾞﾅ: 'reading', Reading: 'reading', 電話番号: 'phone', TEL: 'phone', 携帯: 'phone', 'Phone number': 'phone',
      メール: 'email', メールアドレス: 'email', 'E-mail': 'email', 住所: 'address', Address: 'address', 誕生日: 'birthday',
      生年月日: 'birthday', Birthday: 'birthday', メモ: 'note', 備考: 'note', Note: 'note', 'お名前（カナ）': 'reading',
      姓: 'familyName', 名: 'givenName', 'Last Name': 'familyName', 'First Name': 'givenName', 郵便番号: 'postalCode',
    };
    for (const [header, field] of Object.entries(cases)) expect(fieldForHeader(header), header).toBe(field);
  });

  it('ignores columns it does not know and fills each single field once', () => {
    expect(guessMapping(['ランク', '氏名', 'お名前', '電話番号', '携帯電話'])).toEqual([null, 'name', null, 'phone', 'phone']);
    expect(guessMapping(['会員番号', '会員コード'])).toEqual(['memberNumber', null]);
  });

  it('puts family and given names together, and the postal code before the address', () => {
    const mapping = guessMapping(['姓', '名', 'セイ', 'メイ', '郵便番号', '住所', '電話1', '電話2']);
    const record = recordFromCells(['田中', '花子', 'タナカ', 'ハナコ', '604-8000', '京都市', '090-1234-5678', '075-123-4567'], mapping, 2);
    expect(record).toMatchObject({ name: '田中 花子', reading: 'タナカ ハナコ', address: '〒604-8000 京都市', phones: ['090-1234-5678', '075-123-4567'] });
  });
});

describe('splitting CSV into rows with line numbers', () => {
  it('keeps a quoted newline inside its field and numbers rows by the line they start on', () => {
    const text = new TextDecoder().decode(fixture('spreadsheet-utf8-bom.csv')).replace(/^\uFEFF/, '');
    const rows = rowsOf(text);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4, 5, 6, 8]);
    expect(rows[1]!.cells[4]).toBe('1 Market St\nSan Francisco');
    expect(rows[4]!.cells[0]).toBe('Lucy "Lu" Brown');
  });

  it('gives the same rows and lines however the file is cut into chunks', () => {
    const text = 'a,b\n\n1,"x\ny"\n2,3\n"4\n\n5",6\n7,8';
    const whole = rowsOf(text, 1000);
    expect(whole.map((r) => r.line)).toEqual([1, 3, 5, 6, 9]);
    for (const size of [1, 2, 3]) expect(rowsOf(text, size), `chunks of ${size}`).toEqual(whole);
  });
});

describe('birthdays as spreadsheets write them', () => {
  it('reads the usual forms, the Japanese era and a date without a year', () => {
    expect(normalizeBirthday('1980/4/1')).toBe('1980-04-01');
    expect(normalizeBirthday('1980年4月1日')).toBe('1980-04-01');
    expect(normalizeBirthday('19800401')).toBe('1980-04-01');
    expect(normalizeBirthday('昭和60年5月17日')).toBe('1985-05-17');
    expect(normalizeBirthday('H1.1.8')).toBe('1989-01-08');
    expect(normalizeBirthday('令和元年5月1日')).toBe('2019-05-01');
    expect(normalizeBirthday('5/3')).toBe('--05-03');
    expect(normalizeBirthday('')).toBe('');
    expect(normalizeBirthday('someday')).toBe('someday');
  });
});

describe('checking an imported record', () => {
  const record = (overrides: Partial<Parameters<typeof checkRecord>[0]>) =>
    checkRecord({ line: 7, name: '田中', reading: '', phones: [], email: '', address: '', birthday: '', note: '', tags: [], ...overrides });

  it('reports an invalid email and an empty name with the line and the field', () => {
    expect(record({ email: 'hana@' })).toEqual({ ok: false, line: 7, name: '田中', errors: [{ field: 'email', code: 'invalidEmail' }] });
    expect(record({ name: '  ' })).toMatchObject({ ok: false, errors: [{ field: 'name', code: 'required' }] });
    expect(record({ birthday: '1990-02-30' })).toMatchObject({ ok: false, errors: [{ field: 'birthday', code: 'invalidDate' }] });
  });

  it('keeps a long note by cutting it to what the card holds', () => {
    const checked = record({ note: 'あ'.repeat(6000) });
    expect(checked.ok && checked.fields.about.length).toBe(5000);
  });
});

describe('reading a phone’s contacts', () => {
  it('reads an iPhone’s vCard 3.0 with readings, folded lines and an address', () => {
    const [yoko, emily] = parseVCards(new TextDecoder().decode(fixture('iphone-contacts-v3.vcf')));
    expect(yoko).toEqual({
      line: 1,
      name: '中村 陽子',
      reading: 'なかむら ようこ',
      phones: ['090-2468-1357'],
      email: 'yoko.nakamura@example.jp',
      address: '〒604-8000 京都府 京都市 中京区河原町通 3-4',
      birthday: '1988-09-12',
      note: '茶道教室の先生。お弟子さんを紹介してくれる, とても親切',
      tags: [],
    });
    expect(emily).toMatchObject({ line: 14, name: 'Emily Brown', email: 'emily.brown@example.co.uk', tags: ['tourist', 'tea'] });
  });

  it('reads an Android vCard 4.0 with SORT-AS, tel: URIs and a birthday without a year', () => {
    const [makoto, nameless] = parseVCards(new TextDecoder().decode(fixture('android-contacts-v4.vcf')));
    expect(makoto).toMatchObject({ name: '小林 誠', reading: 'こばやし まこと', phones: ['+81-80-1357-2468', '+81-6-6123-4567'], birthday: '--02-14' });
    expect(nameless).toMatchObject({ line: 10, name: '' });
  });

  it('reads an older phone’s vCard 2.1 in quoted-printable Shift_JIS', () => {
    const [yumi] = parseVCards(new TextDecoder().decode(fixture('feature-phone-v21.vcf')));
    expect(yumi).toMatchObject({ name: '加藤 由美', reading: 'カトウ ユミ', phones: ['09011112222'], email: 'yumi@example.ne.jp' });
  });
});

/** A fixture's rows with the mapping and source the import would guess from its header row. */
function exportOf(name: string) {
  const { text } = decodeBytes(fixture(name));
  const [header, ...body] = rowsOf(text);
  const mapping: ColumnMapping = guessMapping(header!.cells);
  const source = visitSourceOf(header!.cells);
  return {
    mapped: Object.fromEntries(header!.cells.map((h, i) => [h, mapping[i]]).filter(([, field]) => field)),
    source,
    records: body.map((r) => recordFromCells(r.cells, mapping, r.line, source)),
  };
}

describe('Google Contacts’ CSV export, read without mapping by hand', () => {
  it('reads the value of each numbered column, never its label ("Mobile" is not a phone number)', () => {
    const { mapped } = exportOf('google-contacts.csv');
    expect(mapped).toEqual({
      'First Name': 'givenName',
      'Last Name': 'familyName',
      'Phonetic First Name': 'givenReading',
      'Phonetic Last Name': 'familyReading',
      Birthday: 'birthday',
      Notes: 'note',
      Labels: 'tags',
      'E-mail 1 - Value': 'email',
      'Phone 1 - Value': 'phone',
      'Phone 2 - Value': 'phone',
      'Address 1 - Formatted': 'address',
    });
  });

  it('imports every good row of today’s export and names the one bad row by its line', () => {
    const checked = exportOf('google-contacts.csv').records.map(checkRecord);
    expect(checked.map((c) => [c.line, c.ok])).toEqual([[2, true], [5, true], [6, true], [7, false]]);
    expect(checked[0]).toMatchObject({
      ok: true,
      fields: {
        name: '田中 花子',
        reading: 'たなか はなこ',
        phones: ['+819012345678', '+81751234567'],
        email: 'hana@example.jp',
        birthday: '1985-04-12',
        tags: ['常連'],
        about: '柴犬のポチ\n着物の寸法はM',
        address: '河原町通3-4\n京都市中京区, 京都府 604-8000',
      },
    });
    // Two numbers in one cell (" ::: "), a Latin name in its own order, a birthday without a year.
    expect(checked[1]).toMatchObject({ ok: true, fields: { name: 'John Smith', phones: ['+14155552671', '+818023456789'], birthday: '--12-25' } });
    // Google's own groups are not the shop's tags.
    expect(checked[2]).toMatchObject({ ok: true, fields: { name: '渡辺 美咲', tags: [] } });
    expect(checked[3]).toEqual({ ok: false, line: 7, name: '佐藤 一郎', errors: [{ field: 'email', code: 'invalidEmail' }] });
  });

  it('reads the older export too: Name, the Yomi columns, "- Type" labels and Group Membership', () => {
    const { mapped, records } = exportOf('google-contacts-legacy.csv');
    expect(mapped).toMatchObject({
      Name: 'name',
      'Given Name Yomi': 'givenReading',
      'Family Name Yomi': 'familyReading',
      'Group Membership': 'tags',
      'E-mail 1 - Value': 'email',
      'Phone 1 - Value': 'phone',
    });
    expect(Object.keys(mapped)).not.toContain('Phone 1 - Type');
    const checked = records.map(checkRecord);
    expect(checked[0]).toMatchObject({
      ok: true,
      fields: { name: '鈴木 慎一', reading: 'すずき しんいち', phones: ['+818098765432', '+81663123456'], tags: ['骨董'], about: '骨董の目利き' },
    });
    expect(checked[2]).toEqual({ ok: false, line: 4, name: '小林 誠', errors: [{ field: 'phones.0', code: 'invalidPhone' }] });
  });

  it('takes no Google bookkeeping column for a name', () => {
    for (const header of ['Middle Name', 'Nickname', 'Name Prefix', 'Organization Name', 'File As', 'Short Name', 'Organization 1 - Name', 'Website 1 - Value', 'Address 1 - Street', 'E-mail 1 - Label', 'Phone 2 - Type']) {
      expect(fieldForHeader(header), header).toBeNull();
    }
  });
});

describe('POS customer exports: the member number and the visits they counted', () => {
  it('Square: Reference ID is the member number; first and last visit and the transaction count are its visits', () => {
    const { source, records } = exportOf('square-customers.csv');
    expect(source).toBe('square');
    const checked = records.map(checkRecord);
    expect(checked[0]).toMatchObject({
      ok: true,
      fields: { name: '田中 花子', memberNumber: 'M-00123', address: '〒604-8000 京都府 京都市中京区 河原町通3-4 スズランビル2F' },
      visitsBefore: { source: 'square', count: 24, firstAt: new Date(2021, 3, 2, 12).getTime(), lastAt: new Date(2025, 10, 30, 12).getTime() },
    });
    // Square's own id and spend are not kept; a customer it counted no visits for has no summary.
    expect(checked[2]).toMatchObject({ ok: true, fields: { memberNumber: 'M-00456' } });
    expect(checked[2]).not.toHaveProperty('visitsBefore');
    expect(checked[3]).toEqual({ ok: false, line: 5, name: '佐藤 一郎', errors: [{ field: 'visitCount', code: 'invalid' }] });
  });

  it('Airレジ (Shift_JIS): お客様番号, 会計回数 and 前回会計日, registered on 登録日', () => {
    const { source, records } = exportOf('airregi-customers.csv');
    expect(source).toBe('airregi');
    const checked = records.map(checkRecord);
    expect(checked[0]).toMatchObject({
      ok: true,
      fields: { name: '渡辺 美咲', reading: 'ワタナベ ミサキ', memberNumber: 'A0001', address: '〒150-0001 東京都 渋谷区神宮前 1-2-3 ハイツ青山201' },
      visitsBefore: { source: 'airregi', count: 12, lastAt: new Date(2025, 11, 20, 12).getTime(), since: new Date(2023, 4, 1, 12).getTime() },
    });
    expect(checked[2]).toEqual({ ok: false, line: 4, name: '加藤 由美', errors: [{ field: 'lastVisit', code: 'invalidDate' }] });
    expect(checked[3]).toMatchObject({ ok: true, fields: { name: '小林 誠', memberNumber: 'A0004' } });
    expect(checked[3]).not.toHaveProperty('visitsBefore');
  });

  it('スマレジ: 会員コード (not its own 会員ID), 入会日, 最終来店日時 with its time, 来店回数', () => {
    const { mapped, source, records } = exportOf('smaregi-members.csv');
    expect(source).toBe('smaregi');
    expect(mapped['会員ID']).toBeUndefined();
    const checked = records.map(checkRecord);
    expect(checked[0]).toMatchObject({
      ok: true,
      fields: { name: '高橋 陽子', reading: 'タカハシ ヨウコ', memberNumber: '8800123456789', phones: ['+81751234567', '+819022223333'] },
      visitsBefore: { source: 'smaregi', count: 48, lastAt: new Date(2025, 11, 1, 14, 5).getTime(), since: new Date(2019, 5, 15, 12).getTime() },
    });
    // A birthday in the era, as a member typed it on the sign-up form.
    expect(checked[2]).toMatchObject({ ok: true, fields: { birthday: '1990-05-05' } });
    expect(checked[3]).toEqual({ ok: false, line: 5, name: '林 翔', errors: [{ field: 'visitCount', code: 'invalid' }] });
  });

  it('raises a count smaller than the days given, and refuses a first visit after the last', () => {
    const visits = (v: Partial<{ count: string; first: string; last: string; since: string }>) =>
      checkRecord({ line: 2, name: '田中', reading: '', phones: [], email: '', address: '', birthday: '', note: '', tags: [], visits: { source: 'file', count: '', first: '', last: '', since: '', ...v } });
    expect(visits({ count: '1', first: '2024-01-01', last: '2025-01-01' })).toMatchObject({ ok: true, visitsBefore: { count: 2 } });
    expect(visits({ count: '3回' })).toMatchObject({ ok: true, visitsBefore: { count: 3 } });
    expect(visits({ first: '2025-01-01', last: '2024-01-01' })).toMatchObject({ ok: false, errors: [{ field: 'firstVisit', code: 'invalidDate' }] });
  });
});

describe('visit days as POS exports write them', () => {
  it('reads dates with or without a time, in US order and in the era, at noon when no time is given', () => {
    const noon = new Date(2025, 10, 30, 12).getTime();
    for (const typed of ['2025-11-30', '2025/11/30', '2025年11月30日', '20251130', '11/30/2025', '令和7年11月30日', 'R7.11.30']) {
      expect(parseVisitDate(typed), typed).toBe(noon);
    }
    expect(parseVisitDate('2025-11-30 14:05:00')).toBe(new Date(2025, 10, 30, 14, 5).getTime());
    expect(parseVisitDate('2025/11/30 9:30')).toBe(new Date(2025, 10, 30, 9, 30).getTime());
    expect(parseVisitDate('')).toBeUndefined();
  });

  it('refuses what is no day, a day before 1900 and a day after tomorrow', () => {
    for (const typed of ['2025/13/45', '2025-02-29', 'yesterday', '1899-12-31', '2999-01-01', '平成32年1月1日']) {
      expect(parseVisitDate(typed), typed).toBeNaN();
    }
  });
});
