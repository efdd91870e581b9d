import type { FieldError } from '../lib/customer-input';

/**
 * Storage failures the person must be told about in words they can act on. Whatever they typed
 * stays in the form: writes throw a StorageError and the UI keeps its state.
 */
export type StorageErrorKind = 'quota' | 'closed' | 'unknown';

export class StorageError extends Error {
  readonly kind: StorageErrorKind;

  constructor(kind: StorageErrorKind, cause?: unknown) {
    super(`storage error: ${kind}`, { cause });
    this.name = 'StorageError';
    this.kind = kind;
  }
}

function namesOf(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current === 'object' && 'name' in current && typeof current.name === 'string') {
      names.push(current.name);
    }
    current =
      typeof current === 'object' && current !== null
        ? ((current as { inner?: unknown }).inner ?? (current as { cause?: unknown }).cause)
        : undefined;
  }
  return names;
}

/** Dexie wraps the browser's error (QuotaExceededError inside an AbortError); look through it. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const names = namesOf(error);
  if (names.includes('QuotaExceededError')) return new StorageError('quota', error);
  if (names.some((n) => n === 'DatabaseClosedError' || n === 'VersionChangeError')) {
    return new StorageError('closed', error);
  }
  return new StorageError('unknown', error);
}

/** Runs a write and turns any failure into a StorageError the UI can explain. */
export async function guardWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw toStorageError(error);
  }
}

/** Input that failed validation; the data layer refuses it rather than store something malformed. */
export class InputError extends Error {
  readonly errors: FieldError[];

  constructor(errors: FieldError[]) {
    super(`invalid input: ${errors.map((e) => `${e.field} ${e.code}`).join(', ')}`);
    this.name = 'InputError';
    this.errors = errors;
  }
}
