/**
 * When are two cards the same person? Pure rules shared by capture (pointing out a likely
 * duplicate), import (never creating one) and merge.
 *
 * - Same phone number or same email: the same person (a shared family landline is the exception
 *   staff can see and ignore).
 * - Same name and same reading (both may be empty): the same person for import, so re-importing a
 *   file creates no duplicates even when it has no contact details.
 * - Same reading and a similar name (田中花子 / 田中 はなこ / 田中花): likely the same, pointed out
 *   but never merged on its own.
 */
import type { CustomerFields } from '../model/types';
import { charCount, LIMITS } from './customer-input';
import { compact, normalizeText } from './kana';
import { nationalDigits } from './phone-digits';

export type DuplicateReason = 'phone' | 'email' | 'nameAndReading' | 'readingAndSimilarName';

type Identity = Pick<CustomerFields, 'name' | 'reading' | 'phones' | 'email'>;

export interface IdentityKeys {
  phones: string[];
  email: string;
  name: string;
  reading: string;
}

export function identityKeys(c: Identity): IdentityKeys {
  return {
    phones: c.phones.map(nationalDigits),
    email: c.email ? normalizeText(c.email) : '',
    name: compact(normalizeText(c.name)),
    reading: compact(normalizeText(c.reading)),
  };
}

/** The search-index keys under which a possible duplicate of `c` would be found. */
export function lookupKeys(keys: IdentityKeys): string[] {
  return [...keys.phones, keys.email, keys.name, keys.reading].filter(Boolean);
}

function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/** Names a person would call "the same name, written differently". */
export function similarNames(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b || a.includes(b) || b.includes(a)) return true;
  // The same family name written the same way (田中花子 / 田中はなこ) with the same reading.
  const [x0, x1] = [...a];
  const [y0, y1] = [...b];
  if (x0 === y0 && x1 !== undefined && x1 === y1 && !/[\u3040-\u309f]/.test(x0 + x1)) return true;
  const length = Math.max([...a].length, [...b].length);
  return editDistance(a, b) <= Math.max(1, Math.floor(length / 4));
}

export function duplicateReason(a: IdentityKeys, b: IdentityKeys): DuplicateReason | undefined {
  if (a.phones.some((p) => b.phones.includes(p))) return 'phone';
  if (a.email && a.email === b.email) return 'email';
  if (a.name === b.name && a.reading === b.reading) {
    // Two people may share a name: different phones (none in common) or different emails mean
    // two customers, pointed out for a person to judge, never joined into one card.
    const conflicting = (a.phones.length > 0 && b.phones.length > 0) || (a.email !== '' && b.email !== '' && a.email !== b.email);
    return conflicting ? 'readingAndSimilarName' : 'nameAndReading';
  }
  if (a.reading && a.reading === b.reading && similarNames(a.name, b.name)) return 'readingAndSimilarName';
  return undefined;
}

/** Whether import should treat the two as one card (rather than only point it out). */
export function isSamePerson(reason: DuplicateReason | undefined): boolean {
  return reason !== undefined && reason !== 'readingAndSimilarName';
}

/**
 * What an imported record adds to the card it matched: empty fields filled, phones and tags
 * joined, a note not yet on the card appended. Undefined when it adds nothing.
 */
export function fillMissing(existing: CustomerFields, incoming: CustomerFields): CustomerFields | undefined {
  const phones = [...new Set([...existing.phones, ...incoming.phones])].slice(0, Math.max(LIMITS.phones, existing.phones.length));
  const tags = [...new Set([...existing.tags, ...incoming.tags])].slice(0, Math.max(LIMITS.tags, existing.tags.length));
  const joinedAbout = [existing.about, incoming.about].filter(Boolean).join('\n');
  const about =
    incoming.about && !existing.about.includes(incoming.about) && charCount(joinedAbout) <= LIMITS.about
      ? joinedAbout
      : existing.about;
  const next: CustomerFields = {
    ...existing,
    reading: existing.reading || incoming.reading,
    phones,
    email: existing.email || incoming.email,
    address: existing.address || incoming.address,
    birthday: existing.birthday || incoming.birthday,
    memberNumber: existing.memberNumber || incoming.memberNumber,
    tags,
    about,
  };
  if (!next.memberNumber) delete next.memberNumber;
  const changed =
    next.reading !== existing.reading ||
    next.phones.length !== existing.phones.length ||
    next.email !== existing.email ||
    next.address !== existing.address ||
    next.birthday !== existing.birthday ||
    next.memberNumber !== existing.memberNumber ||
    next.tags.length !== existing.tags.length ||
    next.about !== existing.about;
  return changed ? next : undefined;
}
