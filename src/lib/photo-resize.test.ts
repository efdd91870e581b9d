// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fitWithin } from './photo-resize';

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
