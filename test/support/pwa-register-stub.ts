/**
 * Stands in for vite-plugin-pwa's virtual module in unit tests: no service worker in jsdom.
 * `pwaStub` plays the plugin's part for a test: a new version found waiting, this tab asking it
 * to take over, and the takeover itself (which the plugin reports through `onNeedReload`).
 */
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';

interface MountedPrompt {
  showWaiting: () => void;
  options: RegisterSWOptions;
}

const mounted = new Set<MountedPrompt>();
let skipWaitingRequests = 0;

export function useRegisterSW(options: RegisterSWOptions = {}): {
  needRefresh: [boolean, Dispatch<SetStateAction<boolean>>];
  offlineReady: [boolean, Dispatch<SetStateAction<boolean>>];
  updateServiceWorker: (reloadPage?: boolean) => Promise<void>;
} {
  const [needRefresh, setNeedRefresh] = useState(false);
  const [offlineReady, setOfflineReady] = useState(false);
  // The plugin reads its options once, when the hook first runs.
  const [registeredWith] = useState(options);
  useEffect(() => {
    const entry: MountedPrompt = {
      showWaiting: () => setNeedRefresh(true),
      options: registeredWith,
    };
    mounted.add(entry);
    return () => {
      mounted.delete(entry);
    };
  }, [registeredWith]);
  return {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker: async () => {
      skipWaitingRequests += 1;
    },
  };
}

export const pwaStub = {
  /** A new version was installed and waits (the plugin's onNeedRefresh). */
  newVersionWaiting(): void {
    for (const entry of mounted) entry.showWaiting();
  },
  /** The new version took control of the tab (the plugin's 'controlling' listener). */
  newVersionInControl(): void {
    for (const entry of mounted) entry.options.onNeedReload?.();
  },
  /** How many times a tab asked the waiting worker to take over. */
  get skipWaitingRequests(): number {
    return skipWaitingRequests;
  },
  reset(): void {
    skipWaitingRequests = 0;
  },
};
