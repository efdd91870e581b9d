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

/** The part `load` gives, loaded with the screens' strings and shown only while this device syncs. */
function whileSyncing(load: () => Promise<ComponentType>) {
  const Part = lazyOptional(async () => (await Promise.all([load(), loadScreenStrings()]))[0]);
  return function SyncSlot() {
    if (!useSyncExternalStore(syncStatus.subscribe, syncing, syncing)) return null;
    return (
      <Suspense fallback={null}>
        <Part />
      </Suspense>
    );
  };
}

export const SyncIndicatorSlot = whileSyncing(async () => (await import('../features/sync/SyncIndicator')).SyncIndicator);

export const SyncProblemSlot = whileSyncing(async () => (await import('../features/sync/SyncProblemAlert')).SyncProblemAlert);
