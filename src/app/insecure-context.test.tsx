/**
 * A tablet that opens the app over plain http at the shop's LAN address gets no service worker and
 * no crypto.subtle: the app says so at once, with the fix, instead of failing silently later.
 */
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/support/render';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('opening the app over plain http on the shop network', () => {
  it('warns that offline use, PINs and encryption are off, and says to open it over https', async () => {
    vi.stubGlobal('isSecureContext', false);
    await renderApp('/');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'This connection is not secure: offline use, PINs and encryption are off',
    );
    expect(alert).toHaveTextContent(`opened over plain http at ${location.origin}`);
    expect(alert).toHaveTextContent('Open it at an https:// address instead');
    expect(alert).toHaveTextContent('docs/shop-network.md');
  });

  it('says nothing over https (or on localhost)', async () => {
    vi.stubGlobal('isSecureContext', true);
    await renderApp('/');
    await screen.findByRole('searchbox', { name: 'Search customers' });
    expect(screen.queryByText(/This connection is not secure/)).not.toBeInTheDocument();
  });
});
