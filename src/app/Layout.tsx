/**
 * The frame around every screen: shop name and "who is at the counter" on top, the main
 * navigation where a thumb reaches it (bottom on phones, a side rail on wide tablets).
 */
import { Suspense } from 'react';
import { useTranslation } from '../i18n';
import { NavLink, Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { CounterStaffSelect } from '../features/staff/CounterStaffSelect';
import { useCounter } from '../hooks/useCounter';
import { useShopSettings } from '../hooks/useShopSettings';
import { BackupReminder } from './BackupReminder';
import { DatabaseClosedBanner } from './DatabaseClosedBanner';
import { FollowUpsDueBadge } from './FollowUpsDueBadge';
import { ImportRunSlot } from './ImportRunSlot';
import { InsecureContextBanner } from './InsecureContextBanner';
import { lazyOptional } from './lazy-optional';
import { RestoreRecoveredBanner } from './RestoreRecoveredBanner';
import { SyncIndicatorSlot, SyncProblemSlot } from './SyncSlots';
import { UpgradeBlockedBanner } from './UpgradeBlockedBanner';
import { usePageLoaded } from '../hooks/usePageLoaded';
import { useAfterFirstAnswer } from '../hooks/useAfterFirstAnswer';

// The service worker registers after the page has loaded (Workbox's advice): its code and the
// precache downloads never compete with the first screen.
const UpdatePrompt = lazyOptional(async () => (await import('./UpdatePrompt')).UpdatePrompt);

export function Layout() {
  const { t } = useTranslation();
  // After the first search's answer as well: the precache downloads every screen.
  const afterAnswer = useAfterFirstAnswer();
  const pageLoaded = usePageLoaded() && afterAnswer;
  const counter = useCounter();
  const { shopName } = useShopSettings();
  const location = useLocation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar__brand">
          <img src="/favicon.svg" alt="" width="32" height="32" />
          <span className="topbar__shop">{shopName}</span>
        </div>
        <SyncIndicatorSlot />
        <CounterStaffSelect counter={counter} />
      </header>
      <nav className="nav" aria-label={t('nav.label')}>
        <NavLink to="/" end className="nav__link">
          <NavIcon name="customers" />
          <span>{t('nav.customers')}</span>
        </NavLink>
        <NavLink to="/today" className="nav__link">
          <NavIcon name="today" />
          <span>{t('today.nav')}</span>
        </NavLink>
        <NavLink to="/capture" className="nav__link nav__link--primary">
          <NavIcon name="capture" />
          <span>{t('nav.capture')}</span>
        </NavLink>
        <NavLink to="/follow-ups" className="nav__link">
          <NavIcon name="followUps" />
          <span>{t('followUps.nav')}</span>
          <FollowUpsDueBadge />
        </NavLink>
        <NavLink to="/ledger" className="nav__link">
          <NavIcon name="ledger" />
          <span>{t('ledgerNav')}</span>
        </NavLink>
        <NavLink to="/insights" className="nav__link">
          <NavIcon name="insights" />
          <span>{t('insights.nav')}</span>
        </NavLink>
        <NavLink to="/settings" className="nav__link">
          <NavIcon name="settings" />
          <span>{t('nav.settings')}</span>
        </NavLink>
      </nav>
      <div className="banners">
        <InsecureContextBanner />
        {pageLoaded && (
          <Suspense fallback={null}>
            <UpdatePrompt />
          </Suspense>
        )}
        <DatabaseClosedBanner />
        <UpgradeBlockedBanner />
        <RestoreRecoveredBanner />
        {location.pathname === '/' && <BackupReminder />}
        <SyncProblemSlot />
        <ImportRunSlot />
      </div>
      <main id="main" className="main" tabIndex={-1}>
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}

const ICONS = {
  customers: 'M16 11a4 4 0 1 0-8 0 4 4 0 0 0 8 0ZM4 21a8 8 0 0 1 16 0',
  today: 'M4 6h16v14H4ZM4 10h16M8 3v5M16 3v5M8 14h3v3H8Z',
  followUps: 'M4 5h16v11H9l-5 4ZM8 9h8M8 12h5',
  capture: 'M12 5v14M5 12h14',
  ledger: 'M5 4h11a3 3 0 0 1 3 3v13H8a3 3 0 0 1-3-3V4ZM5 17a3 3 0 0 1 3-3h11M9 8h6',
  insights: 'M4 20h16M7 20v-6M12 20V8M17 20v-9',
  settings: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM19 12l2-1-1-3-2 .5-1.5-1.5.5-2-3-1-1 2h-2l-1-2-3 1 .5 2L6 8.5 4 8l-1 3 2 1v0l-2 1 1 3 2-.5 1.5 1.5-.5 2 3 1 1-2h2l1 2 3-1-.5-2 1.5-1.5 2 .5 1-3-2-1Z',
} as const;

function NavIcon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg className="nav__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={ICONS[name]} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
