/**
 * Whether a stored or received value is a Blob (a photo). Not `instanceof Blob`: a page, a worker,
 * and IndexedDB in the tests (Node's structured clone under jsdom) can each hand back a Blob of
 * another realm's class. The tag cannot be forged by data: JSON has no symbol keys.
 */
export function isBlob(value: unknown): value is Blob {
  return (
    value instanceof Blob ||
    Object.prototype.toString.call(value) === '[object Blob]' ||
    Object.prototype.toString.call(value) === '[object File]'
  );
}
