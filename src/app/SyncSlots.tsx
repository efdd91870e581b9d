/**
 * Where the header's sync status and the sync problem banner go. Their code (and the outbox's
 * count) loads once this device syncs: most shops' tablets never do, and the first screen's
 * JavaScript keeps to its budget.
 */
import { lazy, Suspense, useSyncExternalStore } from 'react';
import { syncStatus } from '../sync/status-store';

const SyncIndicator = lazy(() => import('../features/sync/SyncIndicator').then((m) => ({ default: m.SyncIndicator })));
const SyncProblemAlert = lazy(() =>
  import('../features/sync/SyncProblemAlert').then((m) => ({ default: m.SyncProblemAlert })),
);

const syncing = () => syncStatus.get().phase !== 'off';

function useSyncing(): boolean {
  return useSyncExternalStore(syncStatus.subscribe, syncing, syncing);
}

export function SyncIndicatorSlot() {
  if (!useSyncing()) return null;
  return (
    <Suspense fallback={null}>
      <SyncIndicator />
    </Suspense>
  );
}

export function SyncProblemSlot() {
  if (!useSyncing()) return null;
  return (
    <Suspense fallback={null}>
      <SyncProblemAlert />
    </Suspense>
  );
}
