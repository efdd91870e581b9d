// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { foldForLedgerSearch, ledgerSearchText, matchesLedgerQuery } from './ledger-search';

describe('finding a ledger entry again', () => {
  const stored = ledgerSearchText(['Nintendo Switch 本体', 'Serial XAJ-7001-2345, ネオンカラー', '田中 花子']);

  it('finds a serial number typed without hyphens, in lower case or full width', () => {
    expect(matchesLedgerQuery(stored, 'xaj70012345')).toBe(true);
    expect(matchesLedgerQuery(stored, 'XAJ-7001')).toBe(true);
    expect(matchesLedgerQuery(stored, 'ＸＡＪ７００１')).toBe(true);
  });

  it('finds a colour written in katakana when typed in hiragana, and the seller’s name', () => {
    expect(matchesLedgerQuery(stored, 'ねおん')).toBe(true);
    expect(matchesLedgerQuery(stored, '田中花子')).toBe(true);
  });

  it('does not run one field into the next', () => {
    expect(matchesLedgerQuery(stored, '本体serial')).toBe(false);
  });

  it('matches everything when nothing is typed, and nothing for another serial', () => {
    expect(matchesLedgerQuery(stored, '  ')).toBe(true);
    expect(matchesLedgerQuery(stored, 'XAJ-7001-9999')).toBe(false);
    expect(foldForLedgerSearch(' A-b.C/d ')).toBe('abcd');
  });
});
