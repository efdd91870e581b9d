/**
 * Opened over plain http at a LAN address (http://192.168.…), the browser withholds what the app
 * needs for its promises: no service worker (so no offline use), no crypto.subtle (so no PIN check
 * and no encryption). Rather than let those fail one by one, say so once, plainly, with the fix.
 * (localhost counts as secure, so a developer's machine never shows this.)
 */
import { useTranslation } from '../i18n';

export function InsecureContextBanner() {
  const { t } = useTranslation();
  if (globalThis.isSecureContext !== false) return null;
  return (
    <div className="update-banner update-banner--warning" role="alert">
      <div>
        <strong>{t('insecure.title')}</strong>
        <p className="small">{t('insecure.body', { origin: globalThis.location?.origin ?? '' })}</p>
      </div>
    </div>
  );
}
