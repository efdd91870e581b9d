// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { duplicateReason, identityKeys, isSamePerson } from './duplicates';

const card = (name: string, reading: string, phones: string[] = [], email = '') =>
  identityKeys({ name, reading, phones, email });

describe('telling one customer from two who look alike', () => {
  it('joins cards sharing a phone or an email', () => {
    expect(duplicateReason(card('田中 花子', 'たなか はなこ', ['+819012345678']), card('田中花子', '', ['+819012345678']))).toBe('phone');
    expect(duplicateReason(card('Hana', '', [], 'hana@example.jp'), card('Hanako', '', [], 'HANA@example.jp'))).toBe('email');
  });

  it('joins the same name and reading when nothing says they are two people', () => {
    const reason = duplicateReason(card('田中 花子', 'たなか はなこ', ['+819012345678']), card('田中 花子', 'たなか はなこ'));
    expect(reason).toBe('nameAndReading');
    expect(isSamePerson(reason)).toBe(true);
  });

  it('keeps two customers with the same name apart when their phones or emails differ', () => {
    const phones = duplicateReason(card('田中 花子', 'たなか はなこ', ['+819012345678']), card('田中 花子', 'たなか はなこ', ['+818011112222']));
    const emails = duplicateReason(card('John Smith', '', [], 'john@a.example'), card('John Smith', '', [], 'john@b.example'));
    expect(isSamePerson(phones)).toBe(false);
    expect(isSamePerson(emails)).toBe(false);
    // Still pointed out, for a person to judge.
    expect(phones).toBeDefined();
  });
});
