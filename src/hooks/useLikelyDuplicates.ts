/** Cards that look like the same person as what is being typed or shown (phone, email, reading). */
import { useLiveQuery } from 'dexie-react-hooks';
import { findLikelyDuplicates, type DuplicateCandidate } from '../db/merge';
import type { Id } from '../db/types';
import { parsePhone } from '../lib/phone';

export interface TypedIdentity {
  name: string;
  reading: string;
  /** As typed; only numbers that parse are compared. */
  phones: readonly string[];
  email: string;
}

export function useLikelyDuplicates(typed: TypedIdentity, excludeId?: Id): DuplicateCandidate[] {
  const phones = typed.phones.flatMap((p) => {
    const parsed = parsePhone(p);
    return parsed.ok ? [parsed.e164] : [];
  });
  const name = typed.name.trim();
  const reading = typed.reading.trim();
  const email = typed.email.trim();
  const key = [name, reading, email, ...phones].join('\u0000');
  return (
    useLiveQuery(
      () => (name || phones.length || email ? findLikelyDuplicates({ name, reading, phones, email }, excludeId) : Promise.resolve([])),
      [key, excludeId],
    ) ?? []
  );
}
