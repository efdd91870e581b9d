// Lint rules, including the architecture rules the codebase relies on:
//  - features stay independent: src/features/<x> never imports src/features/<y>;
//    shared code moves down to src/components or src/lib instead.
//  - only src/db touches IndexedDB: everyone else goes through its functions
//    (dexie-react-hooks' useLiveQuery is fine, it only subscribes).
//  - no import loops (import-x/no-cycle; type-only imports do not count, they vanish at build).
//  - layers point down: src/model (row types and shared constants) < src/lib (pure helpers) <
//    src/db (the data layer) < src/sync (the network) < screens. CONTRIBUTING.md draws it.
// Type-aware rules are left out on purpose so `npm run lint` stays a few seconds.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CODE = ['**/*.{js,mjs,cjs,ts,tsx}'];

/** How import-x reads our TypeScript modules to follow imports (relative paths, no aliases). */
const IMPORT_SETTINGS = {
  'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
  'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
  'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
};

const dexieOnlyInDataLayer = {
  regex: '^dexie(/.*)?$',
  message:
    'Only src/db talks to IndexedDB. Call a function from src/db (or useLiveQuery from dexie-react-hooks) instead.',
};

/**
 * Import patterns that leave feature folder <x> for a sibling feature, for a file
 * `depth` folders below src/features/<x>/. no-restricted-imports sees only the import
 * string, so how many `../` reach src/features depends on where the file sits; hence
 * one block per depth. Climbing exactly to src/features and stepping into any folder
 * is a cross-feature import (re-entering one's own feature that way is pointless), and
 * so is any path that names a features/ folder on its way.
 */
function crossFeaturePatterns(depth) {
  const toFeatures = '\\.\\./'.repeat(depth + 1);
  const message =
    'Features must not import each other. Move shared code to src/components or src/lib, or compose features in src/app.';
  return [
    { regex: `^${toFeatures}[^./]`, message },
    { regex: '(^|/)features/', message },
  ];
}

// Deep enough for any sensible feature layout; deeper files still get the dexie rule.
const FEATURE_DEPTHS = [0, 1, 2, 3, 4, 5];

export default defineConfig([
  globalIgnores([
    'dist/',
    'build/',
    'node_modules/',
    'coverage/',
    'public/',
    'bench/results.json',
    'test-results/',
  ]),

  {
    files: CODE,
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },

  {
    files: ['server/**', 'scripts/**', 'test/**', 'bench/**', '*.config.{js,ts}', '.ci/**'],
    languageOptions: { globals: globals.node },
  },

  {
    // End-to-end tests, the bench and the screenshot script drive a real browser; page.evaluate
    // callbacks run there, and the bench page itself runs in it.
    files: ['test/e2e/**', 'bench/**', 'scripts/screenshots*.mjs', 'scripts/first-screen-js.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },

  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: IMPORT_SETTINGS,
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },

  {
    // Tests may reach across layers (a data-layer story syncs through the real client).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: IMPORT_SETTINGS,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/model',
              from: ['./src/db', './src/sync', './src/features', './src/hooks', './src/components', './src/app', './src/i18n'],
              message: 'src/model is the bottom layer: row types and shared constants only.',
            },
            {
              target: './src/lib',
              from: ['./src/db', './src/sync', './src/features', './src/hooks', './src/components', './src/app'],
              message: 'src/lib holds pure helpers: take row types from src/model, never the data layer or screens.',
            },
            {
              target: './src/db',
              from: ['./src/sync', './src/features', './src/hooks', './src/components', './src/app'],
              message: 'src/db is below the network and the screens: move what both need down to src/lib or src/model.',
            },
            {
              target: './src/sync',
              from: ['./src/features', './src/hooks', './src/components', './src/app'],
              message: 'src/sync is below the screens.',
            },
          ],
        },
      ],
    },
  },

  {
    files: CODE,
    ignores: ['src/db/**', 'test/**', 'bench/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [dexieOnlyInDataLayer] }],
    },
  },

  // Flat config replaces rule options rather than merging them, so these blocks
  // repeat the dexie pattern alongside the feature-boundary ones.
  ...FEATURE_DEPTHS.map((depth) => ({
    files: [`src/features/*/${'*/'.repeat(depth)}*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [dexieOnlyInDataLayer, ...crossFeaturePatterns(depth)] },
      ],
    },
  })),
]);
