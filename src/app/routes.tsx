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
 * Once someone starts using the app (a touch, a key, a field focused) and start-up's later work may
 * run (lib/first-answer: the first search has its answer on screen, or another screen was opened),
 * fetch what the counter opens next (a card, quick capture), so tapping a result never waits for
 * code, and a tablet whose service worker does not control it yet (its first visit) has them even
 * if the server goes away. On every screen: the search screen may be left before that moment.
 */
function WarmNextScreens() {
  const intent = useFirstIntent();
  const answered = useAfterFirstAnswer();
  useEffect(() => {
    if (!intent || !answered) return;
    CustomerPage.preload().catch(() => undefined);
    QuickCapturePage.preload().catch(() => undefined);
  }, [intent, answered]);
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
            <WarmNextScreens />
          </CounterGate>
        }
      >
        <Route index element={<CustomersPage />} />
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
