/**
 * A new version never reloads under someone mid-entry: the service worker waits, this banner
 * offers the reload, and only a tap applies it (registerType 'prompt').
 */
import { useTranslation } from '../i18n';
import { useRegisterSW } from 'virtual:pwa-register/react';

const CHECK_EVERY_MS = 30 * 60 * 1000;

export function UpdatePrompt() {
  const { t } = useTranslation();
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
  });

  if (!needRefresh) return null;
  return (
    <div className="update-banner" role="alert">
      <div>
        <strong>{t('update.available')}</strong>
        <p className="small">{t('update.body')}</p>
      </div>
      <div className="actions">
        <button type="button" className="button button--ghost" onClick={() => setNeedRefresh(false)}>
          {t('update.later')}
        </button>
        <button type="button" className="button button--primary" onClick={() => void updateServiceWorker(true)}>
          {t('update.reload')}
        </button>
      </div>
    </div>
  );
}
