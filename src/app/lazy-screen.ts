import { lazy, type ComponentType } from 'react';
import { loadScreenStrings } from '../i18n';

/**
 * A screen loaded on first use, together with the strings of the screens (which the first screen
 * does not carry): it renders only once both are there, so no screen ever shows a bare key.
 */
export function lazyScreen<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  return lazy(async () => {
    const [screen] = await Promise.all([load(), loadScreenStrings()]);
    return screen;
  });
}
