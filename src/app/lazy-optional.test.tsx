/**
 * The frame's optional parts (the update prompt, the sync status) load lazily. On a page opened
 * over plain http, with no offline copy, the server may be gone before they load: the counter
 * must keep its screen.
 */
import { render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyOptional } from './lazy-optional';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a part of the frame loaded lazily', () => {
  it('shows once its code arrives', async () => {
    const Part = lazyOptional(async () => () => <p>Synced</p>);
    render(
      <Suspense fallback={null}>
        <Part />
      </Suspense>,
    );
    expect(await screen.findByText('Synced')).toBeInTheDocument();
  });

  it('is left out, and the screen stays, when its code cannot be fetched', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const Part = lazyOptional(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    render(
      <main>
        <Suspense fallback={<p>loading</p>}>
          <Part />
        </Suspense>
        <label>
          Search customers
          <input type="search" />
        </label>
      </main>,
    );
    await vi.waitFor(() => expect(screen.queryByText('loading')).not.toBeInTheDocument());
    expect(screen.getByRole('searchbox', { name: 'Search customers' })).toBeInTheDocument();
    expect(logged).toHaveBeenCalledWith('Daifuku: a part of the frame could not load', expect.any(TypeError));
  });
});
