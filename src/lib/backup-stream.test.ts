import { describe, expect, it } from 'vitest';
import { BlobWriter, bytesOf, LineTooLongError, linesOf } from './backup-stream';

async function lines(blob: Blob, slice: number, max = 1000) {
  const out: string[] = [];
  for await (const line of linesOf(bytesOf(blob, slice), max)) out.push(`${line.number}:${line.text}`);
  return out;
}

describe('reading a backup a piece at a time', () => {
  it('keeps Japanese text whole when a slice ends inside a character, and drops Windows line ends', async () => {
    const blob = new Blob(['{"name":"田中 花子"}\r\n,{"name":"渡辺美咲"}\n}}']);
    for (const slice of [1, 2, 3, 5, 7, 1024]) {
      expect(await lines(blob, slice), `slice ${slice}`).toEqual(['1:{"name":"田中 花子"}', '2:,{"name":"渡辺美咲"}', '3:}}']);
    }
  });

  it('stops at a line longer than a backup line can be, naming it', async () => {
    const blob = new Blob(['short\n', 'x'.repeat(50), '\nnever read\n']);
    await expect(lines(blob, 8, 20)).rejects.toEqual(new LineTooLongError(2));
  });

  it('refuses bytes that are not UTF-8', async () => {
    await expect(lines(new Blob([new Uint8Array([0x7b, 0xff, 0xfe, 0x0a])]), 2)).rejects.toBeInstanceOf(TypeError);
  });

  it('writes many small pieces as one Blob in order', async () => {
    const out = new BlobWriter();
    for (let i = 0; i < 1000; i++) out.write(`${i}\n`);
    out.append(new Blob(['photo\n']));
    out.write('end');
    const text = await out.toBlob('application/json').text();
    expect(text.split('\n').slice(998)).toEqual(['998', '999', 'photo', 'end']);
  });
});
