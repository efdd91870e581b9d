/**
 * Photos from a tablet camera are 3–12 MP: far more than a ledger needs and heavy for IndexedDB
 * and sync. They are resized on the device to at most PHOTO_MAX_EDGE pixels on the long side and
 * stored as JPEG of at most PHOTO_MAX_BYTES: a busy picture (fabric, gravel) that comes out larger
 * is encoded again at a lower quality, then smaller. Sync carries a photo in one change, as base64
 * and, in a shop that encrypts, as ciphertext of that (about 1.8 times the bytes), and the server
 * takes an encrypted payload of up to 1,000,000 characters. `resizePhoto` needs a browser
 * (createImageBitmap and a canvas; jsdom has neither): the end-to-end tests run it in chromium,
 * component tests stub this module.
 */
export const PHOTO_MAX_EDGE = 1280;
export const PHOTO_MAX_BYTES = 400_000;
const JPEG_QUALITY = 0.82;

/** One way to encode the photo: its long edge in pixels and the JPEG quality. */
export interface PhotoStep {
  edge: number;
  quality: number;
}

/** What to try, best first: the full size at lower qualities, then smaller sizes. */
export function photoSteps(max = PHOTO_MAX_EDGE): PhotoStep[] {
  const steps: PhotoStep[] = [JPEG_QUALITY, 0.7, 0.55].map((quality) => ({ edge: max, quality }));
  for (let edge = Math.round(max * 0.75); edge >= 320; edge = Math.round(edge * 0.75)) steps.push({ edge, quality: 0.7 });
  return steps;
}

/** The first encoding that fits in `maxBytes`, or the last (smallest) one tried. */
export async function firstThatFits<T extends { blob: Blob }>(
  steps: readonly PhotoStep[],
  encode: (step: PhotoStep) => Promise<T>,
  maxBytes = PHOTO_MAX_BYTES,
): Promise<T> {
  let last: T | undefined;
  for (const step of steps) {
    last = await encode(step);
    if (last.blob.size <= maxBytes) return last;
  }
  if (!last) throw new RangeError('no way to encode the photo');
  return last;
}

/** The size that fits within `max` on both sides, keeping the proportions; never enlarged. */
export function fitWithin(width: number, height: number, max = PHOTO_MAX_EDGE): { width: number; height: number } {
  if (!(width > 0 && height > 0)) throw new RangeError(`not an image size: ${width}×${height}`);
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export interface ResizedPhoto {
  blob: Blob;
  width: number;
  height: number;
}

function canvasOf(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function toJpeg(canvas: OffscreenCanvas | HTMLCanvasElement, quality: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', quality),
  );
}

export async function resizePhoto(file: Blob, max = PHOTO_MAX_EDGE, maxBytes = PHOTO_MAX_BYTES): Promise<ResizedPhoto> {
  // 'from-image' applies the camera's EXIF rotation, so a portrait photo stays upright.
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    return await firstThatFits(
      photoSteps(max),
      async ({ edge, quality }) => {
        const { width, height } = fitWithin(bitmap.width, bitmap.height, edge);
        const canvas = canvasOf(width, height);
        const context = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
        if (!context) throw new Error('no 2D canvas');
        // JPEG has no transparency: a transparent PNG would turn black without a background.
        context.fillStyle = '#fff';
        context.fillRect(0, 0, width, height);
        context.drawImage(bitmap, 0, 0, width, height);
        return { blob: await toJpeg(canvas, quality), width, height };
      },
      maxBytes,
    );
  } finally {
    bitmap.close();
  }
}
