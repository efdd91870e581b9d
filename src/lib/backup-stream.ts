/**
 * Reading and writing large files a piece at a time, so a backup holding hundreds of megabytes of
 * photos never has to fit in one string (a tab holding the whole file, then its parsed copy, then
 * a second copy while writing, is what crashes on a tablet).
 *
 * Writing: text pieces gather into a Blob, which the browser keeps outside the JavaScript heap
 * (on disk once large). Reading: the file is read in slices of a megabyte and split into lines.
 */

const READ_SLICE = 1024 * 1024;
/** Strings kept in the heap before they are handed to the browser as one Blob part. */
const PART_CHARS = 4 * 1024 * 1024;

/** Gathers text and binary pieces into one Blob without holding them all as strings. */
export class BlobWriter {
  private readonly parts: BlobPart[] = [];
  private pending: string[] = [];
  private pendingChars = 0;

  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= PART_CHARS) this.flush();
  }

  /** Appends a finished Blob (its bytes are not read). */
  append(blob: Blob): void {
    this.flush();
    this.parts.push(blob);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.parts.push(new Blob(this.pending));
    this.pending = [];
    this.pendingChars = 0;
  }

  toBlob(type: string): Blob {
    this.flush();
    return new Blob(this.parts, { type });
  }
}

/** The bytes of a Blob, a slice at a time. */
export async function* bytesOf(blob: Blob, slice = READ_SLICE): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < blob.size; start += slice) {
    yield new Uint8Array(await blob.slice(start, start + slice).arrayBuffer());
  }
}

export class LineTooLongError extends Error {
  constructor(readonly line: number) {
    super(`line ${line} is longer than a backup line can be`);
    this.name = 'LineTooLongError';
  }
}

export interface Line {
  /** 1-based, as an editor counts. */
  number: number;
  text: string;
}

/**
 * UTF-8 text lines of a byte stream (a carriage return before the newline is dropped). A line
 * longer than `maxChars` stops the reading: a damaged or hostile file must not fill the memory.
 */
export async function* linesOf(chunks: AsyncIterable<Uint8Array>, maxChars: number): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pieces: string[] = [];
  let pendingChars = 0;
  let number = 1;
  const take = (tail: string): Line => {
    pieces.push(tail);
    const text = pieces.join('');
    pieces = [];
    pendingChars = 0;
    return { number: number++, text: text.endsWith('\r') ? text.slice(0, -1) : text };
  };
  const feed = function* (text: string): Generator<Line> {
    let from = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', from)) {
      if (pendingChars + at - from > maxChars) throw new LineTooLongError(number);
      yield take(text.slice(from, at));
      from = at + 1;
    }
    const rest = text.slice(from);
    pendingChars += rest.length;
    if (pendingChars > maxChars) throw new LineTooLongError(number);
    if (rest) pieces.push(rest);
  };
  for await (const chunk of chunks) yield* feed(decoder.decode(chunk, { stream: true }));
  yield* feed(decoder.decode());
  if (pieces.length > 0) yield take('');
}

/** The first line of a file, or undefined when it is longer than `maxChars` (or not UTF-8). */
export async function firstLineOf(blob: Blob, maxChars: number): Promise<string | undefined> {
  try {
    for await (const line of linesOf(bytesOf(blob), maxChars)) return line.text;
  } catch {
    return undefined;
  }
  return '';
}
