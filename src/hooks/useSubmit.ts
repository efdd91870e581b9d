/**
 * The save button's life: validate, write, and on failure keep everything typed and say why.
 * After a failed attempt, messages follow the input live so the person sees each fix land.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { InputError } from '../db/errors';
import type { FieldError } from '../lib/customer-input';

interface Options {
  /** Field errors for the current input; [] when valid. */
  validate: () => FieldError[];
  /** Writes; throws StorageError/InputError on failure. */
  save: () => Promise<void>;
}

export function useSubmit({ validate, save }: Options) {
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  // Some input is only refused by the data layer (a referral circle needs the ledger to see):
  // its field errors join the form's own, next to the fields they concern.
  const refused = failure instanceof InputError ? failure.errors : [];
  const errors = attempted ? [...validate(), ...refused] : [];

  useEffect(() => {
    if (focusRequest === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [focusRequest]);

  const onSubmit = useCallback(
    async (event?: FormEvent) => {
      event?.preventDefault();
      if (saving) return;
      setAttempted(true);
      setFailure(undefined);
      if (validate().length > 0) {
        setFocusRequest((n) => n + 1);
        return;
      }
      setSaving(true);
      try {
        await save();
        setAttempted(false);
      } catch (error) {
        setFailure(error);
        if (error instanceof InputError) setFocusRequest((n) => n + 1);
      } finally {
        setSaving(false);
      }
    },
    [saving, validate, save],
  );

  return { formRef, errors, saving, failure, onSubmit };
}
