import Dexie from 'dexie';
import { db } from './db';

/**
 * Calls `onChange` after every committed write to `table`, in this tab or another (Dexie's
 * storagemutated event, the channel liveQuery itself listens on). Returns the unsubscribe.
 */
export function onTableChange(table: string, onChange: () => void): () => void {
  const prefix = `idb://${db.name}/${table}/`;
  const listener = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((part) => part.startsWith(prefix))) onChange();
  };
  Dexie.on.storagemutated.subscribe(listener);
  return () => Dexie.on.storagemutated.unsubscribe(listener);
}
