import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import CustomersPage from '../features/customers/CustomersPage';
import { withBuyInTranslations as withLedgerWords } from '../i18n/areas';
import { Layout } from './Layout';

// The search screen ships in the first bundle (cold start to a usable search box); the rest
// loads when first opened and is precached by the service worker for offline use.
// Screens showing the buy-in ledger (the card has its panel) load its words with them.
const CustomerPage = lazy(() => withLedgerWords(import('./routes/CustomerPage')));
const QuickCapturePage = lazy(() => import('./routes/QuickCapturePage'));
const NewCustomerPage = lazy(() => import('../features/customers/NewCustomerPage'));
const EditCustomerPage = lazy(() => import('../features/customers/EditCustomerPage'));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage'));
const AppraisalPage = lazy(() => withLedgerWords(import('../features/buy-in/AppraisalPage')));
const SalePage = lazy(() => withLedgerWords(import('../features/buy-in/SalePage')));
const AppraisalRecordPage = lazy(() => withLedgerWords(import('../features/buy-in/AppraisalRecordPage')));
const LedgerPage = lazy(() => withLedgerWords(import('../features/buy-in/LedgerPage')));
const LedgerEntryPage = lazy(() => withLedgerWords(import('../features/buy-in/LedgerEntryPage')));
const CorrectionPage = lazy(() => withLedgerWords(import('../features/buy-in/CorrectionPage')));
const LedgerSettingsPage = lazy(() => withLedgerWords(import('../features/buy-in/LedgerSettingsPage')));

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
        <Route path="customers/:id/appraisal" element={<AppraisalPage />} />
        <Route path="customers/:id/sale" element={<SalePage />} />
        <Route path="appraisals/:id" element={<AppraisalRecordPage />} />
        <Route path="ledger" element={<LedgerPage />} />
        <Route path="ledger/rules" element={<LedgerSettingsPage />} />
        <Route path="ledger/:id" element={<LedgerEntryPage />} />
        <Route path="ledger/:id/correct" element={<CorrectionPage />} />
        <Route path="capture" element={<QuickCapturePage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="*" element={<CustomersPage />} />
      </Route>
    </Routes>
  );
}
