import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pwaStub } from '../../test/support/pwa-register-stub';
import { chooseLanguage } from '../i18n';
import { UpdatePrompt } from './UpdatePrompt';

/** The page's end of the service worker: a controlling worker and, until it takes over, a waiting one. */
function fakeServiceWorkers() {
  const container = Object.assign(new EventTarget(), {
    controller: {},
    registration: { waiting: {} as object | null },
    getRegistration: async () => container.registration,
  });
  Object.defineProperty(navigator, 'serviceWorker', { value: container, configurable: true });
  return {
    /** The new version activates: the browser switches every controlled tab to it. */
    takeOver() {
      container.registration.waiting = null;
      container.dispatchEvent(new Event('controllerchange'));
      pwaStub.newVersionInControl();
    },
  };
}

beforeEach(async () => {
  await chooseLanguage('en');
  pwaStub.reset();
});

afterEach(() => {
  Reflect.deleteProperty(navigator, 'serviceWorker');
});

describe('a new version with the app open in several tabs', () => {
  it('the tab where staff tap Reload hands over to the new version, and reloads once it has', async () => {
    const workers = fakeServiceWorkers();
    const reload = vi.fn();
    const user = userEvent.setup();
    render(<UpdatePrompt reload={reload} />);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    pwaStub.newVersionWaiting();
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Update available');
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    await vi.waitFor(() => expect(pwaStub.skipWaitingRequests).toBe(1));
    expect(reload, 'not before the new version is in control').not.toHaveBeenCalled();

    workers.takeOver();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('another tab is not reloaded under the person typing there: it asks again, and reloads on their tap', async () => {
    const workers = fakeServiceWorkers();
    const reload = vi.fn();
    const user = userEvent.setup();
    render(<UpdatePrompt reload={reload} />);
    pwaStub.newVersionWaiting();
    await user.click(await screen.findByRole('button', { name: 'Later' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    // Someone accepted the update in the other tab.
    workers.takeOver();
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Update available');
    expect(banner).toHaveTextContent('updated in another window');
    expect(reload).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Reload' }));
    await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(pwaStub.skipWaitingRequests, 'nothing is waiting any more').toBe(0);
  });

  it('a tab that never saw the new version waiting still asks, rather than running old code unawares', async () => {
    const workers = fakeServiceWorkers();
    const reload = vi.fn();
    render(<UpdatePrompt reload={reload} />);
    workers.takeOver();
    expect(await screen.findByRole('alert')).toHaveTextContent('updated in another window');
    expect(reload).not.toHaveBeenCalled();
  });
});
