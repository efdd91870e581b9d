import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { resetDatabase } from './support/database';

beforeEach(async () => {
  await resetDatabase();
});

afterEach(() => {
  cleanup();
  globalThis.localStorage?.clear();
});
