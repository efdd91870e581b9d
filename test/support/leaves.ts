/**
 * Every text and number stored in a value, walked through arrays, objects and JSON strings.
 *
 * "The secret is not stored" must be asked of whole values, not of a serialised record: a
 * random id, salt or hash contains any short run of digits now and then, and a test that reads
 * `"…699524680cbb"` as a stored PIN fails by chance.
 */
export function storedLeaves(value: unknown): string[] {
  if (typeof value === 'string') {
    const parsed = parsedJson(value);
    return parsed === undefined ? [value] : [value, ...storedLeaves(parsed)];
  }
  if (typeof value === 'number' || typeof value === 'bigint') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(storedLeaves);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...storedLeaves(inner)]);
  }
  return [];
}

function parsedJson(text: string): unknown {
  if (!/^\s*[[{"]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
