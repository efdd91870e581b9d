/**
 * Which rows of a long list of equal-height rows are on screen, as the window scrolls. The list
 * renders only those (and a few around them), so 50,000 customers scroll like fifty.
 *
 * Hand-written rather than a virtualization library: with rows of one fixed height it is a few
 * lines of arithmetic, and the library measured 7 KB gzip of the first screen's 150 KB budget.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

export interface WindowRows {
  /** First and one-past-last index to render. */
  from: number;
  to: number;
}

/** The rows the window shows of a list (from its top), before overscan and the list's length. */
interface Span {
  first: number;
  last: number;
}

function spanOnScreen(list: HTMLElement, rowHeight: number): Span {
  const top = list.getBoundingClientRect().top;
  // A list that starts below the top of the screen shows its first row first.
  return {
    first: Math.max(0, Math.floor(-top / rowHeight)),
    last: Math.max(0, Math.ceil((window.innerHeight - top) / rowHeight)),
  };
}

export function useWindowRows(
  listRef: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan = 6,
): WindowRows {
  // A first guess for a list near the top of the page: corrected before the paint if it leaves
  // rows on screen out, else once the page is idle.
  const [span, setSpan] = useState<Span>(() => ({ first: 0, last: Math.ceil(window.innerHeight / rowHeight) }));
  const spanRef = useRef(span);
  const idleRef = useRef(0);

  // The list's place on the page is read when it can have moved: on scroll and resize, and once
  // the browser has laid the page out after a change in height (the list appearing, more or fewer
  // matches, a notice above). Never in the render a keystroke causes: a read there forced a
  // layout in the keystroke's own task (10 ms and more as the results replace the whole list), and
  // a window clamped to the new number of matches rendered the rows a second time.
  const measure = useCallback(
    (beforePaint: boolean) => {
      const list = listRef.current;
      if (!list) return;
      const next = spanOnScreen(list, rowHeight);
      const current = spanRef.current;
      if (current.first === next.first && current.last === next.last) return;
      spanRef.current = next;
      if (idleRef.current) cancelIdleCallback(idleRef.current);
      idleRef.current = 0;
      if (!beforePaint) setSpan(next);
      // After a layout, rows missing from the screen are rendered before this frame is painted (a
      // list that opens scrolled never shows a gap). Rows to spare are dropped once the page is
      // idle: a render for them now would interrupt whatever React is rendering meanwhile (the
      // first screen at a start, a card opening). Where there is no idle callback, they stay.
      else if (next.first < current.first || next.last > current.last) flushSync(() => setSpan(next));
      else if (typeof requestIdleCallback === 'function') {
        idleRef.current = requestIdleCallback(() => {
          idleRef.current = 0;
          setSpan(spanRef.current);
        });
      }
    },
    [listRef, rowHeight],
  );

  // Without ResizeObserver (browsers before 2020), the place is read as the list mounts.
  useLayoutEffect(() => {
    if (typeof ResizeObserver === 'undefined') measure(false);
  }, [measure]);

  useEffect(() => {
    let frame = 0;
    const onFrame = () => {
      frame = 0;
      measure(false);
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(onFrame);
    };
    addEventListener('scroll', onScroll, { passive: true });
    addEventListener('resize', onScroll);
    // Called after layout, before paint (and once as it starts observing): reading the list's
    // place then costs no layout of its own.
    const resized = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => measure(true));
    resized?.observe(document.body);
    return () => {
      removeEventListener('scroll', onScroll);
      removeEventListener('resize', onScroll);
      resized?.disconnect();
      if (frame) cancelAnimationFrame(frame);
      if (idleRef.current) cancelIdleCallback(idleRef.current);
    };
  }, [measure]);

  const to = Math.min(count, Math.max(0, span.last + overscan));
  return { from: Math.min(to, Math.max(0, span.first - overscan)), to };
}
