import { useCallback } from 'react';
import { useTranslation } from '../i18n';
import type { FieldError } from '../lib/customer-input';

/** Turns error codes from validation into a lookup of messages by field path. */
export function useFieldErrors(errors: readonly FieldError[]) {
  const { t } = useTranslation();
  return useCallback(
    (field: string): string | undefined => {
      const error = errors.find((e) => e.field === field);
      if (!error) return undefined;
      return t(`errors.${error.code}`, { max: error.max });
    },
    [errors, t],
  );
}
