/**
 * Photos from a tablet camera are 3–12 MP: far more than a ledger needs and heavy for IndexedDB
 * and sync. They are resized on the device to at most PHOTO_MAX_EDGE pixels on the long side and
 * stored as JPEG. `resizePhoto` needs a browser (createImageBitmap and a canvas; jsdom has
 * neither): the end-to-end tests run it in chromium, component tests stub this module.
 */
export const PHOTO_MAX_EDGE = 1280;
const JPEG_QUALITY = 0.82;

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

function toJpeg(canvas: OffscreenCanvas | HTMLCanvasElement): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', JPEG_QUALITY),
  );
}

export async function resizePhoto(file: Blob, max = PHOTO_MAX_EDGE): Promise<ResizedPhoto> {
  // 'from-image' applies the camera's EXIF rotation, so a portrait photo stays upright.
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height, max);
    const canvas = canvasOf(width, height);
    const context = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
    if (!context) throw new Error('no 2D canvas');
    // JPEG has no transparency: a transparent PNG would turn black without a background.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    return { blob: await toJpeg(canvas), width, height };
  } finally {
    bitmap.close();
  }
}
