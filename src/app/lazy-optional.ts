import { lazy, type ComponentType } from 'react';

/**
 * A part of the frame the counter can work without (the update prompt, the sync status), loaded
 * lazily and left out, rather than taking every screen down with it, when its code cannot be
 * fetched: a page opened over plain http at the shop's address has no offline copy, and the
 * server may be gone by the time the page asks (the whole app fell to its error screen).
 */
export function lazyOptional(load: () => Promise<ComponentType>) {
  return lazy(async (): Promise<{ default: ComponentType }> => {
    try {
      return { default: await load() };
    } catch (error) {
      console.error('Daifuku: a part of the frame could not load', error);
      return { default: () => null };
    }
  });
}
