import { describe, expect, it } from 'vitest';
import {
  charCount,
  isValidBirthday,
  LIMITS,
  parseCustomerInput,
  parseVisitInput,
  type CustomerInput,
  type FieldError,
  type VisitInput,
} from './customer-input';
import { parseYen } from './yen';

function errorsFor(input: CustomerInput): FieldError[] {
  const parsed = parseCustomerInput(input);
  return parsed.ok ? [] : parsed.errors;
}

function valueOf(input: CustomerInput) {
  const parsed = parseCustomerInput(input);
  if (!parsed.ok) throw new Error(`expected valid input, got ${JSON.stringify(parsed.errors)}`);
  return parsed.value;
}

describe('checking a new customer card', () => {
  it('fills every field a person left out with its empty value', () => {
    expect(valueOf({ name: '田中 花子' })).toEqual({
      name: '田中 花子',
      reading: '',
      phones: [],
      email: '',
      handles: [],
      address: '',
      birthday: undefined,
      tags: [],
      about: '',
    });
  });

  it('asks for a name when none, or only spaces, was typed', () => {
    expect(errorsFor({ name: '' })).toEqual([{ field: 'name', code: 'required' }]);
    expect(errorsFor({ name: ' 　 ' })).toEqual([{ field: 'name', code: 'required' }]);
  });

  it('trims the name but keeps the space between family and given name', () => {
    expect(valueOf({ name: '  田中 花子 ' }).name).toBe('田中 花子');
  });

  it('refuses a name of 101 characters and says the limit is 100', () => {
    expect(errorsFor({ name: 'あ'.repeat(101) })).toEqual([
      { field: 'name', code: 'tooLong', max: 100 },
    ]);
    expect(valueOf({ name: 'あ'.repeat(100) }).name).toHaveLength(100);
  });

  it('counts an emoji as one character, so a 100-emoji name fits and 101 does not', () => {
    const hundred = '🐶'.repeat(100);
    expect(hundred.length).toBe(200);
    expect(valueOf({ name: hundred }).name).toBe(hundred);
    expect(errorsFor({ name: '🐶'.repeat(101) })).toEqual([
      { field: 'name', code: 'tooLong', max: 100 },
    ]);
  });

  it('keeps an emoji name exactly as typed', () => {
    expect(valueOf({ name: '🐶 ポチの飼い主さん' }).name).toBe('🐶 ポチの飼い主さん');
  });

  it('points an invalid email at the email field', () => {
    expect(errorsFor({ name: '田中', email: 'hana@' })).toEqual([
      { field: 'email', code: 'invalidEmail' },
    ]);
    expect(errorsFor({ name: '田中', email: 'not an email' })).toEqual([
      { field: 'email', code: 'invalidEmail' },
    ]);
  });

  it('accepts an email typed in full-width letters as its half-width form', () => {
    expect(valueOf({ name: '田中', email: ' ｈａｎａ＠ｅｘａｍｐｌｅ．ｊｐ ' }).email).toBe(
      'hana@example.jp',
    );
  });

  it('treats a blank email as no email', () => {
    expect(valueOf({ name: '田中', email: '   ' }).email).toBe('');
  });

  it('points an invalid second phone at phones.1, leaving the first alone', () => {
    expect(errorsFor({ name: '田中', phones: ['090-1234-5678', '090-1234-567'] })).toEqual([
      { field: 'phones.1', code: 'invalidPhone' },
    ]);
  });

  it('reports every problem at once so the form can mark them all', () => {
    const fields = errorsFor({ name: '', email: 'x', phones: ['12'] }).map((e) => e.field);
    expect(fields.sort()).toEqual(['email', 'name', 'phones.0']);
  });

  it('stores phones in E.164, however they were typed', () => {
    expect(
      valueOf({
        name: '田中',
        phones: ['090-1234-5678', '０３－１２３４－５６７８', '+1 415 555 2671'],
      }).phones,
    ).toEqual(['+819012345678', '+81312345678', '+14155552671']);
  });

  it('drops blank phone fields the form left open', () => {
    expect(valueOf({ name: '田中', phones: ['', '090-1234-5678', '   '] }).phones).toEqual([
      '+819012345678',
    ]);
  });

  it('refuses more phones than the card holds', () => {
    const phones = Array.from(
      { length: LIMITS.phones + 1 },
      (_, i) => `090-1234-56${String(i).padStart(2, '0')}`,
    );
    expect(errorsFor({ name: '田中', phones })).toEqual([
      { field: 'phones', code: 'tooMany', max: LIMITS.phones },
    ]);
  });

  it('trims tags and keeps each only once', () => {
    expect(valueOf({ name: '田中', tags: [' 常連 ', '常連', '', '着物', '  '] }).tags).toEqual([
      '常連',
      '着物',
    ]);
  });

  it('refuses a tag longer than the limit', () => {
    expect(errorsFor({ name: '田中', tags: ['あ'.repeat(LIMITS.tag + 1)] })).toEqual([
      { field: 'tags', code: 'tooLong', max: LIMITS.tag },
    ]);
  });

  it('drops handles left empty and keeps the rest trimmed', () => {
    expect(
      valueOf({
        name: '田中',
        handles: [
          { kind: 'line', value: ' hana★ ' },
          { kind: 'instagram', value: '  ' },
        ],
      }).handles,
    ).toEqual([{ kind: 'line', value: 'hana★' }]);
  });

  it('refuses an about memo over its limit', () => {
    expect(errorsFor({ name: '田中', about: 'あ'.repeat(LIMITS.about + 1) })).toEqual([
      { field: 'about', code: 'tooLong', max: LIMITS.about },
    ]);
  });
});

