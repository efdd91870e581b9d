/**
 * Where the header's sync status and the sync problem banner go. Their code (and the outbox's
 * count) loads once this device syncs, with the strings of the screens, which hold theirs: most
 * shops' tablets never sync, and the first screen's JavaScript keeps to its budget.
 */
import { Suspense, useSyncExternalStore, type ComponentType } from 'react';
import { loadScreenStrings } from '../i18n';
import { syncStatus } from '../sync/status-store';
import { lazyOptional } from './lazy-optional';

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
  lazyOptional(async () => (await Promise.all([import('../features/sync/SyncIndicator'), loadScreenStrings()]))[0].SyncIndicator),
);

export const SyncProblemSlot = whileSyncing(
  lazyOptional(async () => (await Promise.all([import('../features/sync/SyncProblemAlert'), loadScreenStrings()]))[0].SyncProblemAlert),
);
