import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import CustomersPage from '../features/customers/CustomersPage';
import { Layout } from './Layout';

// The search screen ships in the first bundle (cold start to a usable search box); the rest
// loads when first opened and is precached by the service worker for offline use.
const CustomerPage = lazy(() => import('./routes/CustomerPage'));
const QuickCapturePage = lazy(() => import('./routes/QuickCapturePage'));
const NewCustomerPage = lazy(() => import('../features/customers/NewCustomerPage'));
const EditCustomerPage = lazy(() => import('../features/customers/EditCustomerPage'));
const SettingsPage = lazy(() => import('./routes/SettingsPage'));

// Declarative routes: the data-router APIs would add ~16 KB gzip to the first screen for
// loaders and actions this app does not use (its data lives in IndexedDB via useLiveQuery).
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<CustomersPage />} />
        <Route path="customers/new" element={<NewCustomerPage />} />
        <Route path="customers/:id" element={<CustomerPage />} />
        <Route path="customers/:id/edit" element={<EditCustomerPage />} />
        <Route path="capture" element={<QuickCapturePage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="*" element={<CustomersPage />} />
      </Route>
    </Routes>
  );
}
