import { useTranslation } from '../../i18n';
import { StorageError } from '../../db/errors';
import { LedgerInputError, LedgerRuleError } from '../../db/ledger/errors';

/** Says why a ledger save did not happen, next to the form that still holds the input. */
export function LedgerFormAlert({ invalidCount, failure }: { invalidCount: number; failure: unknown }) {
  const { t } = useTranslation();
  let message: string | undefined;
  if (failure instanceof LedgerRuleError) message = t(`ledgerErrors.rules.${failure.rule}`);
  else if (failure instanceof LedgerInputError) message = t('ledgerErrors.summary', { count: failure.errors.length });
  else if (failure instanceof StorageError) message = t(`errors.storage.${failure.kind}`);
  else if (failure) message = t('errors.storage.unknown');
  else if (invalidCount > 0) message = t('ledgerErrors.summary', { count: invalidCount });
  if (!message) return null;
  return (
    <p className="form-alert" role="alert">
      {message}
    </p>
  );
}
