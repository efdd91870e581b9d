/**
 * What the first screen needs arrives with the page instead of after it, on a slow network:
 * - the app's stylesheet is inlined, so the top bar paints without waiting on a request;
 * - the app's code (its entry and the modules it preloads) is asked for once that top bar is
 *   painted, by a few lines of script at the end of the page: on a slow network the page's first
 *   paint never waits on, nor competes with, 140 KB of script (one frame later than the HTML's
 *   own tags would have asked for them);
 * - with them, the first screen's strings in this device's language, so they download alongside
 *   the app's code rather than once it has run (src/main.tsx awaits them before the first
 *   render). This only hints: if it guesses the language wrong, the app still loads the right
 *   strings itself, one round trip later;
 * - the ledger's database is opened as the page arrives, while that code loads and runs: on a
 *   tablet's first start of the day the browser spends 100–200 ms opening a large ledger's files,
 *   which the app's own open, 300 ms into the start, would otherwise wait for. This connection
 *   creates nothing (on a first visit there is no ledger yet), makes way for any upgrade or
 *   deletion, and closes once the app has had time to open its own.
 */
import type { Plugin } from 'vite';
import { DATABASE_NAME } from '../src/db/database-name.ts';

const STYLESHEET = /<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g;
const ENTRY = /\s*<script type="module" crossorigin src="(\/[^"]+\.js)"><\/script>/;
const MODULE_PRELOAD = /\s*<link rel="modulepreload" crossorigin href="(\/[^"]+\.js)">/g;

/** Module path of each language's first-screen strings → that language. */
const FIRST_SCREEN_STRINGS: Record<string, string> = {
  'src/i18n/ja/index.ts': 'ja',
  'src/i18n/en/index.ts': 'en',
};

/** How long the boot script's connection stays open: the app has opened its own well before. */
const WARM_CONNECTION_MS = 5_000;

/**
 * Mirrors detectLanguage (src/i18n/language.ts): the language picked in Settings on this device,
 * else the first of the device's languages the app speaks, else English.
 */
function bootScript(entry: string, preloads: string[], files: Record<string, string>): string {
  return `<script>
      (function () {
        try {
          var warm = indexedDB.open(${JSON.stringify(DATABASE_NAME)});
          warm.onupgradeneeded = function () { warm.transaction.abort(); };
          warm.onerror = function (event) { event.preventDefault(); };
          warm.onsuccess = function () {
            var ledger = warm.result;
            ledger.onversionchange = function () { ledger.close(); };
            setTimeout(function () { ledger.close(); }, ${WARM_CONNECTION_MS});
          };
        } catch (e) {}
      })();
      (function () {
        var files = ${JSON.stringify(files)};
        var language;
        try { language = localStorage.getItem('daifuku.language'); } catch (e) {}
        if (!files[language]) {
          language = 'en';
          var tags = navigator.languages || [navigator.language];
          for (var i = 0; i < tags.length; i++) {
            var base = String(tags[i]).toLowerCase().split('-')[0];
            if (files[base]) { language = base; break; }
          }
        }
        var preloads = ${JSON.stringify(preloads)}.concat(files[language] ? [files[language]] : []);
        var booted = false;
        function boot() {
          if (booted) return;
          booted = true;
          for (var j = 0; j < preloads.length; j++) {
            var link = document.createElement('link');
            link.rel = 'modulepreload';
            link.crossOrigin = '';
            link.href = preloads[j];
            document.head.appendChild(link);
          }
          var script = document.createElement('script');
          script.type = 'module';
          script.crossOrigin = '';
          script.src = ${JSON.stringify(entry)};
          document.head.appendChild(script);
        }
        // A frame callback, then a task: the frame with the top bar has been painted. A page
        // opened hidden gets no frames, hence the timer.
        requestAnimationFrame(function () { setTimeout(boot, 0); });
        setTimeout(boot, 100);
      })();
    </script>`;
}

export function firstScreenHtml(): Plugin {
  const inlined = new Set<string>();
  return {
    name: 'daifuku-first-screen-html',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        if (!bundle || !html.includes('id="root"')) return html;
        let page = html.replace(STYLESHEET, (link, fileName: string) => {
          const asset = bundle[fileName];
          if (asset?.type !== 'asset') return link;
          inlined.add(fileName);
          return `<style>${String(asset.source).trim()}</style>`;
        });
        const files: Record<string, string> = {};
        for (const output of Object.values(bundle)) {
          if (output.type !== 'chunk' || !output.facadeModuleId) continue;
          for (const [module, language] of Object.entries(FIRST_SCREEN_STRINGS)) {
            if (output.facadeModuleId.replaceAll('\\', '/').endsWith(module)) files[language] = `/${output.fileName}`;
          }
        }
        const entry = ENTRY.exec(page)?.[1];
        if (!entry || Object.keys(files).length !== Object.keys(FIRST_SCREEN_STRINGS).length) return page;
        const preloads: string[] = [];
        page = page.replace(ENTRY, '').replace(MODULE_PRELOAD, (_, file: string) => {
          preloads.push(file);
          return '';
        });
        return page.replace('</body>', `  ${bootScript(entry, preloads, files)}\n  </body>`);
      },
    },
    generateBundle: {
      order: 'post',
      handler(_, bundle) {
        // A stylesheet now inside the page is not shipped (nor precached) a second time.
        for (const fileName of inlined) {
          const stillLinked = Object.values(bundle).some(
            (output) => output.type === 'asset' && output.fileName.endsWith('.html') && String(output.source).includes(fileName),
          );
          if (!stillLinked) {
            delete bundle[fileName];
            delete bundle[`${fileName}.map`];
          }
        }
      },
    },
  };
}
