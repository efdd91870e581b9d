/**
 * Stands between the ledger and whoever holds the device. With PINs set, a locked counter shows
 * only the lock screen; after the owner-set idle time the counter locks by itself. In self-entry
 * mode the customer sees only their own form, whatever address is typed, until staff take the
 * tablet back. With no PINs set (a fresh ledger) it lets everything through, as before PINs.
 */
import { Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from '../i18n';
import { LazyPinForm as PinForm } from '../components/LazyPinForm';
import { LedgerOpening } from '../components/LedgerOpening';
import { useCounter, type Counter } from '../hooks/useCounter';
import { useShopSettings } from '../hooks/useShopSettings';
import { isIdle, noteActivity, useCounterLock } from '../lib/counter-lock';
import { lazyScreen } from './lazy-screen';
import { UpgradeBlockedBanner } from './UpgradeBlockedBanner';

const IDLE_CHECK_MS = 15_000;
// Loaded only when the tablet is turned to a customer: it brings the input checks along.
const SelfEntryPage = lazyScreen(() => import('../features/self-entry/SelfEntryPage'));

export function CounterGate({ children }: { children: ReactNode }) {
  const counter = useCounter();
  const { selfEntry } = useCounterLock();
  const { lockAfterMinutes } = useShopSettings();
  const { pinsRequired, current, lock } = counter;

  useEffect(() => {
    if (!pinsRequired || !current) return;
    noteActivity();
    const onActivity = () => noteActivity();
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const name of events) addEventListener(name, onActivity, { passive: true });
    const timer = setInterval(() => {
      if (isIdle(lockAfterMinutes)) lock();
    }, IDLE_CHECK_MS);
    return () => {
      for (const name of events) removeEventListener(name, onActivity);
      clearInterval(timer);
    };
  }, [pinsRequired, current, lockAfterMinutes, lock]);

  if (selfEntry !== undefined) {
    return (
      <Suspense fallback={null}>
        <SelfEntryPage counter={counter} handedOverBy={selfEntry || undefined} />
      </Suspense>
    );
  }
  // An upgrade runs when the ledger opens, so an older window holding it up blocks it here, before
  // the layout (and its banners) can show.
  if (counter.loading) return <LedgerOpening banners={<UpgradeBlockedBanner />} />;
  if (counter.locked) return <LockScreen counter={counter} />;
  return children;
}

function LockScreen({ counter }: { counter: Counter }) {
  const { t } = useTranslation();
  const { shopName } = useShopSettings();
  return (
    <main className="lock-screen" id="main">
      <section className="panel lock-screen__panel" aria-labelledby="lock-heading">
        <p className="muted">{shopName}</p>
        <h1 id="lock-heading">{t('safety.pin.lockedHeading')}</h1>
        <p>{t('safety.pin.lockedBody')}</p>
        <PinForm people={counter.staff.filter((s) => s.pin)} initialId={counter.staff.find((s) => s.pin)?.id} onUnlock={counter.unlock} autoFocus />
      </section>
    </main>
  );
}
