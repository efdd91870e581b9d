import { useEffect, useState, type DependencyList } from 'react';
import { onTableChange } from '../db/table-changes';

export interface TableReadOptions {
  /**
   * Reads again at most this often while changes keep coming (an import writing batch after
   * batch): for a figure that may lag a moment, such as a badge's count.
   */
  atMostEveryMs?: number;
}

/**
 * Reads `read()` now and again after every committed change to `tables` (in this tab or
 * another), like useLiveQuery but without tracking each key the read returned. liveQuery files
 * every primary key it reads into a range tree: for the whole list's 50,000 ids that costs a
 * quarter of a second each time the list appears. Use it for reads that return a whole table's
 * keys, or that need not follow every write as it lands.
 */
export function useTableRead<T>(
  tables: string | readonly string[],
  read: () => Promise<T>,
  deps: DependencyList,
  { atMostEveryMs = 0 }: TableReadOptions = {},
): T | undefined {
  // The previous result stays until the new read is in (switching views never blanks the list).
  const [result, setResult] = useState<T>();
  const names = typeof tables === 'string' ? [tables] : tables;
  useEffect(() => {
    let live = true;
    let running = false;
    let again = false;
    let lastRead = -Infinity;
    let waiting: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      if (running || waiting !== undefined) {
        again = true;
        return;
      }
      const wait = lastRead + atMostEveryMs - performance.now();
      if (wait > 0) {
        waiting = setTimeout(() => {
          waiting = undefined;
          void run();
        }, wait);
        return;
      }
      running = true;
      try {
        do {
          again = false;
          lastRead = performance.now();
          const value = await read();
          if (live) setResult(value);
        } while (again && live && atMostEveryMs <= 0);
      } catch (error) {
        // What was read last stays on screen (the database closed for an update in another
        // window, or a read failed): the next change reads again.
        console.warn('Could not read again after a change', error);
      } finally {
        running = false;
      }
      if (again && live) void run();
    };
    void run();
    const stops = names.map((name) => onTableChange(name, () => void run()));
    return () => {
      live = false;
      clearTimeout(waiting);
      for (const stop of stops) stop();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps say when `read` changes
  }, [names.join(','), atMostEveryMs, ...deps]);
  return result;
}
