/** The note form as typed (strings, so drafts keep exactly what was typed) and its conversion. */
import type { Visit, VisitKind } from '../../model/types';
import { parseVisitInput, type FieldError, type VisitInput } from '../../lib/customer-input';
import { parseYen } from '../../lib/yen';
import { fromDateTimeLocal, toDateTimeLocal } from '../../lib/format';

export interface VisitDraft {
  note: string;
  /** datetime-local value; empty means "now" at the moment of saving. */
  at: string;
  kind: VisitKind;
  amount: string;
  /** Health-related (allergies, conditions); offered only with the customer's health consent. */
  health?: boolean;
}

export function emptyVisitDraft(kind: VisitKind = 'purchase'): VisitDraft {
  return { note: '', at: '', kind, amount: '' };
}

export function draftFromVisit(visit: Visit): VisitDraft {
  return {
    note: visit.note,
    at: toDateTimeLocal(visit.at),
    kind: visit.kind,
    amount: visit.amount === undefined ? '' : String(visit.amount),
    health: visit.health ?? false,
  };
}

export function toVisitInput(draft: VisitDraft, now = Date.now()): VisitInput {
  return {
    note: draft.note,
    at: draft.at ? fromDateTimeLocal(draft.at) : now,
    kind: draft.kind,
    amount: parseYen(draft.amount),
    ...(draft.health ? { health: true } : {}),
  };
}

export function visitDraftErrors(draft: VisitDraft): FieldError[] {
  const parsed = parseVisitInput(toVisitInput(draft));
  return parsed.ok ? [] : parsed.errors;
}

/** Appends a quick-note phrase on its own line, so chips and typing mix naturally. */
export function appendPhrase(note: string, phrase: string): string {
  if (!note.trim()) return phrase;
  return note.endsWith('\n') ? `${note}${phrase}` : `${note}\n${phrase}`;
}
