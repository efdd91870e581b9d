import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from '../../i18n';
import { retainedBuyInRecords } from '../../db/ledger/queries';
import { formatDate } from '../../lib/format';

/**
 * What to tell the owner when a customer's data is deleted while the law still keeps their
 * purchase records: how many stay, until when, and why. Undefined when none do.
 */
export function useRetentionNotice(customerId: string, enabled = true): string | undefined {
  const { t, i18n } = useTranslation();
  const kept = useLiveQuery(
    async () => (enabled ? retainedBuyInRecords(customerId, Date.now()) : []),
    [customerId, enabled],
  );
  if (!kept || kept.length === 0) return undefined;
  const until = Math.max(...kept.map((k) => k.keepUntil));
  return t('buyIn.retention', { count: kept.length, date: formatDate(until, i18n.language) });
}
