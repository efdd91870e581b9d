/**
 * The counter's home: a search box that finds anyone as they type, and below it the customers
 * seen most recently (or everyone in 50音 order).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useLocation, useSearchParams } from 'react-router';
import { prepareSearch, useCustomerOrder, useCustomerSearch } from './useCustomerSearch';
import { searchAnswered, searchScreenLeft, searchWaiting } from '../../lib/first-answer';
import { useNow } from '../../hooks/useNow';
import { isPhoneDigitsQuery } from '../../lib/check-in';
import { useShopSettings } from '../../hooks/useShopSettings';
import { VirtualCustomerList } from './VirtualCustomerList';
import { VirtualResults } from './VirtualResults';

type ListView = 'recent' | 'reading';

export default function CustomersPage() {
  const { t } = useTranslation();
  useEffect(() => searchScreenLeft, []);
  const [query, setQuery, rememberQuery] = useQueryInAddress();
  return (
    <section className="page page--customers" aria-labelledby="customers-heading">
      <h1 id="customers-heading" className="visually-hidden">
        {t('nav.customers')}
      </h1>
      <div className="search">
        <input
          type="search"
          className="input search__input"
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={query}
          onFocus={prepareSearch}
          onChange={(e) => {
            prepareSearch();
            setQuery(e.target.value);
          }}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="search"
        />
        <Link className="button button--primary search__new" to={query ? `/customers/new?q=${encodeURIComponent(query)}` : '/customers/new'}>
          <svg className="search__new-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
              d="M15 19a6 6 0 0 0-12 0M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7ZM19 8v6M16 11h6"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
            />
          </svg>
          <span className="search__new-label">{t('customer.new')}</span>
        </Link>
      </div>
      {/* The list leaves the page while searching rather than hiding: a row tapped just as the
          results replace it must be gone, not an invisible target still in the page. */}
      {query.trim() ? <SearchResults query={query} onOpen={rememberQuery} /> : <CustomerLists />}
    </section>
  );
}

/**
 * The typed query, kept in the address (?q=) so Back from a card returns to the same results.
 * The address is written once typing pauses, or at once when a result is opened: writing it on
 * every keystroke re-renders the whole app through the router and costs a frame of its own.
 */
function useQueryInAddress(): [string, (q: string) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  const [ownPath] = useState(pathname);
  const inAddress = params.get('q') ?? '';
  const [query, setQueryState] = useState(inAddress);
  // The address as the router last reported it, and as this screen last wrote it.
  const [seen, setSeen] = useState(inAddress);
  const [written, setWritten] = useState(inAddress);
  const timer = useRef<number | undefined>(undefined);

  // The address changed from outside (the Customers tab tapped, Back): follow it. Only a change
  // the router reports counts, and not this screen's own write, which reaches the router a
  // render later (navigations are transitions): following the address as it was until then
  // would put the whole list back for a moment as a tapped result opens, and start reading
  // every card's id just as the card needs the database. Nor is the card's address followed
  // if this screen renders once more on its way out.
  if (pathname === ownPath && inAddress !== seen) {
    setSeen(inAddress);
    if (inAddress !== written) {
      setWritten(inAddress);
      setQueryState(inAddress);
    }
  }

  // `navigate: false` on opening a result: the query goes into this history entry without a
  // navigation of its own, since two navigations at once (this one and the card's) would render
  // this screen again on its way out, as it was before either.
  const write = useCallback(
    (q: string, { navigate = true } = {}) => {
      window.clearTimeout(timer.current);
      timer.current = undefined;
      if (q === written) return;
      if (navigate) {
        setWritten(q);
        setParams(q ? { q } : {}, { replace: true });
        return;
      }
      const url = new URL(window.location.href);
      if (q) url.searchParams.set('q', q);
      else url.searchParams.delete('q');
      window.history.replaceState(window.history.state, '', url);
    },
    [written, setParams],
  );
  const setQuery = useCallback(
    (q: string) => {
      setQueryState(q);
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => write(q), ADDRESS_DELAY_MS);
    },
    [write],
  );
  const remember = useCallback(() => write(query, { navigate: false }), [write, query]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return [query, setQuery, remember];
}

const ADDRESS_DELAY_MS = 400;

/**
 * Tells start-up's later work when the typed query (never empty here: the results show only for
 * one) waits, and when its answer has been painted.
 */
function useReportFirstAnswer(query: string, answered: boolean): void {
  // Search left (the box cleared, another screen): nothing is waiting any more.
  useEffect(() => () => searchWaiting(false), []);
  useEffect(() => {
    if (!answered) {
      searchWaiting(true);
      return;
    }
    let task = 0;
    // After the frame that shows the answer: a task queued from its animation frame runs once it is painted.
    const frame = requestAnimationFrame(() => {
      task = window.setTimeout(searchAnswered);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(task);
    };
  }, [query, answered]);
}

function SearchResults({ query, onOpen }: { query: string; onOpen: () => void }) {
  const { t } = useTranslation();
  const { stageRules } = useShopSettings();
  const now = useNow();
  const matches = useCustomerSearch(query);
  useReportFirstAnswer(query, matches !== undefined);
  if (!matches) {
    return (
      <p className="muted small" role="status">
        {t('search.preparing')}
      </p>
    );
  }
  return (
    // data-results-for says which query these results answer (the bench times keystroke to paint by it).
    // Opening a result writes the query into the address first, so Back returns to these results.
    <section aria-label={t('search.results')} data-results-for={query} onClickCapture={onOpen}>
      <p className="muted small" aria-live="polite">
        {matches.length === 0 ? t('search.noResults', { query }) : t('search.count', { count: matches.length })}
      </p>
      <VirtualResults
        customers={matches.map((m) => m.customer)}
        label={t('search.results')}
        rules={stageRules}
        now={now}
        checkIn={isPhoneDigitsQuery(query)}
      />
    </section>
  );
}

function CustomerLists() {
  const { t } = useTranslation();
  const [view, setView] = useState<ListView>('recent');
  const { stageRules } = useShopSettings();
  const now = useNow();
  const order = useCustomerOrder(view);
  const ids = order?.ids;
  // The count once every card is known (the first rows at a start come before the rest).
  const total = order?.complete ? order.ids.length : undefined;

  return (
    <section aria-labelledby="list-heading">
      <div className="list-header">
        <h2 id="list-heading" className="visually-hidden">
          {view === 'recent' ? t('list.recentHeading') : t('list.byReadingHeading')}
        </h2>
        <div className="segmented" role="group" aria-label={t('list.view')}>
          {(['recent', 'reading'] as const).map((v) => (
            <button
              key={v}
              type="button"
              className="segmented__option"
              aria-pressed={view === v}
              onClick={() => setView(v)}
            >
              {v === 'recent' ? t('list.recent') : t('list.byReading')}
            </button>
          ))}
        </div>
        {/* Its line is kept while the count is still unknown: appearing later, it pushed the
            rows down just as staff reached for one. */}
        {total ? (
          <span className="muted small">{t('list.total', { count: total })}</span>
        ) : (
          <span className="muted small list-header__pending" aria-hidden="true">
            {t('list.total', { count: ids?.length ?? 0 })}
          </span>
        )}
        <Link className="button button--ghost button--small" to="/lists">
          {t('lists.link')}
        </Link>
      </div>
      {total === 0 && <p className="empty">{t('list.empty')}</p>}
      {ids && ids.length > 0 && (
        <VirtualCustomerList key={view} ids={ids} cardOf={order?.cardOf} labelledBy="list-heading" rules={stageRules} now={now} />
      )}
    </section>
  );
}
