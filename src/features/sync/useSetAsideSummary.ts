/**
 * Changes set aside on this device, for Settings → Sync. Apart from useSyncStatus, which the first
 * screen's header uses: the sync rules this reads with stay off the first screen.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../db/db';
import { setAsideSummary, type SetAsideSummary } from '../../db/sync/set-aside';

/** Undefined while loading. */
export function useSetAsideSummary(): SetAsideSummary | undefined {
  return useLiveQuery(() => setAsideSummary(db));
}
