import { useEffect, useState } from 'react';

/**
 * True once the page has loaded and the browser has had an idle moment: work that must not
 * slow the first screen (registering the service worker, precaching) waits for it.
 */
export function usePageLoaded(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let cancelled = false;
    let idle: number | undefined;
    const whenIdle = () => {
      const done = () => {
        if (!cancelled) setReady(true);
      };
      idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(done, { timeout: 3000 }) : window.setTimeout(done, 1000);
    };
    if (document.readyState === 'complete') whenIdle();
    else addEventListener('load', whenIdle, { once: true });
    return () => {
      cancelled = true;
      removeEventListener('load', whenIdle);
      if (idle !== undefined && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
    };
  }, []);
  return ready;
}
