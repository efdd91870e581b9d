// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fieldForHeader, guessMapping } from './columns';
import { csvChunks, parseCsvChunk } from './csv';
import { decodeBytes } from './decode';
import { checkRecord, normalizeBirthday, recordFromCells } from './rows';
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
    expect(guessMapping(['会員番号', '氏名', 'お名前', '電話番号', '携帯電話'])).toEqual([null, 'name', null, 'phone', 'phone']);
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
