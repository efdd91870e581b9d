import { useEffect, useState } from 'react';
import { whenIdle } from '../lib/when-idle';

const INTENT_EVENTS = ['pointerdown', 'keydown', 'focusin'] as const;

/**
 * True once someone has started using the page (a touch, a key, a field focused) and the browser
 * has had an idle moment after it. Work that only pays off when the person goes on (code for the
 * next screens) waits for it: a tablet just switched on spends its first seconds on the screen it
 * shows, and the idle moment keeps that work from delaying the touch or keystroke itself.
 */
export function useFirstIntent(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let cancelIdle: (() => void) | undefined;
    const stopListening = () => {
      for (const type of INTENT_EVENTS) removeEventListener(type, onIntent, true);
    };
    function onIntent() {
      stopListening();
      cancelIdle = whenIdle(() => setReady(true), 1000, 50);
    }
    for (const type of INTENT_EVENTS) addEventListener(type, onIntent, { capture: true, passive: true });
    return () => {
      stopListening();
      cancelIdle?.();
    };
  }, []);
  return ready;
}
