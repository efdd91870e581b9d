/**
 * The 古物台帳 view: every buy-in and recorded sale of a period, searchable by what identifies an
 * object (a serial number for a police enquiry), printable as a clean table and exportable as CSV.
 * It reads IndexedDB only, so it works offline like the rest of the counter.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useSearchParams } from 'react-router';
import { Checkbox, TextField } from '../../components/Field';
import { DEFAULT_LEDGER_SETTINGS, ledgerBetween, ledgerSettings, searchWholeLedger } from '../../db/ledger/queries';
import { useCounter } from '../../hooks/useCounter';
import { useShopSettings } from '../../hooks/useShopSettings';
import { formatCalendarDate, formatYen } from '../../lib/format';
import { CSV_COLUMNS, ledgerCsv, type CsvColumn } from './ledger-csv';
import { useLedgerText } from './ledger-text';
import { LedgerTable } from './LedgerTable';

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Midnight (device time) starting a YYYY-MM-DD day, `plusDays` later; NaN if malformed. */
function dayStart(value: string, plusDays = 0): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays).getTime() : Number.NaN;
}

export default function LedgerPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const counter = useCounter();
  const { shopName } = useShopSettings();
  const text = useLedgerText();
  const [params, setParams] = useSearchParams();
  const today = new Date();
  const from = params.get('from') ?? isoDay(new Date(today.getFullYear(), today.getMonth(), 1));
  const to = params.get('to') ?? isoDay(today);
  const query = params.get('q') ?? '';
  const allDates = params.get('all') === '1';
  const deferredQuery = useDeferredValue(query);
  const set = (patch: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(patch)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  // A half-typed date leaves that end of the period open rather than hiding everything.
  const start = Number.isFinite(dayStart(from)) ? dayStart(from) : 0;
  const end = Number.isFinite(dayStart(to, 1)) ? dayStart(to, 1) : Number.MAX_SAFE_INTEGER;
  const rows = useLiveQuery(
    () => (allDates ? searchWholeLedger(deferredQuery) : ledgerBetween(start, end, deferredQuery)),
    [allDates, deferredQuery, start, end],
  );
  const settings = useLiveQuery(ledgerSettings, [], DEFAULT_LEDGER_SETTINGS);
  const paid = (rows ?? [])
    .filter((row) => !row.correctedBy && row.entry.kind === 'buy-in')
    .reduce((sum, row) => sum + row.entry.total, 0);
  const period = allDates
    ? t('ledger.searchAll')
    : t('ledger.period', { from: formatCalendarDate(from, language), to: formatCalendarDate(to, language) });

  const exportCsv = () => {
    const headers = Object.fromEntries(
      CSV_COLUMNS.map((column) => [column, column === 'description' ? t('appraisal.description') : t(`ledger.columns.${column}`)]),
    ) as Record<CsvColumn, string>;
    const blob = new Blob([ledgerCsv(rows ?? [], headers, text)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${t('ledger.csvName')}_${allDates ? 'all' : `${from}_${to}`}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section className="page page--ledger" aria-labelledby="ledger-heading">
      <header className="ledger-header">
        <h1 id="ledger-heading">{t('ledger.heading')}</h1>
        <p className="print-only">
          {shopName}
          {settings.permitNumber && ` · ${t('ledger.permit', { permit: settings.permitNumber })}`}
          {` · ${period}`}
          {query.trim() && ` · ${t('ledger.filtered', { query: query.trim() })}`}
        </p>
        <p className="muted no-print">{t('ledger.intro')}</p>
      </header>
      <div className="ledger-controls no-print">
        <div className="ledger-controls__dates">
          <TextField label={t('ledger.from')} type="date" value={from} disabled={allDates} onChange={(value) => set({ from: value })} />
          <TextField label={t('ledger.to')} type="date" value={to} disabled={allDates} onChange={(value) => set({ to: value })} />
        </div>
        <input
          type="search"
          className="input search__input ledger-controls__search"
          aria-label={t('ledger.search')}
          placeholder={t('ledger.searchPlaceholder')}
          value={query}
          onChange={(e) => set({ q: e.target.value })}
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="search"
        />
        <Checkbox label={t('ledger.searchAll')} checked={allDates} onChange={(all) => set({ all: all ? '1' : undefined })} />
        <div className="ledger-controls__actions">
          <button type="button" className="button" onClick={() => window.print()}>
            {t('ledger.print')}
          </button>
          {counter.isOwner && (
            <>
              <button type="button" className="button" onClick={exportCsv} disabled={!rows || rows.length === 0}>
                {t('ledger.exportCsv')}
              </button>
              <Link className="button button--ghost" to="/ledger/rules">
                {t('ledger.rules')}
              </Link>
            </>
          )}
        </div>
      </div>
      {rows && (
        <p className="muted small ledger-summary" aria-live="polite">
          {rows.length === 0
            ? query.trim()
              ? t('ledger.noMatch', { query })
              : t('ledger.empty')
            : t('ledger.count', { count: rows.length, paid: formatYen(paid, language) })}
        </p>
      )}
      {rows && rows.length > 0 && <LedgerTable rows={rows} text={text} />}
    </section>
  );
}
