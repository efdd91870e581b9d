import { useEffect } from 'react';
import { Route, Routes } from 'react-router';
import CustomersPage from '../features/customers/CustomersPage';
import { CounterGate } from './CounterGate';
import { Layout } from './Layout';
import { lazyScreen } from './lazy-screen';
import { OwnerOnly } from './OwnerOnly';
import { useFirstIntent } from '../hooks/useFirstIntent';
import { useAfterFirstAnswer } from '../hooks/useAfterFirstAnswer';

// The search screen ships in the first bundle (cold start to a usable search box); the rest
// loads when first opened and is precached by the service worker for offline use.
const CustomerPage = lazyScreen(() => import('./routes/CustomerPage'));
const QuickCapturePage = lazyScreen(() => import('./routes/QuickCapturePage'));
const NewCustomerPage = lazyScreen(() => import('../features/customers/NewCustomerPage'));
const EditCustomerPage = lazyScreen(() => import('../features/customers/EditCustomerPage'));
const SettingsPage = lazyScreen(() => import('./routes/SettingsPage'));
const FollowUpsPage = lazyScreen(() => import('../features/follow-ups/FollowUpsPage'));
const TodayPage = lazyScreen(() => import('../features/review/TodayPage'));
const ListsPage = lazyScreen(() => import('../features/lists/ListsPage'));
const CustomerDataPage = lazyScreen(() => import('./routes/CustomerDataPage'));
const AppraisalPage = lazyScreen(() => import('../features/buy-in/AppraisalPage'));
const SalePage = lazyScreen(() => import('../features/buy-in/SalePage'));
const AppraisalRecordPage = lazyScreen(() => import('../features/buy-in/AppraisalRecordPage'));
const LedgerPage = lazyScreen(() => import('../features/buy-in/LedgerPage'));
const LedgerEntryPage = lazyScreen(() => import('../features/buy-in/LedgerEntryPage'));
const CorrectionPage = lazyScreen(() => import('../features/buy-in/CorrectionPage'));
const LedgerSettingsPage = lazyScreen(() => import('../features/buy-in/LedgerSettingsPage'));
const InsightsPage = lazyScreen(() => import('../features/insights/InsightsPage'));

/**
 * Once someone starts using the search screen (a touch, a key, the search box focused), the first
 * search has its answer on screen (lib/first-answer) and the ledger's search index is in memory,
 * fetch what the counter opens next (a card, quick capture), so tapping a result never waits for
 * code. Not before: the first screen loads and runs only what it shows, and a search typed at a
 * cold start gets its answer before 80 KB of other screens.
 */
function WarmNextScreens() {
  const intent = useFirstIntent();
  const answered = useAfterFirstAnswer();
  const started = intent && answered;
  useEffect(() => {
    if (!started) return;
    let live = true;
    let unsubscribe: (() => void) | undefined;
    const warm = () => {
      unsubscribe?.();
      if (!live) return;
      live = false;
      CustomerPage.preload().catch(() => undefined);
      QuickCapturePage.preload().catch(() => undefined);
    };
    // The search's own chunk, loaded with the search: asking it starts no read of the ledger.
    import('../db/search/live-index')
      .then(({ currentSearchIndex, subscribeToSearchIndex }) => {
        if (!live) return;
        if (currentSearchIndex()) warm();
        else unsubscribe = subscribeToSearchIndex(() => currentSearchIndex() && warm());
      })
      .catch(() => undefined);
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, [started]);
  return null;
}

// Declarative routes: the data-router APIs would add ~16 KB gzip to the first screen for
// loaders and actions this app does not use (its data lives in IndexedDB via useLiveQuery).
export function AppRoutes() {
  return (
    <Routes>
      <Route
        element={
          <CounterGate>
            <Layout />
          </CounterGate>
        }
      >
        <Route
          index
          element={
            <>
              <CustomersPage />
              <WarmNextScreens />
            </>
          }
        />
        <Route path="customers/new" element={<NewCustomerPage />} />
        <Route path="customers/:id" element={<CustomerPage />} />
        <Route path="customers/:id/edit" element={<EditCustomerPage />} />
        <Route
          path="customers/:id/data"
          element={
            <OwnerOnly>
              <CustomerDataPage />
            </OwnerOnly>
          }
        />
        <Route path="customers/:id/appraisal" element={<AppraisalPage />} />
        <Route path="customers/:id/sale" element={<SalePage />} />
        <Route path="appraisals/:id" element={<AppraisalRecordPage />} />
        <Route path="ledger" element={<LedgerPage />} />
        <Route path="ledger/rules" element={<LedgerSettingsPage />} />
        <Route path="ledger/:id" element={<LedgerEntryPage />} />
        <Route path="ledger/:id/correct" element={<CorrectionPage />} />
        <Route path="capture" element={<QuickCapturePage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="settings/:section" element={<SettingsPage />} />
        <Route path="follow-ups" element={<FollowUpsPage />} />
        <Route path="today" element={<TodayPage />} />
        <Route path="lists" element={<ListsPage />} />
        <Route
          path="insights"
          element={
            <OwnerOnly>
              <InsightsPage />
            </OwnerOnly>
          }
        />
        <Route path="*" element={<CustomersPage />} />
      </Route>
    </Routes>
  );
}
