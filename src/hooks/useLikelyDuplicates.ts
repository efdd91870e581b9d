/** Cards that look like the same person as what is being typed or shown (phone, email, reading). */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { findLikelyDuplicates, type DuplicateCandidate } from '../db/privacy/merge-customers';
import type { Id } from '../model/types';
import { parsePhone } from '../lib/phone';

export interface TypedIdentity {
  name: string;
  reading: string;
  /** As typed; only numbers that parse are compared. */
  phones: readonly string[];
  email: string;
}

/** Waits for a pause in typing before looking, so each keystroke stays instant. */
const SETTLE_MS = 300;

function useSettled<T>(value: T, key: string): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), SETTLE_MS);
    return () => clearTimeout(timer);
    // The key stands for the value's content; the value object itself changes every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return settled;
}

export function useLikelyDuplicates(typed: TypedIdentity, excludeId?: Id): DuplicateCandidate[] {
  const settled = useSettled(typed, [typed.name, typed.reading, typed.email, ...typed.phones].join('\u0000'));
  const phones = settled.phones.flatMap((p) => {
    const parsed = parsePhone(p);
    return parsed.ok ? [parsed.e164] : [];
  });
  const name = settled.name.trim();
  const reading = settled.reading.trim();
  const email = settled.email.trim();
  const key = [name, reading, email, ...phones].join('\u0000');
  return (
    useLiveQuery(
      () => (name || phones.length || email ? findLikelyDuplicates({ name, reading, phones, email }, excludeId) : Promise.resolve([])),
      [key, excludeId],
    ) ?? []
  );
}
