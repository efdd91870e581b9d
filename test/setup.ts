import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, expect } from 'vitest';
import { i18n } from '../src/i18n';
import { resetCounterLock } from '../src/lib/counter-lock';
import { resetDatabase } from './support/database';

// A screen that shows a translation key instead of words fails its test.
const missingKeys: string[] = [];
i18n.onMissingKey = (key, language) => missingKeys.push(`${language}:${key}`);

beforeEach(async () => {
  await resetDatabase();
});

afterEach(() => {
  cleanup();
  const missing = missingKeys.splice(0);
  expect(missing, 'translation keys with no string').toEqual([]);
  globalThis.localStorage?.clear();
  resetCounterLock();
});
