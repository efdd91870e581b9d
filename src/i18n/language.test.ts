import { describe, expect, it } from 'vitest';
import { joinSentences } from './language';

describe('sentences one after another', () => {
  it('take a space between them in English and none after 。 in Japanese', () => {
    expect(joinSentences('en', ['Imported 2 customers.', '1 line was not imported.'])).toBe(
      'Imported 2 customers. 1 line was not imported.',
    );
    expect(joinSentences('ja', ['2 人を取り込みました。', '1 行は取り込めませんでした。'])).toBe(
      '2 人を取り込みました。1 行は取り込めませんでした。',
    );
  });

  it('leave out the sentences not said, and follow one already on screen with the gap', () => {
    expect(joinSentences('en', ['A.', false, 'B.'])).toBe('A. B.');
    expect(joinSentences('en', ['', false, 'B.'])).toBe(' B.');
    expect(joinSentences('en', ['', false])).toBe('');
    expect(joinSentences('ja', ['', 'B。'])).toBe('B。');
  });
});
