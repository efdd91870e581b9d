// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { firstThatFits, fitWithin, PHOTO_MAX_BYTES, photoSteps, type PhotoStep } from './photo-resize';

describe('sizing a photo for the ledger', () => {
  it('brings a 12 MP landscape photo down to 1280 on the long side', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1280, height: 960 });
  });

  it('keeps a portrait photo portrait', () => {
    expect(fitWithin(3024, 4032)).toEqual({ width: 960, height: 1280 });
  });

  it('never enlarges a small photo', () => {
    expect(fitWithin(640, 480)).toEqual({ width: 640, height: 480 });
    expect(fitWithin(1280, 1280)).toEqual({ width: 1280, height: 1280 });
  });

  it('keeps a very thin panorama at least a pixel high', () => {
    expect(fitWithin(20000, 3)).toEqual({ width: 1280, height: 1 });
  });

  it('refuses a size that is not an image', () => {
    expect(() => fitWithin(0, 100)).toThrow(RangeError);
    expect(() => fitWithin(Number.NaN, 100)).toThrow(RangeError);
  });
});

describe('keeping a photo small enough to sync', () => {
  const bytes = (n: number) => new Blob([new Uint8Array(n)], { type: 'image/jpeg' });

  it('keeps the first encoding when it fits', async () => {
    const tried: PhotoStep[] = [];
    const photo = await firstThatFits(photoSteps(), async (step) => {
      tried.push(step);
      return { blob: bytes(120_000), step };
    });
    expect(tried).toEqual([{ edge: 1280, quality: 0.82 }]);
    expect(photo.step).toEqual({ edge: 1280, quality: 0.82 });
  });

  it('lowers the quality, then the size, of a busy picture until it fits', async () => {
    // As JPEG behaves: fewer bytes at lower quality, far fewer at a smaller size.
    const size = ({ edge, quality }: PhotoStep) => Math.round(900_000 * quality * (edge / 1280) ** 2);
    const photo = await firstThatFits(photoSteps(), async (step) => ({ blob: bytes(size(step)), step }));
    expect(photo.blob.size).toBeLessThanOrEqual(PHOTO_MAX_BYTES);
    expect(photo.step).toEqual({ edge: 960, quality: 0.7 });
  });

  it('never goes below a readable size, and keeps the smallest when nothing fits', async () => {
    const steps = photoSteps();
    expect(Math.min(...steps.map((s) => s.edge))).toBeGreaterThanOrEqual(320);
    const photo = await firstThatFits(steps, async (step) => ({ blob: bytes(PHOTO_MAX_BYTES + 1), step }));
    expect(photo.step).toEqual(steps.at(-1));
  });
});
