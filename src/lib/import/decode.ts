/**
 * Turning a file's bytes into text. Shops bring CSV from Excel (Shift_JIS unless saved as "CSV
 * UTF-8", which adds a BOM), from other POS systems (UTF-8 with or without BOM) and from phones
 * (vCard, UTF-8). UTF-8 is tried strictly first: Shift_JIS text is almost never valid UTF-8, while
 * the reverse guess would garble every accented or emoji character.
 */
export type TextEncodingName = 'utf-8' | 'shift_jis' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  // Excel's "Unicode text" export.
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('shift_jis').decode(bytes), encoding: 'shift_jis' };
  }
}

export type ImportSource = string | Blob | ArrayBuffer | Uint8Array;

/** Reads any accepted source as text; a string is taken as already decoded. */
export async function readSource(source: ImportSource): Promise<DecodedText> {
  if (typeof source === 'string') return { text: source.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  if (source instanceof Uint8Array) return decodeBytes(source);
  if (source instanceof ArrayBuffer) return decodeBytes(new Uint8Array(source));
  return decodeBytes(new Uint8Array(await source.arrayBuffer()));
}
