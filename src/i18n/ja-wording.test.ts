// @vitest-environment node
/**
 * The Japanese screens speak one way throughout (reviewed screen by screen for issue 16): the
 * shop's owner is 店主, people are counted in 人, and staff speak of a customer as 〇〇 さん
 * (様 belongs to the messages the shop sends them).
 */
import { describe, expect, it } from 'vitest';
import jaShell from './ja/index';
import jaScreens from './ja/screens';
import defaults from './template-defaults.json';

type Tree = { [key: string]: string | string[] | Tree };

function stringsOf(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value]]
      : Array.isArray(value)
        ? value.map((v, i): [string, string] => [`${prefix}${key}.${i}`, v])
        : stringsOf(value, `${prefix}${key}.`),
  );
}

const ja = [...stringsOf(jaShell as Tree), ...stringsOf(jaScreens as Tree)];

describe('the Japanese wording', () => {
  it('calls the owner 店主 everywhere, never オーナー', () => {
    expect(ja.filter(([, text]) => text.includes('オーナー'))).toEqual([]);
  });

  it('counts customers and staff in 人, never in 件 or 名', () => {
    const people = /\{\{(customers|staff)\}\}\s*(件|名)/;
    expect(ja.filter(([, text]) => people.test(text))).toEqual([]);
    // The import and the backup count cards, which are people.
    const cards = /^safety\.(import\.(result|updated|unchanged)|backup\.exported)/;
    expect(ja.filter(([key, text]) => cards.test(key) && /\{\{count\}\}\s*(件|名)/.test(text))).toEqual([]);
    expect(ja.find(([key]) => key === 'safety.import.result_other')?.[1]).toContain('人');
  });

  it('speaks of a customer on screen as 〇〇 さん; 様 is for the messages sent to them', () => {
    expect(ja.filter(([, text]) => /\}\}\s*様/.test(text))).toEqual([]);
    for (const body of Object.values(defaults.ja.templates)) expect(body).toMatch(/^\{name\}様/);
  });

  it('says how to stop in words that fit an SMS as well as a mail', () => {
    expect(defaults.ja.optOut).not.toContain('メール');
    expect(defaults.en.optOut).not.toContain('email');
  });
});
