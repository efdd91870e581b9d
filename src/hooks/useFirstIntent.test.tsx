import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useFirstIntent } from './useFirstIntent';

function Probe() {
  const ready = useFirstIntent();
  return (
    <>
      <input aria-label="Search customers" />
      <p>{ready ? 'warming' : 'waiting'}</p>
    </>
  );
}

describe('waiting for someone to start using the screen', () => {
  it('does nothing while the screen is only on display', async () => {
    render(<Probe />);
    await act(() => new Promise((r) => setTimeout(r, 100)));
    expect(screen.getByText('waiting')).toBeTruthy();
  });

  it.each([
    ['a touch', () => fireEvent.pointerDown(document.body)],
    ['a key', () => fireEvent.keyDown(document.body, { key: 't' })],
    ['the search box focused', () => fireEvent.focusIn(screen.getByRole('textbox', { name: 'Search customers' }))],
  ])('starts after %s', async (_, intent) => {
    render(<Probe />);
    intent();
    expect(await screen.findByText('warming')).toBeTruthy();
  });
});
