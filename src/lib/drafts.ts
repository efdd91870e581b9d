/**
 * What a form holds before it is saved, kept in this device's localStorage so a reload, a crash
 * or an accepted update loses nothing typed (src/hooks/useDraft.ts is the forms' end of it).
 *
 * Drafts hold personal data (a half-typed card, a note about a customer) outside the ledger, so
 * they are kept small and short-lived:
 *  - only what differs from the form's starting values is stored, with the time it was typed;
 *  - a form drops its draft when it is saved or cancelled;
 *  - a draft untouched for DRAFT_MAX_AGE_MS is dropped when read and at every start of the app;
 *  - deleting a customer's personal data drops every draft whose key names that customer, so
 *    keys of drafts about one customer include the customer's id;
 *  - secrets (PINs, backup and sync passphrases) never go into a draft: those forms keep them in
 *    memory only.
 */
import { DRAFT_PREFIX, removeDraft } from './draft-keys';
import { prefKeysStartingWith, readPref, writePref } from './device-prefs';

export { removeDraft };

/** A week: a form left half-done on Saturday evening is still there after a day off. */
export const DRAFT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

type Changes = Record<string, unknown>;

interface StoredDraft {
  savedAt: number;
  changes: Changes;
}

type ReadDraft = StoredDraft & { dated: boolean };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A stored draft, or undefined when there is none or it cannot be read. Drafts written before
 * drafts were dated (the whole form, undated) are read as written now, so an update never drops
 * what was typed just before it.
 */
function parse(stored: string | undefined, now: number): ReadDraft | undefined {
  if (!stored) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return undefined;
  }
  if (!isPlainObject(parsed)) return undefined;
  if (typeof parsed.savedAt === 'number' && isPlainObject(parsed.changes)) {
    return { savedAt: parsed.savedAt, changes: parsed.changes, dated: true };
  }
  return { savedAt: now, changes: parsed, dated: false };
}

function isStale(draft: StoredDraft, now: number): boolean {
  return now - draft.savedAt >= DRAFT_MAX_AGE_MS;
}

/** The changes a form stored under `key`, unless there are none or they are too old. */
export function readDraft(key: string, now = Date.now()): Changes | undefined {
  const draft = parse(readPref(DRAFT_PREFIX + key), now);
  if (!draft) return undefined;
  if (isStale(draft, now)) {
    removeDraft(key);
    return undefined;
  }
  return Object.keys(draft.changes).length ? draft.changes : undefined;
}

export function writeDraft(key: string, changes: Changes, now = Date.now()): void {
  if (Object.keys(changes).length === 0) {
    removeDraft(key);
    return;
  }
  const stored: StoredDraft = { savedAt: now, changes };
  writePref(DRAFT_PREFIX + key, JSON.stringify(stored));
}

/** Drops drafts nobody came back to, and any that cannot be read. Run at start. */
export function sweepDrafts(now = Date.now()): void {
  for (const prefKey of prefKeysStartingWith(DRAFT_PREFIX)) {
    const key = prefKey.slice(DRAFT_PREFIX.length);
    const draft = parse(readPref(prefKey), now);
    if (!draft || isStale(draft, now)) removeDraft(key);
    // An undated draft from an older version, or one dated ahead of a clock that was set back,
    // is dated now, so it expires like the rest.
    else if (!draft.dated || draft.savedAt > now) writeDraft(key, draft.changes, now);
  }
}

/** Drops every draft whose key names this id (a customer whose personal data was deleted). */
export function removeDraftsMentioning(id: string): void {
  if (!id) return;
  for (const prefKey of prefKeysStartingWith(DRAFT_PREFIX)) {
    const key = prefKey.slice(DRAFT_PREFIX.length);
    if (key.split(':').includes(id)) removeDraft(key);
  }
}

/** The keys of `value` whose values differ from `initial`'s: what was typed. */
export function changesFrom<T extends object>(initial: T, value: T): Changes {
  const changes: Changes = {};
  const before = initial as Record<string, unknown>;
  for (const [key, now] of Object.entries(value)) {
    if (JSON.stringify(now) !== JSON.stringify(before[key])) changes[key] = now;
  }
  return changes;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * The form's starting values with the stored changes laid over them. A change whose kind does
 * not match the form's field (a draft from an older version of the form, or tampered with) is
 * left out rather than handed to a form that would break on it.
 */
export function withChanges<T extends object>(initial: T, changes: Changes | undefined): T {
  if (!changes) return initial;
  const base = initial as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    const start = base[key];
    if (start === undefined || start === null || kindOf(start) === kindOf(value))
      merged[key] = value;
  }
  return merged as T;
}
