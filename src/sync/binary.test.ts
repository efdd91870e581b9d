// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BinaryValueError, decodeBinary, encodeBinary, MAX_BLOB_BYTES } from './binary';

const jpeg = (bytes: number[]) => new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' });

describe('a photo on the wire', () => {
  it('goes through JSON as tagged base64 and comes back a Blob with the same bytes and type', async () => {
    const set = {
      blob: jpeg([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 250]),
      width: 4,
      items: [{ photo: jpeg([1, 2, 3]) }],
    };
    const wire = JSON.parse(JSON.stringify(await encodeBinary(set))) as typeof set;
    expect(wire.blob).toEqual({ $binary: 'blob', type: 'image/jpeg', base64: '/9j/4AABAvo=' });
    const back = decodeBinary(wire);
    expect(back.blob).toBeInstanceOf(Blob);
    expect(back.blob.type).toBe('image/jpeg');
    expect([...new Uint8Array(await back.blob.arrayBuffer())]).toEqual([
      0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 250,
    ]);
    expect([...new Uint8Array(await back.items[0]!.photo.arrayBuffer())]).toEqual([1, 2, 3]);
    expect(back.width).toBe(4);
  });

  it('leaves values without a photo as they are', async () => {
    const set = { name: '田中 花子', tags: ['常連'] };
    expect(await encodeBinary(set)).toBe(set);
    expect(decodeBinary(set)).toBe(set);
  });

  it('refuses a tag that is not exactly a photo, and says when it is a kind a newer version may send', () => {
    const refused = (value: unknown) => {
      try {
        decodeBinary({ blob: value });
      } catch (error) {
        return error instanceof BinaryValueError ? (error.newer ? 'newer' : 'invalid') : 'other';
      }
      return 'accepted';
    };
    expect(refused({ $binary: 'blob', type: 'image/jpeg', base64: 'AAAA' })).toBe('accepted');
    expect(refused({ $binary: 'blob', type: 'image/jpeg', base64: 'A*A=' })).toBe('invalid');
    expect(refused({ $binary: 'blob', type: 'image/jpeg', base64: 'AAA' })).toBe('invalid');
    expect(refused({ $binary: 'blob', type: '<script>', base64: 'AAAA' })).toBe('invalid');
    expect(refused({ $binary: 'blob', type: 'image/jpeg', base64: 'AAAA', extra: 1 })).toBe(
      'invalid',
    );
    expect(refused({ $binary: 'blob', base64: 'AAAA' })).toBe('invalid');
    expect(refused({ $binary: 7, type: '', base64: '' })).toBe('invalid');
    expect(refused({ $binary: 'video', type: 'video/mp4', base64: 'AAAA' })).toBe('newer');
    expect(
      refused({
        $binary: 'blob',
        type: 'image/jpeg',
        base64: 'A'.repeat(Math.ceil(MAX_BLOB_BYTES / 3) * 4 + 8),
      }),
    ).toBe('invalid');
  });
});
