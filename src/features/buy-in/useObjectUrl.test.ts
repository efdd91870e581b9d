import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useObjectUrl } from './useObjectUrl';

describe('a stored photo’s address', () => {
  it('is missing, not a crash, for a photo an earlier version synced as an empty object', () => {
    const { result } = renderHook(() => useObjectUrl({} as Blob));
    expect(result.current).toBeUndefined();
  });
});
