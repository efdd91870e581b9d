import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };
import { firstScreenHtml } from './scripts/vite-first-screen.ts';

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
  },
  plugins: [
    react(),
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
  },
});
