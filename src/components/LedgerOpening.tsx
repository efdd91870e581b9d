import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from '../i18n';

/** Shown only when opening takes a while: a quick start should not flash a message. */
const QUIET_MS = 800;

/**
 * What the screen says while the ledger opens. Usually nothing: it opens in a blink. The first
 * start after an update that reshapes the ledger (a schema upgrade rewriting every card) takes
 * seconds on a large one, and a blank screen then would look like a crash. `banners` are what
 * must be said even before the ledger is open: an upgrade waits at start, so this is the only
 * screen that can say which window holds it up.
 */
export function LedgerOpening({ banners }: { banners?: ReactNode }) {
  const { t } = useTranslation();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setSlow(true), QUIET_MS);
    return () => window.clearTimeout(timer);
  }, []);
  // The top bar as index.html paints it before any script runs, so the screen does not go blank.
  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar__brand">
          <img src="/favicon.svg" alt="" width="32" height="32" />
          <span className="topbar__shop">{t('app.name')}</span>
        </div>
      </header>
      {banners && <div className="banners">{banners}</div>}
      <main className="main" id="main" aria-busy="true">
        <p className="muted" role="status">
          {slow ? t('app.openingLedger') : ''}
        </p>
      </main>
    </div>
  );
}
