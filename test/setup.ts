import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { resetCounterLock } from '../src/lib/counter-lock';
import { resetDatabase } from './support/database';

beforeEach(async () => {
  await resetDatabase();
});

afterEach(() => {
  cleanup();
  globalThis.localStorage?.clear();
  resetCounterLock();
});
