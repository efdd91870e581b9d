/**
 * An object URL for a Blob (a stored photo) that lives as long as something shows it and is then
 * revoked, so thumbnails do not leak memory on a tablet left open all day. URLs are shared per
 * Blob and released a tick after the last user unmounts, which keeps StrictMode's mount-unmount-
 * mount in development from revoking a URL still on screen.
 */
import { useEffect } from 'react';

interface Entry {
  url: string;
  users: number;
}

const urls = new WeakMap<Blob, Entry>();

function entryFor(blob: Blob): Entry {
  let entry = urls.get(blob);
  if (!entry) {
    entry = { url: URL.createObjectURL(blob), users: 0 };
    urls.set(blob, entry);
  }
  return entry;
}

/**
 * `stored` is what the database holds, which is not always a Blob: versions before photos were
 * encoded for sync sent them to other devices as `{}`. Such a photo shows as missing rather than
 * crashing the screen (until the device that took it sends it again).
 */
export function useObjectUrl(stored: Blob | undefined): string | undefined {
  const blob = stored instanceof Blob ? stored : undefined;
  const url = blob ? entryFor(blob).url : undefined;
  useEffect(() => {
    if (!blob) return undefined;
    const entry = entryFor(blob);
    entry.users += 1;
    return () => {
      entry.users -= 1;
      setTimeout(() => {
        if (entry.users === 0 && urls.get(blob) === entry) {
          URL.revokeObjectURL(entry.url);
          urls.delete(blob);
        }
      }, 0);
    };
  }, [blob]);
  return url;
}
