/**
 * The bench site: the production app plus bench.html on the same origin, so the bench page's
 * data layer and the app's UI share one IndexedDB ledger.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vite';
import appConfig from '../vite.config.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export default mergeConfig(
  appConfig,
  defineConfig({
    root,
    build: {
      outDir: 'build/bench-site',
      emptyOutDir: true,
      // BENCH_SOURCEMAP=1: maps for reading a BENCH_PROFILE's functions by their source names.
      sourcemap: Boolean(process.env.BENCH_SOURCEMAP),
      rolldownOptions: {
        input: {
          main: fileURLToPath(new URL('../index.html', import.meta.url)),
          bench: fileURLToPath(new URL('./bench.html', import.meta.url)),
        },
      },
    },
  }),
);
