import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseLanguage } from '../i18n';
import { LedgerOpening } from './LedgerOpening';

describe('while the ledger opens', () => {
  beforeEach(async () => {
    await chooseLanguage('en');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says nothing for a quick start, then explains a slow one (the first start after an update)', () => {
    render(<LedgerOpening />);
    expect(screen.getByRole('status').textContent).toBe('');
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByRole('status').textContent).toMatch(/Opening the ledger/);
    expect(screen.getByRole('main').getAttribute('aria-busy')).toBe('true');
  });
});