describe('a customer’s birthday', () => {
  it('accepts a full date that exists', () => {
    expect(valueOf({ name: '田中', birthday: '1985-05-17' }).birthday).toBe('1985-05-17');
    expect(isValidBirthday('2024-02-29')).toBe(true);
  });

  it('refuses a date that does not exist', () => {
    expect(errorsFor({ name: '田中', birthday: '2026-02-30' })).toEqual([
      { field: 'birthday', code: 'invalidDate' },
    ]);
    expect(isValidBirthday('2023-02-29')).toBe(false);
    expect(isValidBirthday('1985-13-01')).toBe(false);
    expect(isValidBirthday('1985-00-10')).toBe(false);
  });

  it('accepts only the month and day when the customer keeps their year to themselves', () => {
    expect(valueOf({ name: '田中', birthday: '--05-17' }).birthday).toBe('--05-17');
    expect(isValidBirthday('--02-29')).toBe(true);
    expect(isValidBirthday('--02-30')).toBe(false);
  });

  it('refuses anything not written YYYY-MM-DD or --MM-DD', () => {
    for (const typed of [
      '1985/05/17',
      '17-05-1985',
      '1985-5-17',
      '198505-17',
      '---05-17',
      '--0517',
      '05-17',
    ]) {
      expect(isValidBirthday(typed), typed).toBe(false);
    }
  });

  it('refuses a year before 1900', () => {
    expect(isValidBirthday('1899-12-31')).toBe(false);
  });

  it('reads a birthday typed as staff write it, in the Japanese era or with slashes, and stores it YYYY-MM-DD', () => {
    expect(valueOf({ name: '田中', birthday: '昭和60年4月12日' }).birthday).toBe('1985-04-12');
    expect(valueOf({ name: '田中', birthday: 'S60.4.12' }).birthday).toBe('1985-04-12');
    expect(valueOf({ name: '田中', birthday: '1985/4/12' }).birthday).toBe('1985-04-12');
    expect(valueOf({ name: '田中', birthday: '4/12' }).birthday).toBe('--04-12');
  });

  it('refuses a day its era never had, with its own code so the form can say which era it was', () => {
    expect(errorsFor({ name: '田中', birthday: '平成32年1月1日' })).toEqual([
      { field: 'birthday', code: 'invalidEra' },
    ]);
    expect(errorsFor({ name: '田中', birthday: '昭和60年2月30日' })).toEqual([
      { field: 'birthday', code: 'invalidDate' },
    ]);
  });

  it('treats an empty birthday as not given', () => {
    expect(valueOf({ name: '田中', birthday: '' }).birthday).toBeUndefined();
    expect(valueOf({ name: '田中', birthday: '  ' }).birthday).toBeUndefined();
  });
});

