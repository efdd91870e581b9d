/**
 * A new version never reloads under someone mid-entry: the service worker waits, this banner
 * offers the reload, and only a tap applies it (registerType 'prompt').
 *
 * With several tabs open, every tab sees the waiting worker and shows the banner. Once one tab
 * accepts, the new worker takes control of all of them at once ('controllerchange' everywhere),
 * and vite-plugin-pwa would reload each tab that had shown the banner, under whoever was typing
 * there. So the reload is decided here, per tab: the tab whose "Reload" sent the go-ahead reloads;
 * any other tab shows the banner again (its code is the old version's) and reloads only when
 * someone taps "Reload" there. Forms keep drafts (src/hooks/useDraft.ts), so that reload loses
 * nothing either.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useTranslation } from '../i18n';

const CHECK_EVERY_MS = 30 * 60 * 1000;

function reloadThisTab(): void {
  window.location.reload();
}

interface Props {
  /** Reloads this tab (tests pass a spy: jsdom cannot navigate). */
  reload?: () => void;
}

export function UpdatePrompt({ reload = reloadThisTab }: Props) {
  const { t } = useTranslation();
  // Set by this tab's "Reload": the worker taking control next is the one this tab asked for.
  const acceptedHere = useRef(false);
  const reloading = useRef(false);
  const reloadRef = useRef(reload);
  // The new version controls this tab, which still runs the old one's code.
  const [takenOver, setTakenOver] = useState(false);

  // Both the plugin and this component's own listener may report one takeover.
  const reloadOnce = useCallback(() => {
    if (reloading.current) return;
    reloading.current = true;
    reloadRef.current();
  }, []);
  const onNewWorkerInControl = useCallback(() => {
    if (acceptedHere.current) reloadOnce();
    else setTakenOver(true);
  }, [reloadOnce]);

  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      // Shop tablets stay open all day: look for a new version now and then, and when back online.
      setInterval(() => {
        if (navigator.onLine) void registration.update().catch(() => {});
      }, CHECK_EVERY_MS);
      addEventListener('online', () => void registration.update().catch(() => {}));
    },
    // Given, vite-plugin-pwa calls this instead of reloading the tab itself.
    onNeedReload: onNewWorkerInControl,
  });

  // The plugin listens for the takeover only in a tab that saw the worker waiting; a tab opened
  // some other way (or a later version of the plugin) must not be reloaded or left unaware either.
  useEffect(() => {
    const container = navigator.serviceWorker;
    if (!container?.controller) return;
    container.addEventListener('controllerchange', onNewWorkerInControl);
    return () => container.removeEventListener('controllerchange', onNewWorkerInControl);
  }, [onNewWorkerInControl]);

  const accept = async () => {
    const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
    // Nothing left to switch to (another tab already did): this tab just needs the new code.
    if (takenOver || !registration?.waiting) {
      reloadOnce();
      return;
    }
    acceptedHere.current = true;
    await updateServiceWorker(true);
  };

  if (!needRefresh && !takenOver) return null;
  return (
    <div className="update-banner" role="alert">
      <div>
        <strong>{t('update.available')}</strong>
        <p className="small">{takenOver ? t('update.bodyElsewhere') : t('update.body')}</p>
      </div>
      <div className="actions">
        <button
          type="button"
          className="button button--ghost"
          onClick={() => {
            setNeedRefresh(false);
            setTakenOver(false);
          }}
        >
          {t('update.later')}
        </button>
        <button type="button" className="button button--primary" onClick={() => void accept()}>
          {t('update.reload')}
        </button>
      </div>
    </div>
  );
}
