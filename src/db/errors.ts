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

/**
 * Names of an error and of everything it wraps: Dexie puts the browser's error in `inner`, a
 * BulkError lists one per failed row in `failures`, standard errors use `cause`.
 */
export function namesOf(error: unknown): string[] {
  const names: string[] = [];
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length > 0 && seen < 50; seen++) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null) continue;
    const { name, inner, cause, failures } = current as {
      name?: unknown;
      inner?: unknown;
      cause?: unknown;
      failures?: unknown;
    };
    if (typeof name === 'string') names.push(name);
    queue.push(inner, cause);
    if (Array.isArray(failures)) queue.push(...failures);
    else if (failures && typeof failures === 'object') queue.push(...Object.values(failures));
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
    if (error instanceof InputError || error instanceof StaffRuleError || error instanceof OwnerOnlyError) throw error;
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

/** A change the shop's rules do not allow, such as removing the last owner. */
export class StaffRuleError extends Error {
  readonly rule: 'lastStaff' | 'lastOwner';

  constructor(rule: 'lastStaff' | 'lastOwner') {
    super(`staff rule: ${rule}`);
    this.name = 'StaffRuleError';
    this.rule = rule;
  }
}

/**
 * Something only an owner may do (caution flags, the shop's rules, export, deletion, settings,
 * the audit log) tried by someone else.
 */
export class OwnerOnlyError extends Error {
  constructor(action = 'this') {
    super(`owner only: ${action}`);
    this.name = 'OwnerOnlyError';
  }
}
