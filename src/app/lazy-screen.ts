import { lazy, type ComponentType } from 'react';
import { loadScreenStrings } from '../i18n';

/**
 * A screen loaded on first use, together with the strings of the screens (which the first screen
 * does not carry): it renders only once both are there, so no screen ever shows a bare key.
 * `preload()` fetches both ahead of time, so the screens staff open next (a customer's card)
 * appear without waiting for their code.
 */
export function lazyScreen<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () =>
    (loading ??= Promise.all([load(), loadScreenStrings()]).then(
      ([screen]) => screen,
      (error: unknown) => {
        // Offline before the service worker had the chunk: let the next attempt try again.
        loading = undefined;
        throw error;
      },
    ));
  return Object.assign(lazy(preload), { preload });
}
