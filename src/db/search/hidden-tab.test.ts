/**
 * The tablet has the app open in two tabs, one in the background: that one lets go of its search
 * index after a while, so the tablet holds one index rather than two, and reads it again when
 * staff bring it back to the front.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { customerInput } from '../../../test/support/factories';
import { createCustomer } from '../customers/customers';
import { currentSearchIndex, searchIndex, subscribeToSearchIndex } from './live-index';

let visibility: DocumentVisibilityState = 'visible';
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });

function show(state: DocumentVisibilityState): void {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  vi.useRealTimers();
  show('visible');
});

const counter = { staffId: 'staff-1' };

describe('a tab in the background', () => {
  it('lets go of its search index after half a minute, and reads it again when shown', async () => {
    await createCustomer(customerInput({ name: '田中 花子', reading: 'たなか はなこ' }), undefined, counter);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const loaded = searchIndex();
    await vi.runAllTimersAsync();
    await loaded;

    show('hidden');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(currentSearchIndex(), 'still held after 10 s').toBeDefined();
    await vi.advanceTimersByTimeAsync(25_000);
    expect(currentSearchIndex()).toBeUndefined();
    vi.useRealTimers();

    const readAgain = new Promise<void>((resolve) => {
      const stop = subscribeToSearchIndex(() => {
        if (!currentSearchIndex()) return;
        stop();
        resolve();
      });
    });
    show('visible');
    await readAgain;
    expect(currentSearchIndex()?.find('tanaka').map((m) => m.customer.name)).toEqual(['田中 花子']);
  });

  it('keeps its index while cards are being written (an import running in it)', async () => {
    await searchIndex();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

    show('hidden');
    vi.advanceTimersByTime(20_000);
    vi.useRealTimers();
    await createCustomer(customerInput({ name: '山本 太郎', reading: 'やまもと たろう', phones: [] }), undefined, counter);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.advanceTimersByTime(15_000);

    expect(currentSearchIndex()?.find('yamamoto').map((m) => m.customer.name)).toEqual(['山本 太郎']);
  });
});
