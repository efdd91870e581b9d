// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { Translator } from './translator';

const en = {
  nav: { customers: 'Customers' },
  search: { count_one: '{{count}} customer', count_other: '{{count}} customers', noResults: 'No “{{query}}”.' },
  defaults: { quickNotes: ['Looking for:', 'Size:'] },
};
const ja = {
  nav: { customers: '顧客' },
  search: { count_one: '{{count}}人', count_other: '{{count}}人', noResults: '「{{query}}」なし' },
  defaults: { quickNotes: ['探しもの：'] },
};

function translator() {
  const t = new Translator('en');
  t.addBundle('en', en);
  t.addBundle('ja', ja);
  return t;
}

// Keys are typed against the app's resources; these tests use their own small bundles.
type AnyKey = Parameters<Translator['t']>[0];
const key = (k: string) => k as AnyKey;

describe('the translator', () => {
  it('finds nested keys in the language in use', () => {
    const i18n = translator();
    expect(i18n.t(key('nav.customers'))).toBe('Customers');
    i18n.changeLanguage('ja');
    expect(i18n.t(key('nav.customers'))).toBe('顧客');
  });

  it('fills placeholders, leaving unknown ones visible', () => {
    const i18n = translator();
    expect(i18n.t(key('search.noResults'), { query: '山本' })).toBe('No “山本”.');
    expect(i18n.t(key('search.noResults'))).toBe('No “{{query}}”.');
  });

  it('chooses the plural form each language has', () => {
    const i18n = translator();
    expect(i18n.t(key('search.count'), { count: 1 })).toBe('1 customer');
    expect(i18n.t(key('search.count'), { count: 0 })).toBe('0 customers');
    expect(i18n.t(key('search.count'), { count: 2 })).toBe('2 customers');
    i18n.changeLanguage('ja');
    expect(i18n.t(key('search.count'), { count: 1 })).toBe('1人');
  });

  it('returns lists when asked for objects', () => {
    expect(translator().t(key('defaults.quickNotes'), { returnObjects: true })).toEqual(['Looking for:', 'Size:']);
  });

  it('says which key is missing and shows the key rather than nothing', () => {
    const i18n = translator();
    const missing = vi.fn();
    i18n.onMissingKey = missing;
    expect(i18n.t(key('nav.nowhere'))).toBe('nav.nowhere');
    expect(i18n.t(key('nav'))).toBe('nav');
    expect(missing).toHaveBeenCalledWith('nav.nowhere', 'en');
    expect(missing).toHaveBeenCalledWith('nav', 'en');
  });

  it('merges strings added later (a lazy screen) into what is there', () => {
    const i18n = translator();
    i18n.addBundle('en', { nav: { ledger: 'Ledger' } });
    expect(i18n.t(key('nav.ledger'))).toBe('Ledger');
    expect(i18n.t(key('nav.customers'))).toBe('Customers');
  });

  it('tells listeners when the language or the strings change', () => {
    const i18n = translator();
    const listener = vi.fn();
    const stop = i18n.subscribe(listener);
    const before = i18n.revision;
    i18n.changeLanguage('ja');
    i18n.changeLanguage('ja');
    i18n.addBundle('ja', { nav: { ledger: '古物台帳' } });
    i18n.addBundle('en', { nav: { ledger: 'Ledger' } });
    expect(listener).toHaveBeenCalledTimes(2);
    expect(i18n.revision).toBe(before + 2);
    stop();
    i18n.changeLanguage('en');
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
