/**
 * The save buttons of the ledger forms: like src/hooks/useSubmit, but a form may be saved in more
 * than one way ("Record buy-in" or "Record appraisal only") and each way asks for different
 * fields, so validation and saving take the intent. Whatever was typed stays on failure.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import type { LedgerFieldError } from '../../lib/ledger-input';

export function useLedgerSubmit<I extends string>(
  validate: (intent: I) => LedgerFieldError[],
  save: (intent: I) => Promise<void>,
) {
  const [attempted, setAttempted] = useState<I | undefined>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = attempted ? validate(attempted) : [];

  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const submit = useCallback(
    async (intent: I) => {
      if (saving) return;
      setAttempted(intent);
      setFailure(undefined);
      if (validate(intent).length > 0) {
        setFocusRequest((n) => n + 1);
        return;
      }
      setSaving(true);
      try {
        await save(intent);
        setAttempted(undefined);
      } catch (error) {
        setFailure(error);
      } finally {
        setSaving(false);
      }
    },
    [saving, validate, save],
  );

  return { formRef, errors, saving, failure, submit };
}

/** Field path → message, for the ledger's own error codes. */
export function useLedgerErrors(errors: readonly LedgerFieldError[]) {
  const { t } = useTranslation();
  return useCallback(
    (field: string): string | undefined => {
      const error = errors.find((e) => e.field === field);
      return error ? t(`ledgerErrors.${error.code}`, { max: error.max }) : undefined;
    },
    [errors, t],
  );
}

/** A ledger form's saving: useLedgerSubmit with the field messages for its errors. */
export function useLedgerForm<I extends string>(
  validate: (intent: I) => LedgerFieldError[],
  save: (intent: I) => Promise<void>,
) {
  const submission = useLedgerSubmit(validate, save);
  const errorFor = useLedgerErrors(submission.errors);
  return { ...submission, errorFor };
}
