import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach, expect } from 'vitest';
import { i18n } from '../src/i18n';
import { resetCounterLock } from '../src/lib/counter-lock';
import { resetImportRun } from '../src/features/settings/run-import';
import { resetDatabase } from './support/database';

// CI runs these files in parallel beside the 1,000-schedule sync property test: a screen that
// appears after a few IndexedDB round trips may take longer than the default second there.
configure({ asyncUtilTimeout: 5000 });

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
  resetImportRun();
});
