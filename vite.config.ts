import { existsSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };
import { firstScreenHtml } from './scripts/vite-first-screen.ts';
import { fileURLToPath } from 'node:url';

/**
 * React Router's package points every build at its development files, whose warnings then run in
 * the shop (remix-run/react-router#14102, open): a production build takes its production files,
 * 0.5 KB gzip less on the first screen. Without them (a later version), the package's own choice.
 */
function reactRouterProductionFiles(): Plugin {
  const file = fileURLToPath(new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url));
  return {
    name: 'daifuku:react-router-production',
    apply: 'build',
    enforce: 'pre',
    resolveId: (source) => (source === 'react-router' && existsSync(file) ? file : null),
  };
}

type ModuleGraph = { getModuleInfo(id: string): { importedIds: readonly string[] } | null };

/** Every module `entry` imports statically, directly or not, and `entry` itself if asked. */
function staticImportsOf(entry: string, graph: ModuleGraph, withEntry: boolean): Set<string> {
  const seen = new Set<string>();
  const todo = withEntry ? [entry] : [...(graph.getModuleInfo(entry)?.importedIds ?? [])];
  while (todo.length) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    todo.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}

/**
 * A chunk group of what `entry` imports statically, worked out once per build (the graph object
 * is the same throughout one chunking pass). A page's entry stays out of it: another page (the
 * bench's) may share the group's modules without running the app.
 */
function chunkOfStaticImports(name: string, entry: string, { withEntry = false } = {}) {
  const modules = new WeakMap<object, Set<string>>();
  return {
    name: (id: string, graph: ModuleGraph) => {
      let group = modules.get(graph);
      if (!group) modules.set(graph, (group = staticImportsOf(entry, graph, withEntry)));
      // Stylesheets stay with the page's entry: its stylesheet is inlined into the page
      // (vite-first-screen.ts), and one attached to a shared chunk would be preloaded by every lazy
      // screen from a file that is no longer shipped.
      return group.has(id) && !/\.css($|\?)/.test(id) ? name : null;
    },
  };
}

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
  },
  plugins: [
    react(),
    reactRouterProductionFiles(),
    firstScreenHtml(),
    VitePWA({
      // 'prompt': a new version waits until the person accepts it, so nobody loses a half-typed entry.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Daifuku 大福帳 — customer ledger',
        short_name: 'Daifuku',
        description: 'An offline-first customer ledger for small shops',
        lang: 'ja',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#8c2f1b',
        background_color: '#fbf7f0',
        icons: [
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: 'maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
        navigateFallback: 'index.html',
        // The sync API shares this origin later; it must never be answered from the app shell.
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  // The import's worker is started as a module worker (import-batches.ts), so it is built as one.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Maps stay in dist/ for reading a stack trace from a shop, but the bundles do not point to
    // them and the server never serves *.map (server/app.ts).
    sourcemap: 'hidden',
    // Every browser a shop's tablet or phone runs today preloads modules itself (Safari since 17);
    // one that does not still loads them, through the imports, only without the head start.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // The first screen's code in one file, and the search's in another: left to the automatic
        // splitting they came as some forty small files, each compressed on its own, 10 KB more
        // gzip before the first search result (first_screen_js_gzip_kb).
        codeSplitting: {
          groups: [
            chunkOfStaticImports('app', fileURLToPath(new URL('./src/main.tsx', import.meta.url))),
            chunkOfStaticImports('search', fileURLToPath(new URL('./src/db/search/live-index.ts', import.meta.url)), {
              withEntry: true,
            }),
          ],
        },
      },
    },
  },
});
