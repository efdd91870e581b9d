import { act, render } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useWindowRows, type WindowRows } from './useWindowRows';

const ROW_HEIGHT = 64;

/**
 * A ResizeObserver the test drives: the returned function calls every observer, as the browser
 * does after a layout that changed what they watch.
 */
function fakeResizeObserver(): () => void {
  const observers: ResizeObserverCallback[] = [];
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(callback: ResizeObserverCallback) {
        observers.push(callback);
      }
      observe() {}
      disconnect() {}
    },
  );
  return () => observers.forEach((callback) => callback([], {} as ResizeObserver));
}

/** A long list as the search screen renders it: only the rows on screen, each render of them noted. */
function LongList({ count, rendered }: { count: number; rendered: WindowRows[] }) {
  const list = useRef<HTMLOListElement>(null);
  const rows = useWindowRows(list, count, ROW_HEIGHT);
  return (
    <ol ref={list}>
      <Rows {...rows} rendered={rendered} />
    </ol>
  );
}

function Rows({ from, to, rendered }: WindowRows & { rendered: WindowRows[] }) {
  rendered.push({ from, to });
  return null;
}

describe('the rows a long list renders', () => {
  it('a keystroke that changes how many cards match, but not which rows are on screen, renders the rows once', () => {
    const rendered: WindowRows[] = [];
    const { rerender } = render(<LongList count={500} rendered={rendered} />);
    const onScreen = rendered.at(-1)!;
    expect(onScreen.from).toBe(0);
    expect(onScreen.to).toBeGreaterThan(0);
    expect(onScreen.to).toBeLessThan(500);

    rendered.length = 0;
    rerender(<LongList count={400} rendered={rendered} />);
    // The window measured after the change is the same one: no second render before the paint.
    expect(rendered).toEqual([onScreen]);

    // Fewer matches than rows on screen: the window shrinks to them.
    rendered.length = 0;
    rerender(<LongList count={3} rendered={rendered} />);
    expect(rendered).toEqual([{ from: 0, to: 3 }]);
  });

  it('a keystroke never makes the browser lay the page out in its own task', () => {
    const rendered: WindowRows[] = [];
    const { rerender } = render(<LongList count={500} rendered={rendered} />);
    const layoutRead = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect');
    rerender(<LongList count={40} rendered={rendered} />);
    rerender(<LongList count={2} rendered={rendered} />);
    rerender(<LongList count={300} rendered={rendered} />);
    expect(layoutRead).not.toHaveBeenCalled();
  });

  it('a list appearing (the first character typed) reads its place only once the page is laid out', () => {
    const laidOut = fakeResizeObserver();
    const layoutRead = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect');
    const rendered: WindowRows[] = [];
    render(<LongList count={500} rendered={rendered} />);
    expect(layoutRead).not.toHaveBeenCalled();
    act(laidOut);
    expect(layoutRead).toHaveBeenCalledTimes(1);
  });

  it('follows the list when something above it changes height, once the page is laid out', () => {
    const laidOut = fakeResizeObserver();
    const rendered: WindowRows[] = [];
    render(<LongList count={500} rendered={rendered} />);
    expect(rendered.at(-1)!.from).toBe(0);

    // A notice above, and the window scrolled: the list's top is now ten rows above the screen.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ top: -10 * ROW_HEIGHT } as DOMRect);
    act(laidOut);
    expect(rendered.at(-1)!.from).toBe(10 - 6);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});
