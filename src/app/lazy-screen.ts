import { createElement, lazy, useState, type ComponentType } from 'react';
import { loadScreenStrings } from '../i18n';

/**
 * A screen loaded on first use, together with the strings of the screens (which the first screen
 * does not carry): it renders only once both are there, so no screen ever shows a bare key.
 * `preload()` fetches both ahead of time, so the screens staff open next (a customer's card)
 * appear without waiting for their code.
 */
export function lazyScreen<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  // Once loaded, the screen renders directly: React.lazy would still suspend for a turn the first
  // time it meets even an already-settled promise, and the card would wait a frame for nothing.
  let loaded: ComponentType<P> | undefined;
  const preload = () =>
    (loading ??= Promise.all([load(), loadScreenStrings()]).then(
      ([screen]) => {
        loaded = screen.default;
        return screen;
      },
      (error: unknown) => {
        // Offline before the service worker had the chunk: let the next attempt try again.
        loading = undefined;
        throw error;
      },
    ));
  const Lazy = lazy(preload);
  function Screen(props: P) {
    // Chosen once per mount: switching from Lazy to the loaded screen later would remount it and
    // lose whatever was being typed.
    const [component] = useState<ComponentType<P>>(() => loaded ?? (Lazy as unknown as ComponentType<P>));
    return createElement(component, props);
  }
  return Object.assign(Screen, { preload });
}
