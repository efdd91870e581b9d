/**
 * Where the header's sync status and the sync problem banner go. Their code (and the outbox's
 * count) loads once this device syncs: most shops' tablets never do, and the first screen's
 * JavaScript keeps to its budget.
 */
import { lazy, Suspense, useSyncExternalStore, type ComponentType } from 'react';
import { syncStatus } from '../sync/status-store';

const syncing = () => syncStatus.get().phase !== 'off';

/** `Part`, loaded and shown only while this device syncs. */
function whileSyncing(Part: ComponentType) {
  return function SyncSlot() {
    if (!useSyncExternalStore(syncStatus.subscribe, syncing, syncing)) return null;
    return (
      <Suspense fallback={null}>
        <Part />
      </Suspense>
    );
  };
}

export const SyncIndicatorSlot = whileSyncing(
  lazy(() => import('../features/sync/SyncIndicator').then((m) => ({ default: m.SyncIndicator }))),
);

export const SyncProblemSlot = whileSyncing(
  lazy(() => import('../features/sync/SyncProblemAlert').then((m) => ({ default: m.SyncProblemAlert }))),
);
