import { useEffect, useState, type DependencyList } from 'react';
import { onTableChange } from '../db/table-changes';

/**
 * Reads `read()` now and again after every committed change to `table` (in this tab or another),
 * like useLiveQuery but without tracking each key the read returned. liveQuery files every
 * primary key it reads into a range tree: for the whole list's 50,000 ids that costs a quarter
 * of a second each time the list appears. Use it for reads that return a whole table's keys.
 */
export function useTableRead<T>(table: string, read: () => Promise<T>, deps: DependencyList): T | undefined {
  // The previous result stays until the new read is in (switching views never blanks the list).
  const [result, setResult] = useState<T>();
  useEffect(() => {
    let live = true;
    let running = false;
    let again = false;
    const run = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const value = await read();
          if (live) setResult(value);
        } while (again && live);
      } finally {
        running = false;
      }
    };
    void run();
    const stop = onTableChange(table, () => void run());
    return () => {
      live = false;
      stop();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps say when `read` changes
  }, [table, ...deps]);
  return result;
}
