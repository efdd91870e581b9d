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

/**
 * Undefined when the stored value is not something the browser can show: versions before photos
 * were encoded for sync sent them to other devices as `{}`, which URL.createObjectURL refuses. Such
 * a photo shows as missing, not as a crashed screen, until the device that took it sends it again.
 */
function entryFor(blob: Blob): Entry | undefined {
  let entry = urls.get(blob);
  if (!entry) {
    try {
      entry = { url: URL.createObjectURL(blob), users: 0 };
    } catch {
      return undefined;
    }
    urls.set(blob, entry);
  }
  return entry;
}

export function useObjectUrl(blob: Blob | undefined): string | undefined {
  const url = blob ? entryFor(blob)?.url : undefined;
  useEffect(() => {
    const entry = blob ? entryFor(blob) : undefined;
    if (!blob || !entry) return undefined;
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
