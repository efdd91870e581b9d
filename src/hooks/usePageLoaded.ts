import { useEffect, useState } from 'react';
import { whenIdle } from '../lib/when-idle';

/**
 * True once the page has loaded and the browser has had an idle moment: work that must not
 * slow the first screen (registering the service worker, precaching) waits for it.
 */
export function usePageLoaded(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let cancelIdle: (() => void) | undefined;
    const afterLoad = () => {
      cancelIdle = whenIdle(() => setReady(true), 3000, 1000);
    };
    if (document.readyState === 'complete') afterLoad();
    else addEventListener('load', afterLoad, { once: true });
    return () => {
      removeEventListener('load', afterLoad);
      cancelIdle?.();
    };
  }, []);
  return ready;
}
