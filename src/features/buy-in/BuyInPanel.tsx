/** The customer's buy-in history on their card, with "New appraisal" and "Record sale". */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from '../../i18n';
import { Link, useNavigate } from 'react-router';
import { buyInHistoryOf } from '../../db/ledger/queries';
import { formatDate, formatYen } from '../../lib/format';
import { ledgerEntryPath } from '../../lib/record-paths';

const RECENT = 3;

export function BuyInPanel({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const history = useLiveQuery(() => buyInHistoryOf(customerId), [customerId]);
  const language = i18n.language;
  return (
    <section className="card buyin-panel" aria-labelledby="buyin-heading">
      <div className="buyin-panel__header">
        <h2 id="buyin-heading">{t('buyIn.panel')}</h2>
        <div className="buyin-panel__actions">
          <button type="button" className="button button--primary" onClick={() => navigate(`/customers/${customerId}/appraisal`)}>
            {t('appraisal.new')}
          </button>
          <button type="button" className="button" onClick={() => navigate(`/customers/${customerId}/sale`)}>
            {t('sale.new')}
          </button>
        </div>
      </div>
      {history && (
        <>
          <p className="buyin-panel__summary">
            {history.buyIns.length === 0
              ? t('buyIn.none')
              : t('buyIn.summary', { count: history.buyIns.length, amount: formatYen(history.paidTotal, language) })}
            {history.appraisals > 0 && (
              <span className="muted block small">
                {t('buyIn.appraisals', { count: history.appraisals, declined: history.declinedAppraisals })}
                {history.sales.length > 0 && ` · ${t('buyIn.sales', { count: history.sales.length })}`}
              </span>
            )}
          </p>
          {history.buyIns.length > 0 && (
            <ul className="buyin-panel__recent" aria-label={t('buyIn.recent')}>
              {history.buyIns.slice(0, RECENT).map((entry) => (
                <li key={entry.id}>
                  <Link to={ledgerEntryPath(entry.id)}>
                    <span className="buyin-panel__date">{formatDate(entry.transactedAt, language)}</span>
                    <span className="buyin-panel__items">{entry.items.map((item) => item.description).join('、')}</span>
                    <span className="buyin-panel__amount">{formatYen(entry.total, language)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
