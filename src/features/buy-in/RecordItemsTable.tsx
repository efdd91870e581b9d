/** The items of a buy-in record or an appraisal, as the 古物台帳 lists them, with their photos. */
import type { ReactNode } from 'react';
import type { LedgerItem } from '../../model/ledger-types';
import { useTranslation } from '../../i18n';
import { formatYen } from '../../lib/format';
import { useLedgerText } from './ledger-text';
import { PhotoThumb } from './PhotoThumb';

interface Props<T extends LedgerItem> {
  items: readonly T[];
  priceLabel: string;
  total: number;
  showTotal: boolean;
  /** A column after the price: on an appraisal, the customer's answer for each item. */
  extra?: { label: string; cell: (item: T) => ReactNode };
}

export function RecordItemsTable<T extends LedgerItem>({ items, priceLabel, total, showTotal, extra }: Props<T>) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const text = useLedgerText();
  return (
    <table className="record-items">
      <thead>
        <tr>
          <th scope="col">{t('ledger.columns.item')}</th>
          <th scope="col">{t('ledger.columns.quantity')}</th>
          <th scope="col">{t('ledger.columns.features')}</th>
          <th scope="col">{priceLabel}</th>
          {extra && <th scope="col">{extra.label}</th>}
          <th scope="col">{t('ledger.photos')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item, i) => (
          <tr key={i}>
            <td>
              <span className="ledger-table__category">{text.category(item.category)}</span> {item.description}
            </td>
            <td>{item.quantity}</td>
            <td className="pre-line">{item.features}</td>
            <td className="ledger-table__price">{formatYen(item.price, language)}</td>
            {extra && <td>{extra.cell(item)}</td>}
            <td>{item.photoId && <PhotoThumb photoId={item.photoId} alt={t('appraisal.photoOf', { item: item.description })} />}</td>
          </tr>
        ))}
      </tbody>
      {showTotal && (
        <tfoot>
          <tr>
            <td colSpan={3} />
            <td className="ledger-table__price">
              <strong>{formatYen(total, language)}</strong>
            </td>
            <td colSpan={extra ? 2 : 1} />
          </tr>
        </tfoot>
      )}
    </table>
  );
}
