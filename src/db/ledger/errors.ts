/**
 * Why the ledger refused a write, in terms the person at the counter can act on. The forms keep
 * what was typed and show the message for `rule` (or the field messages of a LedgerInputError).
 */
import type { LedgerFieldError } from '../../lib/ledger-input';

export type LedgerRule =
  /** Records are append-only: a change is a correction, never an edit or a deletion. */
  | 'appendOnly'
  /** The law keeps a record for three years; it cannot be deleted before then. */
  | 'retained'
  /** Only the latest entry of a chain can be corrected. */
  | 'alreadyCorrected'
  /** Corrections, ledger settings and erasure are for an owner. */
  | 'ownerOnly'
  /** The customer, entry or staff member is not (or no longer) in the ledger. */
  | 'notFound'
  /** The customer's caution level refuses buy-ins; only an owner may allow one, with a reason. */
  | 'buyInRefused'
  /** An owner allowing a refused buy-in must say why (the caution history keeps it). */
  | 'overrideReason';

export class LedgerRuleError extends Error {
  readonly rule: LedgerRule;

  constructor(rule: LedgerRule, detail?: string) {
    super(`ledger rule: ${rule}${detail ? ` (${detail})` : ''}`);
    this.name = 'LedgerRuleError';
    this.rule = rule;
  }
}

export class LedgerInputError extends Error {
  readonly errors: LedgerFieldError[];

  constructor(errors: LedgerFieldError[]) {
    super(`invalid ledger input: ${errors.map((e) => `${e.field} ${e.code}`).join(', ')}`);
    this.name = 'LedgerInputError';
    this.errors = errors;
  }
}
