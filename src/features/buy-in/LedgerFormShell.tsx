/**
 * The frame every buy-in ledger form shares (appraisal, sale, correction): the heading with whose
 * record it is and a way out, the form (which focuses the first field still wrong on a save
 * attempt), why a save did not happen, and the save buttons, sticky at the bottom of a phone's
 * screen. Each form brings only its own fields.
 */
import type { ReactNode, RefObject } from 'react';
import { LedgerFormAlert } from './LedgerFormAlert';

export interface LedgerFormShellProps {
  /** The heading's id: the page is labelled by it. */
  headingId: string;
  heading: string;
  /** Under the heading: the customer's name back to their card, or what a correction does. */
  about: ReactNode;
  /** The way out, beside the heading. */
  cancel: ReactNode;
  /** What every member of staff must see before anything else (a caution flag). */
  banner?: ReactNode;
  intro?: ReactNode;
  /** From useLedgerForm: the form to focus a wrong field in, and why the last save did not happen. */
  formRef: RefObject<HTMLFormElement | null>;
  invalidCount: number;
  failure: unknown;
  /** Just above the save buttons (a hint on how else to save). */
  beforeActions?: ReactNode;
  actions: ReactNode;
  children: ReactNode;
}

export function LedgerFormShell({
  headingId,
  heading,
  about,
  cancel,
  banner,
  intro,
  formRef,
  invalidCount,
  failure,
  beforeActions,
  actions,
  children,
}: LedgerFormShellProps) {
  return (
    <section className="page page--ledger-form" aria-labelledby={headingId}>
      <header className="form-header">
        <div>
          <h1 id={headingId}>{heading}</h1>
          {about}
        </div>
        {cancel}
      </header>
      {banner}
      {intro}
      <form ref={formRef} className="form" noValidate onSubmit={(e) => e.preventDefault()}>
        {children}
        <LedgerFormAlert invalidCount={invalidCount} failure={failure} />
        {beforeActions}
        <div className="actions actions--sticky">{actions}</div>
      </form>
    </section>
  );
}

/** The section about the other party: the seller's ID check, or the buyer of a recorded sale. */
export function PartySection({
  headingId,
  heading,
  children,
}: {
  headingId: string;
  heading: string;
  children: ReactNode;
}) {
  return (
    <section className="fieldset id-check" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {children}
    </section>
  );
}
