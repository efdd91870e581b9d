/**
 * Writing the search snapshot (snapshot.ts): loaded by the tab holding the index once writes have
 * paused, never before a first search is answered, so its code is not part of the first screen's.
 */
import { db } from '../db';
import { CUSTOMERS_STAMP_KEY } from './ledger-stamp';
import type { CustomerSearchIndex } from './search-index';
import { FORMAT, isManifest, PART_PREFIX, SNAPSHOT_MANIFEST_KEY, stampOf, type Manifest } from './snapshot';
import { nextTask } from '../../lib/next-task';

function newSnapshotId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** What this tab last wrote, for writing only the lists changed since. */
let lastWritten: { index: CustomerSearchIndex; manifest: Manifest } | undefined;

/**
 * Writes `index` as the snapshot, unless `unchanged()` turns false meanwhile (a change reached the
 * index, or is on its way) or the stamp moved: then nothing is written and false is returned.
 * Builds the rows' text in slices of about `sliceMs` between tasks.
 */
export async function writeSearchSnapshot(
  index: CustomerSearchIndex,
  { unchanged, sliceMs = 8 }: { unchanged: () => boolean; sliceMs?: number },
): Promise<boolean> {
  const [stampRow, stored] = await db.meta.bulkGet([CUSTOMERS_STAMP_KEY, SNAPSHOT_MANIFEST_KEY]);
  const stamp = stampOf(stampRow);
  // Taken of the ledger as it is now (every write of cards moves the stamp): what a start finds
  // after reading the ledger it was taken of. Writing it again would cost the counter a few
  // hundred milliseconds and megabytes of writes at every start, for the same rows.
  if (isManifest(stored?.value) && stored.value.stamp === stamp && stored.value.cards === index.size) {
    performance.mark('daifuku:search-snapshot-written', { detail: { cards: index.size, rows: 0 } });
    return true;
  }
  while (index.sortSome(sliceMs)) {
    await nextTask();
    if (!unchanged()) return false;
  }
  if (!unchanged()) return false;
  const previous = lastWritten?.index === index ? lastWritten.manifest : undefined;
  lastWritten = undefined;
  const changed = index.takeChangedLists();
  const firsts = index.firstCharacters();
  const id = newSnapshotId();
  const parts: Record<string, string> = {};
  const rows: { key: string; value: string }[] = [];
  let sliceStart = performance.now();
  for (const first of firsts) {
    if (previous && !changed.has(first)) {
      if (previous.parts[first]) parts[first] = previous.parts[first];
      continue;
    }
    const text = index.listText(first);
    if (text === undefined) return false;
    if (text !== '') {
      const key = `${PART_PREFIX}${id}:${first}`;
      parts[first] = key;
      rows.push({ key, value: text });
    }
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTask();
      if (!unchanged()) return false;
      sliceStart = performance.now();
    }
  }
  const manifest: Manifest = { format: FORMAT, id, stamp, schema: db.verno, parts, cards: index.size };
  const written = await db.transaction('rw', db.meta, async () => {
    const [current, stored] = await db.meta.bulkGet([CUSTOMERS_STAMP_KEY, SNAPSHOT_MANIFEST_KEY]);
    if (stampOf(current) !== stamp || !unchanged()) return false;
    // The rows kept from before must still be the ones this tab wrote.
    if (previous && (!isManifest(stored?.value) || stored.value.id !== previous.id)) return false;
    const keep = new Set(Object.values(parts));
    const old = (await db.meta.where('key').startsWith(PART_PREFIX).primaryKeys()).filter((key) => !keep.has(key));
    await db.meta.bulkDelete(old);
    await db.meta.bulkPut(rows);
    await db.meta.put({ key: SNAPSHOT_MANIFEST_KEY, value: manifest });
    return true;
  });
  if (written) {
    lastWritten = { index, manifest };
    // For the bench: what a cold start will find.
    performance.mark('daifuku:search-snapshot-written', { detail: { cards: manifest.cards, rows: rows.length } });
  }
  return written;
}

/** Forgets what this tab wrote (the database was opened afresh). */
export function forgetWrittenSnapshot(): void {
  lastWritten = undefined;
}