describe('counting characters as a person does', () => {
  it('counts kanji, kana and emoji as one each', () => {
    expect(charCount('田中')).toBe(2);
    expect(charCount('🐶ポチ')).toBe(3);
    expect(charCount('')).toBe(0);
  });
});

describe('reading an amount of yen', () => {
  it('reads amounts with separators, a yen sign or 円, in either width', () => {
    expect(parseYen('1,200')).toBe(1200);
    expect(parseYen('¥1200')).toBe(1200);
    expect(parseYen('￥1,200')).toBe(1200);
    expect(parseYen('１２００円')).toBe(1200);
    expect(parseYen(' 3800 ')).toBe(3800);
    expect(parseYen('0')).toBe(0);
  });

  it('reads nothing typed as no amount', () => {
    expect(parseYen('')).toBeUndefined();
    expect(parseYen('  ')).toBeUndefined();
    expect(parseYen('円')).toBeUndefined();
  });

  it('reads anything else as not a number, so the form can say so', () => {
    for (const typed of ['abc', '-5', '1.5', '12a', '1e3', '12345678901']) {
      expect(parseYen(typed), typed).toBeNaN();
    }
  });
});

describe('checking a visit', () => {
  const at = Date.UTC(2026, 4, 10, 2, 30);

  function visitErrors(input: VisitInput): FieldError[] {
    const parsed = parseVisitInput(input);
    return parsed.ok ? [] : parsed.errors;
  }

  it('accepts a visit with an amount and a note, trimming the note', () => {
    expect(parseVisitInput({ at, kind: 'purchase', amount: 3800, note: ' 花瓶 ' })).toEqual({
      ok: true,
      value: { at, kind: 'purchase', amount: 3800, note: '花瓶' },
    });
  });

  it('accepts a visit without an amount or a note', () => {
    expect(parseVisitInput({ at, kind: 'consultation' })).toEqual({
      ok: true,
      value: { at, kind: 'consultation', note: '' },
    });
  });

  it('refuses a negative or fractional amount', () => {
    expect(visitErrors({ at, kind: 'purchase', amount: -5 })).toEqual([
      { field: 'amount', code: 'invalidAmount' },
    ]);
    expect(visitErrors({ at, kind: 'purchase', amount: 1.5 })).toEqual([
      { field: 'amount', code: 'invalidAmount' },
    ]);
  });

  it('accepts a free visit of zero yen', () => {
    expect(parseVisitInput({ at, kind: 'appraisal', amount: 0 }).ok).toBe(true);
  });

  it('refuses an amount that could not be read (parseYen gave NaN) as an invalid amount, not a generic error', () => {
    expect(visitErrors({ at, kind: 'purchase', amount: parseYen('abc') })).toEqual([
      { field: 'amount', code: 'invalidAmount' },
    ]);
  });

  it('reports an unknown kind as invalid, without a limit read out of zod’s own message', () => {
    const input = { at, kind: 'gift' } as unknown as VisitInput;
    expect(visitErrors(input)).toEqual([{ field: 'kind', code: 'invalid' }]);
  });

  it('refuses a note over 5000 characters', () => {
    expect(visitErrors({ at, kind: 'other', note: 'あ'.repeat(LIMITS.note + 1) })).toEqual([
      { field: 'note', code: 'tooLong', max: 5000 },
    ]);
    expect(parseVisitInput({ at, kind: 'other', note: 'あ'.repeat(LIMITS.note) }).ok).toBe(true);
  });

  it('refuses a time that is not a real moment', () => {
    expect(visitErrors({ at: Number.NaN, kind: 'purchase' })).toEqual([
      { field: 'at', code: 'invalidDate' },
    ]);
    expect(visitErrors({ at: Number.POSITIVE_INFINITY, kind: 'purchase' })).toEqual([
      { field: 'at', code: 'invalidDate' },
    ]);
    expect(visitErrors({ at: Date.UTC(1899, 11, 31), kind: 'purchase' })).toEqual([
      { field: 'at', code: 'invalidDate' },
    ]);
  });
});
