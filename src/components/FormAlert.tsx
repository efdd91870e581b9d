import { useTranslation } from '../i18n';
import { InputError, OwnerOnlyError, StaffRuleError, StorageError } from '../db/errors';

interface Props {
  /** Number of fields still wrong after a save attempt. */
  invalidCount?: number;
  /** What the last save threw, if it failed. */
  failure?: unknown;
}

/** Says why a save did not happen, in the person's language, next to the form that still holds their input. */
export function FormAlert({ invalidCount = 0, failure }: Props) {
  const { t } = useTranslation();
  let message: string | undefined;
  if (failure instanceof StorageError) message = t(`errors.storage.${failure.kind}`);
  else if (failure instanceof StaffRuleError) message = t(`settings.${failure.rule}`);
  else if (failure instanceof OwnerOnlyError) message = t('errors.ownerOnly');
  else if (failure instanceof InputError) message = t('errors.summary', { count: failure.errors.length });
  else if (failure) message = t('errors.storage.unknown');
  else if (invalidCount > 0) message = t('errors.summary', { count: invalidCount });
  if (!message) return null;
  return (
    <p className="form-alert" role="alert">
      {message}
    </p>
  );
}
