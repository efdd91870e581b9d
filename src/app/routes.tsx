import { Route, Routes } from 'react-router';
import CustomersPage from '../features/customers/CustomersPage';
import { CounterGate } from './CounterGate';
import { Layout } from './Layout';
import { lazyScreen } from './lazy-screen';
import { OwnerOnly } from './OwnerOnly';

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
        <Route path="capture" element={<QuickCapturePage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="follow-ups" element={<FollowUpsPage />} />
        <Route path="today" element={<TodayPage />} />
        <Route path="lists" element={<ListsPage />} />
        <Route path="*" element={<CustomersPage />} />
      </Route>
    </Routes>
  );
}
