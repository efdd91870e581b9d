// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { eraYearOf, eraYearOfIsoDate, parseBirthday, parseWareki, toWareki } from './wareki';

const iso = (typed: string) => {
  const parsed = parseWareki(typed);
  if (!parsed.ok) return parsed.reason;
  const { year, month, day } = parsed.date;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

describe('reading a date written in the Japanese era', () => {
  it('reads the forms staff and forms write a birthday in', () => {
    for (const typed of [
      '昭和60年4月12日',
      '昭和60年4月12',
      'S60.4.12',
      's60.4.12',
      'S.60.4.12',
      '昭和60.4.12',
      'S60/4/12',
      'S60-4-12',
      '昭和 60年 4月 12日',
      'Ｓ６０．４．１２',
      '昭和六十年四月十二日',
      '㍼60年4月12日',
    ]) {
      expect(iso(typed), typed).toBe('1985-04-12');
    }
    expect(iso('R7/1/5')).toBe('2025-01-05');
    expect(iso('令和7年1月5日')).toBe('2025-01-05');
    expect(iso('大正15年12月24日')).toBe('1926-12-24');
    expect(iso('明治45年7月29日')).toBe('1912-07-29');
    expect(iso('昭和三十一年十月三十一日')).toBe('1956-10-31');
  });

  it('reads 元年 as the first year', () => {
    expect(iso('平成元年1月8日')).toBe('1989-01-08');
    expect(iso('H元.1.8')).toBe('1989-01-08');
    expect(iso('令和元年5月1日')).toBe('2019-05-01');
  });

  it('knows where 昭和 ends and 平成 begins: 7 and 8 January 1989', () => {
    expect(iso('昭和64年1月7日')).toBe('1989-01-07');
    expect(iso('平成元年1月8日')).toBe('1989-01-08');
    expect(parseWareki('昭和64年1月8日')).toEqual({
      ok: false,
      reason: 'outsideEra',
      suggestion: '平成元年1月8日',
    });
    expect(parseWareki('平成元年1月7日')).toEqual({
      ok: false,
      reason: 'outsideEra',
      suggestion: '昭和64年1月7日',
    });
  });

  it('knows where 平成 ends and 令和 begins: 30 April and 1 May 2019', () => {
    expect(iso('平成31年4月30日')).toBe('2019-04-30');
    expect(iso('令和元年5月1日')).toBe('2019-05-01');
    expect(parseWareki('平成31年5月1日')).toEqual({
      ok: false,
      reason: 'outsideEra',
      suggestion: '令和元年5月1日',
    });
    expect(parseWareki('令和元年4月30日')).toEqual({
      ok: false,
      reason: 'outsideEra',
      suggestion: '平成31年4月30日',
    });
  });

  it('refuses 平成32年 (2020) rather than guessing, and says what it would be in 令和', () => {
    expect(parseWareki('平成32年4月1日')).toEqual({
      ok: false,
      reason: 'outsideEra',
      suggestion: '令和2年4月1日',
    });
    expect(parseWareki('H32.4.1')).toEqual({
      ok: false,
      reason: 'outsideEra',
      suggestion: '令和2年4月1日',
    });
  });

  it('refuses a day that does not exist, and year 0', () => {
    expect(parseWareki('昭和60年2月29日')).toEqual({ ok: false, reason: 'invalidDate' });
    expect(parseWareki('昭和59年2月29日')).toMatchObject({ ok: true });
    expect(parseWareki('昭和60年13月1日')).toEqual({ ok: false, reason: 'invalidDate' });
    expect(parseWareki('昭和0年1月1日')).toEqual({ ok: false, reason: 'invalidDate' });
    expect(parseWareki('昭和60年4月0日')).toEqual({ ok: false, reason: 'invalidDate' });
  });

  it('leaves what is not an era date to other readers', () => {
    for (const typed of ['1985-04-12', '昭和', '平成元年', 'X60.4.12', '昭和60年', 'S60.4', '']) {
      expect(parseWareki(typed), typed).toEqual({ ok: false, reason: 'notWareki' });
    }
  });
});

describe('the era beside a date', () => {
  it('agrees with Intl’s Japanese calendar on every era’s first and last day', () => {
    for (const [date, era] of [
      ['1912-07-29', '明治45年'],
      ['1912-07-30', '大正元年'],
      ['1926-12-24', '大正15年'],
      ['1926-12-25', '昭和元年'],
      ['1989-01-07', '昭和64年'],
      ['1989-01-08', '平成元年'],
      ['2019-04-30', '平成31年'],
      ['2019-05-01', '令和元年'],
      ['1985-04-12', '昭和60年'],
    ] as const) {
      expect(eraYearOfIsoDate(date), date).toBe(era);
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const wareki = toWareki({ year: y, month: m, day: d })!;
      expect(`${wareki.era}${wareki.year === 1 ? '元' : wareki.year}年`, date).toBe(era);
    }
  });

  it('has nothing to show for a birthday without a year, or a day that does not exist', () => {
    expect(eraYearOfIsoDate('--04-12')).toBeUndefined();
    expect(eraYearOf({ year: 1985, month: 2, day: 30 })).toBeUndefined();
  });
});

describe('a birthday as typed', () => {
  it('reads Western dates, era dates and a day without a year', () => {
    const cases: Record<string, string> = {
      '1985-04-12': '1985-04-12',
      '1985/4/12': '1985-04-12',
      '1985.4.12': '1985-04-12',
      '1985年4月12日': '1985-04-12',
      '19850412': '1985-04-12',
      '１９８５／４／１２': '1985-04-12',
      昭和60年4月12日: '1985-04-12',
      'S60.4.12': '1985-04-12',
      'H1.1.8': '1989-01-08',
      '4/12': '--04-12',
      '4月12日': '--04-12',
      '--04-12': '--04-12',
      '2/29': '--02-29',
      '': '',
      '  ': '',
    };
    for (const [typed, stored] of Object.entries(cases))
      expect(parseBirthday(typed), typed).toEqual({ ok: true, value: stored });
  });

  it('refuses what is no day at all, and a day outside its era with the right era to suggest', () => {
    expect(parseBirthday('1985-02-30')).toEqual({ ok: false, reason: 'invalidDate' });
    expect(parseBirthday('2/30')).toEqual({ ok: false, reason: 'invalidDate' });
    expect(parseBirthday('next spring')).toEqual({ ok: false, reason: 'invalidDate' });
    expect(parseBirthday('平成32年4月1日')).toEqual({
      ok: false,
      reason: 'outsideEra',
      suggestion: '令和2年4月1日',
    });
  });
});
