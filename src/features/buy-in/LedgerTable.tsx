/**
 * The 古物台帳 as a table: one line per item, the transaction's own columns spanning its items, in
 * the law's terms. The same markup prints (styles.css, @media print) as the paper ledger would.
 * Who checked the ID shares the ID check's cell, to keep the table within a tablet's width.
 */
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import type { LedgerRow } from '../../db/ledger/queries';
import { formatYen } from '../../lib/format';
import { ledgerEntryPath } from '../../lib/record-paths';
import { numberOf, type LedgerText } from './ledger-text';
import { EraYear } from '../../components/EraYear';

const COLUMNS = [
  'no',
  'date',
  'kind',
  'item',
  'quantity',
  'features',
  'price',
  'address',
  'name',
  'occupation',
  'age',
  'idCheck',
  'note',
] as const;

export function LedgerTable({ rows, text }: { rows: readonly LedgerRow[]; text: LedgerText }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <div className="ledger-table-wrap">
      <table className="ledger-table">
        <caption className="visually-hidden">{t('ledger.table')}</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col" className={`ledger-table__${column}`}>
                {t(`ledger.columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        {rows.map((row) => {
          const { entry } = row;
          const span = entry.items.length;
          const party = entry.counterparty;
          const notes = text.notes(row, numberOf);
          const spanning = (content: React.ReactNode, className: string) => (
            <td rowSpan={span} className={className}>
              {content}
            </td>
          );
          return (
            <tbody key={entry.id} className={`ledger-entry${row.correctedBy ? ' ledger-entry--superseded' : ''}`}>
              {entry.items.map((item, i) => (
                <tr key={i}>
                  {i === 0 && (
                    <>
                      {spanning(<Link to={ledgerEntryPath(entry.id)}>{numberOf(entry.id)}</Link>, 'ledger-table__no')}
                      {spanning(
                        <>
                          {text.date(entry.transactedAt)}
                          {text.eraBesideDates && <EraYear date={entry.transactedAt} />}
                        </>,
                        'ledger-table__date',
                      )}
                      {spanning(text.kind(entry), 'ledger-table__kind')}
                    </>
                  )}
                  <td className="ledger-table__item">
                    <span className="ledger-table__category">{text.category(item.category)}</span> {item.description}
                  </td>
                  <td className="ledger-table__quantity">{item.quantity}</td>
                  <td className="ledger-table__features">{item.features}</td>
                  <td className="ledger-table__price">{formatYen(item.price, language)}</td>
                  {i === 0 && (
                    <>
                      {spanning(party?.address ?? <span className="muted">{t('ledger.notRecorded')}</span>, 'ledger-table__address')}
                      {spanning(party?.name, 'ledger-table__name')}
                      {spanning(party?.occupation, 'ledger-table__occupation')}
                      {spanning(party?.age, 'ledger-table__age')}
                      {spanning(
                        entry.idCheck && (
                          <>
                            {text.idCheck(entry.idCheck)}
                            <span className="block muted small">
                              {t('ledger.checkedBy', { staff: text.staff(entry.idCheck.checkedBy) })}
                            </span>
                          </>
                        ),
                        'ledger-table__idCheck',
                      )}
                      {spanning(
                        notes.map((note) => (
                          <span key={note} className="block">
                            {note}
                          </span>
                        )),
                        'ledger-table__note',
                      )}
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
