/**
 * Length as a person counts it: an emoji or a kanji is one character. Its own module so limits can
 * be checked without loading the validation library (zod, phone metadata) into the first screen.
 */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
